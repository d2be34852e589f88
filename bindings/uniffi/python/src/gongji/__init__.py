"""gongji — China employee medical-insurance personal-account sharing (职工医保个人账户共济).

The rules live in one Rust core; this package is its uniffi binding. Money is ``decimal.Decimal``
(never a float); every failure raises ``GongjiError.Rejected`` with ``code`` (a ``Code`` member),
``rule``, ``field``, ``message_zh`` and ``message_en``.

The generated code is two modules in ``gongji._native``, re-exported here: ``gongji_core`` (the core's
records, enums and error) and ``gongji_ffi`` (the functions and ``Policy``). Import from ``gongji``.

    >>> from decimal import Decimal
    >>> from gongji import *
    >>> applied = apply(WalletState(schema="gongji-wallet/1"), Command.REGISTER_PERSON(
    ...     person=Person(id="xiaoming", scheme=Scheme.EMPLOYEE, region="110000", enrollment=Enrollment.ACTIVE),
    ...     balance=Decimal("5000.00")), "2025-07-01T10:00")
    >>> applied.state.accounts[0].balance
    Decimal('5000.00')
"""

from ._native.gongji_core import *  # noqa: F401,F403
from ._native.gongji_ffi import *  # noqa: F401,F403
from ._native import gongji_core as _core, gongji_ffi as _ffi

__all__ = sorted(set(_core.__all__) | set(_ffi.__all__))
