"""The idiomatic Python API: the core's records and enums, decimal.Decimal money, GongjiError exceptions
with a typed Code.

Amounts are checked by hand (the arithmetic is in the comments), not against the core's output; the
typed results are also compared with the JSON API's documents.
"""

import enum
import json
import unittest
from decimal import Decimal

from gongji import (
    Accumulators,
    Command,
    EligibilityRequest,
    Enrollment,
    Event,
    FamilyFund,
    FundOrder,
    GongjiError,
    Item,
    ItemClass,
    Category,
    Code,
    Kinship,
    LineKind,
    LoggedEvent,
    Mode,
    Person,
    Policy,
    Scheme,
    SettleRequest,
    Settlement,
    StatementRequest,
    Visit,
    VisitType,
    WalletState,
    apply,
    check_eligibility,
    check_eligibility_json,
    invoke_json,
    operations,
    reverse,
    settle,
    settle_json,
    settle_summary,
    shareable,
    statement,
    validate_policy,
    validate_policy_json,
    wallet_command,
)

NOW = "2025-07-01T10:00"
XIAOMING = Person(id="xiaoming", scheme=Scheme.EMPLOYEE, region="110000", enrollment=Enrollment.ACTIVE, wallet_opened=True)
FATHER = Person(id="father", scheme=Scheme.RESIDENT, region="370100", enrollment=Enrollment.ACTIVE, wallet_opened=True, retired=True)
WIFE = Person(id="wife", scheme=Scheme.RESIDENT, region="110000", enrollment=Enrollment.ACTIVE)


def eligibility(beneficiary, kinship, mode, date="2025-07-01"):
    return EligibilityRequest(date=date, mode=mode, sharer=XIAOMING, beneficiary=beneficiary, kinship=kinship, commitment_signed=True)


def register(state, person, balance="0"):
    return apply(state, Command.REGISTER_PERSON(person=person, balance=Decimal(balance), current_year_credits=Decimal("0")), NOW).state


def family_with_quota():
    """小明 (5000.00) and his father in Jinan, wallet relationship, 2000.00 granted."""
    state = register(register(WalletState(schema="gongji-wallet/1"), XIAOMING, "5000.00"), FATHER)
    state = apply(state, Command.ESTABLISH(sharer="xiaoming", beneficiary="father", kinship=Kinship.PARENT, mode=Mode.WALLET, commitment_signed=True), NOW).state
    rel = state.relationships[0].id
    applied = apply(state, Command.GRANT(relationship=rel, amount=Decimal("2000.00")), NOW)
    return applied, rel


def father_bill(available="2000.00"):
    return SettleRequest(
        reference="JN20250702001",
        date="2025-07-02",
        patient=FATHER,
        own_balance=Decimal("0.00"),
        visit=Visit(kind=VisitType.INPATIENT, level=2),
        items=[
            Item(name="甲类药品", amount=Decimal("1800.00"), category=Category.DRUG, item_class=ItemClass.A),
            Item(name="乙类药品", amount=Decimal("1000.00"), category=Category.DRUG, item_class=ItemClass.B, preselfpay_ratio=Decimal("0.10")),
            Item(name="丙类诊疗", amount=Decimal("200.00"), category=Category.SERVICE, item_class=ItemClass.C),
        ],
        accumulators=Accumulators(deductible_met=Decimal("0"), fund_paid=Decimal("0"), in_scope_past_deductible=Decimal("0")),
        funds=[FamilyFund(sharer="xiaoming", mode=Mode.WALLET, available=Decimal(available), granted_at=NOW)],
        fund_order=FundOrder.OLDEST_GRANT,
        estimate=True,
    )


