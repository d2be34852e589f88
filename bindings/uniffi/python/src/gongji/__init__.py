"""gongji — China employee medical-insurance personal-account sharing (职工医保个人账户共济).

The rules live in one Rust core; this package is its uniffi binding. Money is ``decimal.Decimal``
(never a float); every failure raises ``GongjiError.Rejected`` with ``code``, ``rule``, ``field``,
``message_zh`` and ``message_en``.

    >>> from decimal import Decimal
    >>> from gongji import *
    >>> applied = apply(WalletState(), Command.REGISTER_PERSON(
    ...     person=Person(id="xiaoming", scheme=Scheme.EMPLOYEE, region="110000", enrollment=Enrollment.ACTIVE),
    ...     balance=Decimal("5000.00"), current_year_credits=Decimal("0")), "2025-07-01T10:00")
    >>> applied.state.accounts[0].balance
    Decimal('5000.00')
"""

from .gongji_ffi import *  # noqa: F401,F403
from .gongji_ffi import __all__  # noqa: F401
