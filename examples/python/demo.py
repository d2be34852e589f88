"""小明's family (the worked example of `gongji demo`) through the Python bindings.

小明 is an employee-scheme member in Beijing with 5000.00 yuan in his personal account. His father is
on the resident scheme in Jinan (another province: the wallet), his wife and son on the resident
scheme in Beijing (in-province sharing). Who may share, how much, a grant and a revoke, and the
father's inpatient bill settled from the quota.

    pip install bindings/uniffi/python && python3 examples/python/demo.py
"""

import sys
from decimal import Decimal

from gongji import (
    Accumulators,
    Category,
    Command,
    EligibilityRequest,
    Enrollment,
    FamilyFund,
    FundOrder,
    GongjiError,
    Item,
    ItemClass,
    Kinship,
    Mode,
    Person,
    Scheme,
    SettleRequest,
    Visit,
    VisitType,
    WalletState,
    apply,
    check_eligibility,
    settle,
    shareable,
    wallet_command,
)

NOW = "2025-07-01T10:00"
TODAY = NOW[:10]
XIAOMING = Person(id="xiaoming", scheme=Scheme.EMPLOYEE, region="110000", enrollment=Enrollment.ACTIVE, wallet_opened=True)
FATHER = Person(id="father", scheme=Scheme.RESIDENT, region="370100", enrollment=Enrollment.ACTIVE, wallet_opened=True, retired=True)
FAMILY = [
    ("父亲 father (resident, Jinan)", FATHER, Kinship.PARENT, Mode.WALLET),
    ("妻子 wife (resident, Beijing)", Person(id="wife", scheme=Scheme.RESIDENT, region="110000", enrollment=Enrollment.ACTIVE), Kinship.SPOUSE, Mode.IN_PROVINCE),
    ("儿子 son (resident, Beijing)", Person(id="son", scheme=Scheme.RESIDENT, region="110000", enrollment=Enrollment.ACTIVE), Kinship.CHILD, Mode.IN_PROVINCE),
]


def main() -> None:
    print(f"1. 谁可以共济 Who may share (E-1…E-7), {TODAY}")
    brother = Person(id="brother", scheme=Scheme.EMPLOYEE, region="110000", enrollment=Enrollment.ACTIVE)
    checks = [(label, EligibilityRequest(date=TODAY, mode=mode, sharer=XIAOMING, beneficiary=p, kinship=k, commitment_signed=True))
              for label, p, k, mode in FAMILY]
    checks.append(("父亲，不用医保钱包 father, without the wallet",
                   EligibilityRequest(date=TODAY, mode=Mode.IN_PROVINCE, sharer=XIAOMING, beneficiary=FATHER, kinship=Kinship.PARENT, commitment_signed=True)))
    checks.append(("弟弟 brother, on 2023-06-01",
                   EligibilityRequest(date="2023-06-01", mode=Mode.IN_PROVINCE, sharer=XIAOMING, beneficiary=brother, kinship=Kinship.SIBLING, commitment_signed=True)))
    for label, request in checks:
        d = check_eligibility(request)
        why = " ".join(r.rule for r in d.passed) if d.allowed else "; ".join(f"{r.rule} {r.message_zh}" for r in d.failed)
        print(f"  {label:<44} {'yes' if d.allowed else 'no':<4} {why}")

    print("2. 可以共济多少 How much can be shared (Q-4, Q-7)")
    state = apply(WalletState(schema="gongji-wallet/1"), Command.REGISTER_PERSON(person=XIAOMING, balance=Decimal("5000.00"), current_year_credits=Decimal(0)), NOW).state
    for _label, person, kinship, mode in FAMILY:
        state = apply(state, Command.REGISTER_PERSON(person=person, balance=Decimal(0), current_year_credits=Decimal(0)), NOW).state
        state = apply(state, Command.ESTABLISH(sharer=XIAOMING.id, beneficiary=person.id, kinship=kinship, mode=mode, commitment_signed=True), NOW).state
    s = shareable(state, XIAOMING.id, NOW)
    print(f"  balance {s.balance} − reserved minimum {s.reserved_minimum} = shareable {s.shareable}; "
          f"advised reserve {s.advice_ratio} × {s.balance} = {s.advised_reserve}")

    print("3. 设定与收回额度 Grant and revoke (Q-1, Q-3)")
    father = next(r.id for r in state.relationships if r.beneficiary == "father")
    state = apply(state, Command.GRANT(relationship=father, amount=Decimal("2000.00")), NOW).state
    print(f"  grant 2000.00:  Xiaoming {state.accounts[0].balance}, father's quota {state.quotas[0].amount}")
    state = apply(state, Command.REVOKE(relationship=father, amount=Decimal("500.00")), NOW).state
    print(f"  revoke 500.00:  Xiaoming {state.accounts[0].balance}, father's quota {state.quotas[0].amount}")

    print("4. 父亲住院结算 The father's inpatient bill, Jinan, level-2 hospital (S-1…S-8)")
    quota = state.quotas[0]
    bill = SettleRequest(
        reference="JN20250702001",
        date="2025-07-02",
        patient=FATHER,
        own_balance=Decimal("0.00"),
        visit=Visit(kind=VisitType.INPATIENT, level=2),
        items=[
            Item(name="床位及诊疗 bed and care", amount=Decimal("1200.00"), category=Category.SERVICE, item_class=ItemClass.A),
            Item(name="乙类药品 class-B drugs", amount=Decimal("800.00"), category=Category.DRUG, item_class=ItemClass.B, preselfpay_ratio=Decimal("0.10")),
            Item(name="自费药品 self-paid drugs", amount=Decimal("300.00"), category=Category.DRUG, item_class=ItemClass.C),
        ],
        accumulators=Accumulators(deductible_met=Decimal(0), fund_paid=Decimal(0), in_scope_past_deductible=Decimal(0)),
        funds=[FamilyFund(sharer=quota.sharer, mode=Mode.WALLET, available=quota.amount, granted_at=quota.granted_at)],
        fund_order=FundOrder.OLDEST_GRANT,
        estimate=True,
    )
    paid = settle(bill)
    print(f"  医疗费总额 medfee_sumamt     {paid.medfee_sumamt}")
    print(f"  统筹基金支出 hifp_pay          {paid.hifp_pay}  (in scope {paid.inscp_scp_amt} − deductible {paid.act_pay_dedc}) × {paid.pool_prop_selfpay}")
    print(f"  共济支付 acct_mulaid_pay       {paid.acct_mulaid_pay}  from Xiaoming's quota")
    print(f"  现金支出 psn_cash_pay          {paid.psn_cash_pay}")
    for cmd in paid.wallet_commands:
        state = apply(state, wallet_command(cmd), "2025-07-02T09:00").state
    print(f"  father's quota after the spend {state.quotas[0].amount}")


if __name__ == "__main__":
    try:
        main()
    except GongjiError.Rejected as e:
        print(f"{e.code.name} ({e.rule}) at {e.field}: {e.message_zh} / {e.message_en}", file=sys.stderr)
        sys.exit(1)