class EligibilityTest(unittest.TestCase):
    def test_e1_e5_father_in_another_province_shares_through_the_wallet(self):
        d = check_eligibility(eligibility(FATHER, Kinship.PARENT, Mode.WALLET))
        self.assertTrue(d.allowed)
        self.assertEqual(d.failed, [])
        self.assertIn("E-5", [r.rule for r in d.passed])

    def test_e5_father_in_province_mode_is_refused_with_a_code(self):
        d = check_eligibility(eligibility(FATHER, Kinship.PARENT, Mode.IN_PROVINCE))
        self.assertFalse(d.allowed)
        self.assertEqual([(r.code, r.rule) for r in d.failed], [("CROSS_PROVINCE_NEEDS_WALLET", "E-5")])
        self.assertTrue(d.failed[0].message_zh and d.failed[0].message_en)

    def test_e2_sibling_not_eligible_before_2024(self):
        brother = Person(id="brother", scheme=Scheme.EMPLOYEE, region="110000", enrollment=Enrollment.ACTIVE)
        d = check_eligibility(eligibility(brother, Kinship.SIBLING, Mode.IN_PROVINCE, date="2023-06-01"))
        self.assertEqual([r.code for r in d.failed], ["KINSHIP_NOT_ELIGIBLE"])

    def test_bad_id_raises_with_the_field(self):
        bad = Person(id=" wife", scheme=Scheme.RESIDENT, region="110000", enrollment=Enrollment.ACTIVE)
        with self.assertRaises(GongjiError.Rejected) as cm:
            check_eligibility(eligibility(bad, Kinship.SPOUSE, Mode.IN_PROVINCE))
        self.assertEqual((cm.exception.code, cm.exception.field), (Code.ID_INVALID, "beneficiary.id"))
        self.assertIsInstance(cm.exception, Exception)

    def test_bad_region_raises_the_librarys_error_naming_the_value(self):
        # A region that is not six digits cannot be held by the record: refused as it crosses, no path.
        bad = Person(id="wife", scheme=Scheme.RESIDENT, region="11000", enrollment=Enrollment.ACTIVE)
        with self.assertRaises(GongjiError.Rejected) as cm:
            check_eligibility(eligibility(bad, Kinship.SPOUSE, Mode.IN_PROVINCE))
        self.assertEqual((cm.exception.code, cm.exception.field), (Code.REGION_INVALID, ""))
        self.assertIn('"11000"', cm.exception.message_en)


class WalletTest(unittest.TestCase):
    def test_q1_q4_grant_leaves_the_sharers_balance(self):
        applied, rel = family_with_quota()
        # 5000.00 − 2000.00 = 3000.00; shareable 3000.00 − 10.00 (Beijing minimum) = 2990.00
        self.assertEqual(applied.state.accounts[0].balance, Decimal("3000.00"))
        self.assertEqual(str(applied.state.accounts[0].balance), "3000.00")
        self.assertEqual(applied.state.quotas[0].amount, Decimal("2000.00"))
        (event,) = applied.events
        self.assertIsInstance(event, Event.QUOTA_GRANTED)
        self.assertEqual((event.relationship, event.shareable_after), (rel, Decimal("2990.00")))
        s = shareable(applied.state, "xiaoming", NOW)
        self.assertEqual((s.shareable, s.reserved_minimum), (Decimal("2990.00"), Decimal("10.00")))

    def test_q3_revoke_part_of_a_quota(self):
        applied, rel = family_with_quota()
        after = apply(applied.state, Command.REVOKE(relationship=rel, amount=Decimal("500")), NOW).state
        # 3000.00 + 500.00 = 3500.00 back; quota 2000.00 − 500.00 = 1500.00
        self.assertEqual((after.accounts[0].balance, after.quotas[0].amount), (Decimal("3500.00"), Decimal("1500.00")))

    def test_q4_grant_past_the_shareable_balance_is_refused(self):
        applied, rel = family_with_quota()
        # shareable is 2990.00 after the first grant
        with self.assertRaises(GongjiError.Rejected) as cm:
            apply(applied.state, Command.GRANT(relationship=rel, amount=Decimal("2990.01")), NOW)
        self.assertEqual((cm.exception.code, cm.exception.rule), (Code.INSUFFICIENT_SHAREABLE, "Q-4"))

    def test_s10_three_decimals_negative_and_float_amounts_are_typed_errors(self):
        applied, rel = family_with_quota()
        cases = [(Decimal("12.345"), Code.AMOUNT_PRECISION), (Decimal("-1.00"), Code.AMOUNT_NEGATIVE), (0.1, Code.AMOUNT_PRECISION)]
        for amount, code in cases:
            with self.subTest(amount=amount), self.assertRaises(GongjiError.Rejected) as cm:
                apply(applied.state, Command.GRANT(relationship=rel, amount=amount), NOW)
            e = cm.exception
            self.assertEqual((e.code, e.field, e.rule), (code, "command.args.amount", "S-10"))
            self.assertTrue(e.message_zh and e.message_en)
        # Not a decimal at all: the library's error (never uniffi's internal one), naming the value.
        with self.assertRaises(GongjiError.Rejected) as cm:
            apply(applied.state, Command.GRANT(relationship=rel, amount=Decimal("NaN")), NOW)
        self.assertEqual((cm.exception.code, cm.exception.field, cm.exception.rule), (Code.AMOUNT_INVALID, "", "S-10"))
        self.assertIn('"NaN"', cm.exception.message_en)
        # Text that is no number at all, where a Decimal belongs: the library's error too, not
        # decimal.InvalidOperation from the conversion.
        for text in ["abc", "", "1,000.00"]:
            with self.subTest(text=text), self.assertRaises(GongjiError.Rejected) as cm:
                apply(applied.state, Command.GRANT(relationship=rel, amount=text), NOW)
            self.assertEqual((cm.exception.code, cm.exception.rule), (Code.AMOUNT_INVALID, "S-10"))
        # A decimal string is taken as the amount it spells: 3000.00 − 12.50 = 2987.50 left.
        granted = apply(applied.state, Command.GRANT(relationship=rel, amount="12.50"), NOW)
        self.assertEqual(granted.state.accounts[0].balance, Decimal("2987.50"))

    def test_t1_statement_folds_the_events_apply_returned(self):
        applied, rel = family_with_quota()
        log = [LoggedEvent(at=NOW, event=e) for e in applied.events]
        later = "2025-07-02T09:00"
        spend = Command.SPEND(sharer="xiaoming", beneficiary="father", amount=Decimal("120.50"), reference="B1/1",
                              visit_type=VisitType.OUTPATIENT, institution="H370100001")
        log += [LoggedEvent(at=later, event=e) for e in apply(applied.state, spend, later).events]
        st = statement(StatementRequest(events=log, person="father", year=2025))
        (pair,) = st.pairs
        (month,) = pair.years[0].months
        # 2000.00 granted and 120.50 spent in 2025-07: one line, outpatient at H370100001
        self.assertEqual((pair.sharer, pair.beneficiary, month.month), ("xiaoming", "father", "2025-07"))
        self.assertEqual((month.total.granted, month.total.spent), (Decimal("2000.00"), Decimal("120.50")))
        (line,) = month.lines
        self.assertEqual((line.kind, line.visit_type, line.institution), (LineKind.SPENT, VisitType.OUTPATIENT, "H370100001"))
        with self.assertRaises(GongjiError.Rejected) as cm:
            statement(StatementRequest(events=list(reversed(log))))
        self.assertEqual((cm.exception.code, cm.exception.field), (Code.TIME_WENT_BACK, "events[1].at"))

    def test_time_going_back_is_refused(self):
        applied, rel = family_with_quota()
        with self.assertRaises(GongjiError.Rejected) as cm:
            apply(applied.state, Command.TICK(), "2025-06-30T10:00")
        self.assertEqual((cm.exception.code, cm.exception.field), (Code.TIME_WENT_BACK, "now"))


class SettlementTest(unittest.TestCase):
    def test_s1_s8_fathers_inpatient_bill_paid_from_the_quota(self):
        s = settle(father_bill())
        # in scope 1800.00 + (1000.00 − 10 % = 900.00) = 2700.00; fund (2700.00 − 300.00) × 0.60 = 1440.00
        self.assertEqual((s.inscp_scp_amt, s.act_pay_dedc, s.hifp_pay), (Decimal("2700.00"), Decimal("300.00"), Decimal("1440.00")))
        self.assertEqual(s.pool_prop_selfpay, Decimal("0.60"))
        # personal part 3000.00 − 1440.00 = 1560.00; Shandong keeps the 200.00 class-C item out of accounts
        self.assertEqual((s.psn_part_amt, s.acct_mulaid_pay, s.psn_cash_pay), (Decimal("1560.00"), Decimal("1360.00"), Decimal("200.00")))
        self.assertEqual([(p.sharer, p.amount) for p in s.mulaid_by_sharer], [("xiaoming", Decimal("1360.00"))])
        self.assertEqual(s.medfee_sumamt, s.fund_pay_sumamt + s.psn_part_amt + s.hosp_part_amt)

    def test_e10_explain_false_gives_the_same_amounts_without_a_trace(self):
        full = settle(father_bill())
        bill = father_bill()
        bill.explain = False
        quiet = settle(bill)
        self.assertEqual(quiet.trace, [])
        self.assertGreater(len(full.trace), 0)
        # 1440.00 from the fund, 1360.00 from the quota, 200.00 cash: as above, whichever way.
        self.assertEqual((quiet.hifp_pay, quiet.acct_mulaid_pay, quiet.psn_cash_pay), (Decimal("1440.00"), Decimal("1360.00"), Decimal("200.00")))
        full.trace = []
        self.assertEqual(full, quiet)

    def test_s8_the_summary_is_the_settlement_s_amounts(self):
        full = settle(father_bill())
        m = settle_summary(father_bill())
        self.assertEqual(m.schema, "gongji-settlement-summary/1")
        # 1440.00 from the fund, 1360.00 from the quota, 200.00 cash: as above, without lines or trace.
        self.assertEqual((m.hifp_pay, m.acct_mulaid_pay, m.psn_cash_pay), (Decimal("1440.00"), Decimal("1360.00"), Decimal("200.00")))
        self.assertEqual((m.mulaid_by_sharer, m.notices, m.balc), (full.mulaid_by_sharer, full.notices, full.balc))
        self.assertFalse(hasattr(m, "trace"))

    def test_s9_spend_then_reverse_restores_the_quota(self):
        applied, rel = family_with_quota()
        s = settle(father_bill())
        state = applied.state
        for cmd in s.wallet_commands:
            state = apply(state, wallet_command(cmd), "2025-07-02T09:00").state
        self.assertEqual(state.quotas[0].amount, Decimal("640.00"))  # 2000.00 − 1360.00
        r = reverse(s)
        self.assertEqual((r.acct_mulaid_pay, r.psn_cash_pay, r.hifp_pay), (Decimal("1360.00"), Decimal("200.00"), Decimal("1440.00")))
        for cmd in r.wallet_commands:
            state = apply(state, wallet_command(cmd), "2025-07-03T09:00").state
        self.assertEqual((state.quotas[0].amount, state.quotas[0].spent), (Decimal("2000.00"), Decimal("0.00")))

    def test_s1_class_b_without_its_ratio_names_the_item(self):
        bill = father_bill()
        bill.items[1].preselfpay_ratio = None
        with self.assertRaises(GongjiError.Rejected) as cm:
            settle(bill)
        self.assertEqual((cm.exception.code, cm.exception.field), (Code.ITEM_RATIO_MISSING, "items[1].preselfpay_ratio"))

    def test_ratio_out_of_range_is_a_typed_error(self):
        bill = father_bill()
        bill.items[1].preselfpay_ratio = Decimal("1.5")
        with self.assertRaises(GongjiError.Rejected) as cm:
            settle(bill)
        self.assertEqual((cm.exception.code, cm.exception.field), (Code.RATIO_OUT_OF_RANGE, "items[1].preselfpay_ratio"))


def to_doc(value):
    """A typed result in the JSON document's form: records as objects (what `omitted` says the documents
    leave out dropped), enums as in JSON, money as its text."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bool, int, str)) or value is None:
        return value
    if isinstance(value, bytes):
        return list(value)
    if isinstance(value, list):
        return [to_doc(v) for v in value]
    if isinstance(value, enum.Enum):
        # Codes are SCREAMING_SNAKE in the documents (Code, NoticeCode), every other enum snake_case.
        return value.name if type(value).__name__.endswith("Code") else value.name.lower()
    fields = {JSON_NAMES.get(k, k): to_doc(v) for k, v in vars(value).items()}
    fields = {k: v for k, v in fields.items() if not omitted(v)}
    if type(value).__qualname__.startswith(("Command.", "LedgerCommand.")):
        return {"type": type(value).__name__.split(".")[-1].lower(), "args": fields}
    return fields


JSON_NAMES = {"kind": "type", "item_class": "class"}


def omitted(v):
    """What the documents leave out: absent options, empty texts and lists, and flags that are false
    (`outpatient_pool`, `estimate`: written only when set)."""
    return v is None or v is False or (isinstance(v, (str, list)) and len(v) == 0)


def dropped(doc):
    """A JSON document without what `omitted` says the documents leave out, to compare with `to_doc`."""
    if isinstance(doc, dict):
        return {k: dropped(v) for k, v in doc.items() if not omitted(v)}
    if isinstance(doc, list):
        return [dropped(v) for v in doc]
    return doc


MINIMAL_BILL = {
    "reference": "BJ20250702001", "date": "2025-07-02",
    "patient": {"id": "xiaoming", "scheme": "employee", "region": "110000", "enrollment": "active", "wallet_opened": True},
    "visit": {"type": "outpatient", "level": 2},
    "items": [{"name": "甲类药品", "amount": "100.00", "class": "a", "category": "drug"}],
}


class TypedContractTest(unittest.TestCase):
    def test_settle_request_without_the_optional_fields(self):
        # own_balance, accumulators, funds, fund_order and explain are optional in JSON: defaulted here.
        bill = SettleRequest(reference="BJ20250702001", date="2025-07-02", patient=XIAOMING,
                             visit=Visit(kind=VisitType.OUTPATIENT, level=2),
                             items=[Item(name="甲类药品", amount=Decimal("100.00"), category=Category.DRUG, item_class=ItemClass.A)])
        self.assertEqual((bill.own_balance, bill.funds, bill.fund_order, bill.explain), (Decimal("0.00"), [], FundOrder.OLDEST_GRANT, True))
        zero = Decimal("0.00")
        self.assertEqual(bill.accumulators, Accumulators(deductible_met=zero, fund_paid=zero, in_scope_past_deductible=zero))
        s = settle(bill)
        # no own balance, no funds: the 100.00 below Beijing's outpatient deductible is paid in cash
        self.assertEqual((s.medfee_sumamt, s.self_acct_pay, s.psn_cash_pay), (Decimal("100.00"), zero, Decimal("100.00")))
        self.assertEqual(to_doc(s), dropped(json.loads(settle_json(json.dumps(MINIMAL_BILL)))))

    def test_typed_results_equal_the_json_results(self):
        typed = settle(father_bill())
        doc = json.loads(settle_json(json.dumps(dropped({**to_doc(father_bill())}))))
        self.assertEqual(to_doc(typed), dropped(doc))
        self.assertEqual(to_doc(reverse(typed)), dropped(json.loads(invoke_json("reverse", json.dumps(doc)))))
        d = check_eligibility(eligibility(FATHER, Kinship.PARENT, Mode.WALLET))
        self.assertEqual(to_doc(d), dropped(json.loads(check_eligibility_json(json.dumps(to_doc(eligibility(FATHER, Kinship.PARENT, Mode.WALLET)))))))

    def test_code_is_an_enum_of_every_code(self):
        self.assertIsInstance(Code.AMOUNT_PRECISION, enum.Enum)
        self.assertGreater(len(list(Code)), 70)
        with self.assertRaises(GongjiError.Rejected) as cm:
            invoke_json("transfer_money", "{}")
        self.assertIs(cm.exception.code, Code.UNKNOWN_OPERATION)


class JsonAndPolicyTest(unittest.TestCase):
    def test_json_variants_take_and_return_documents(self):
        doc = {"date": "2025-07-01", "mode": "in_province", "kinship": "spouse", "commitment_signed": True,
               "sharer": {"id": "xiaoming", "scheme": "employee", "region": "110000", "enrollment": "active"},
               "beneficiary": {"id": "wife", "scheme": "resident", "region": "110000", "enrollment": "active"}}
        out = json.loads(check_eligibility_json(json.dumps(doc)))
        self.assertTrue(out["allowed"])
        with self.assertRaises(GongjiError.Rejected) as cm:
            settle_json("{")
        self.assertEqual(cm.exception.code, Code.INVALID_JSON)
        with self.assertRaises(GongjiError.Rejected) as cm:
            invoke_json("transfer_money", "{}")
        self.assertEqual((cm.exception.code, cm.exception.field), (Code.UNKNOWN_OPERATION, "op"))
        self.assertTrue({"check_eligibility", "apply", "settle", "reverse", "validate_policy"} <= set(operations()))

    def test_p2_a_callers_book_changes_the_rules(self):
        book = json.dumps({"schema": "gongji-policy/1", "extends": "embedded", "version": "test",
                           "regions": {"110000": {"params": {"reserved_minimum": [{"from": "2025-01-01", "value": "4000.00", "grade": "official"}]}}}})
        policy = Policy(book)
        self.assertEqual(policy.version(), "test")
        state = family_with_quota()[0].state
        rel = state.relationships[0].id
        state = apply(state, Command.REVOKE(relationship=rel, amount=None), NOW).state
        # 5000.00 − 4000.00 = 1000.00 shareable under this book, 4990.00 under the embedded one
        with self.assertRaises(GongjiError.Rejected) as cm:
            apply(state, Command.GRANT(relationship=rel, amount=Decimal("1000.01")), NOW, policy)
        self.assertEqual(cm.exception.code, Code.INSUFFICIENT_SHAREABLE)
        ok = apply(state, Command.GRANT(relationship=rel, amount=Decimal("1000.01")), NOW)
        self.assertEqual(ok.state.accounts[0].balance, Decimal("3999.99"))
        self.assertEqual(json.loads(validate_policy_json(book))["version"], "test")

    def test_p3_bad_book_names_the_path(self):
        bad = json.dumps({"schema": "gongji-policy/1", "extends": "embedded",
                          "national": {"reserve_advice_ratio": [{"from": "2025-01-01", "value": "1.5", "grade": "official"}]}})
        with self.assertRaises(GongjiError.Rejected) as cm:
            validate_policy(bad)
        self.assertEqual(cm.exception.code, Code.RATIO_OUT_OF_RANGE)
        self.assertTrue(cm.exception.field.startswith("national.reserve_advice_ratio"), cm.exception.field)
        with self.assertRaises(GongjiError.Rejected):
            Policy(bad)


if __name__ == "__main__":
    unittest.main()
