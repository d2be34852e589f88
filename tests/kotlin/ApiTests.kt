package gongji.tests

import gongji.Accumulators
import gongji.Applied
import gongji.Category
import gongji.Command
import gongji.EligibilityRequest
import gongji.Enrollment
import gongji.Event
import gongji.FamilyFund
import gongji.FundOrder
import gongji.GongjiException
import gongji.Item
import gongji.ItemClass
import gongji.Kinship
import gongji.Mode
import gongji.Person
import gongji.Policy
import gongji.Scheme
import gongji.SettleRequest
import gongji.Visit
import gongji.VisitType
import gongji.WalletState
import gongji.apply
import gongji.checkEligibility
import gongji.checkEligibilityJson
import gongji.invokeJson
import gongji.operations
import gongji.reverse
import gongji.settle
import gongji.settleJson
import gongji.shareable
import gongji.validatePolicy
import gongji.validatePolicyJson
import java.math.BigDecimal

// The idiomatic Kotlin API: records, sealed classes, BigDecimal money, GongjiException.
// Amounts are checked by hand (the arithmetic is in the comments), not against the core's output.

private const val NOW = "2025-07-01T10:00"
private val XIAOMING = Person(id = "xiaoming", scheme = Scheme.EMPLOYEE, region = "110000", enrollment = Enrollment.ACTIVE, walletOpened = true)
private val FATHER = Person(id = "father", scheme = Scheme.RESIDENT, region = "370100", enrollment = Enrollment.ACTIVE, walletOpened = true, retired = true)
private val ZERO = BigDecimal("0.00")

private fun yuan(s: String) = BigDecimal(s)

private fun eligibility(beneficiary: Person, kinship: Kinship, mode: Mode, date: String = "2025-07-01") =
    EligibilityRequest(date = date, mode = mode, sharer = XIAOMING, beneficiary = beneficiary, kinship = kinship, commitmentSigned = true)

private fun register(state: WalletState, person: Person, balance: String = "0") =
    apply(state, Command.RegisterPerson(person, yuan(balance), ZERO), NOW).state

/** 小明 (5000.00) and his father in Jinan, a wallet relationship, 2000.00 granted. */
private fun familyWithQuota(): Pair<Applied, String> {
    var state = register(register(WalletState(), XIAOMING, "5000.00"), FATHER)
    state = apply(state, Command.Establish("xiaoming", "father", Kinship.PARENT, Mode.WALLET, true), NOW).state
    val rel = state.relationships[0].id
    return apply(state, Command.Grant(rel, yuan("2000.00")), NOW) to rel
}

private fun fatherBill() = SettleRequest(
    reference = "JN20250702001",
    date = "2025-07-02",
    patient = FATHER,
    ownBalance = ZERO,
    visit = Visit(kind = VisitType.INPATIENT, level = 2u),
    items = listOf(
        Item(name = "甲类药品", amount = yuan("1800.00"), category = Category.DRUG, itemClass = ItemClass.A),
        Item(name = "乙类药品", amount = yuan("1000.00"), category = Category.DRUG, itemClass = ItemClass.B, preselfpayRatio = yuan("0.10")),
        Item(name = "丙类诊疗", amount = yuan("200.00"), category = Category.SERVICE, itemClass = ItemClass.C),
    ),
    accumulators = Accumulators(ZERO, ZERO, ZERO),
    funds = listOf(FamilyFund(sharer = "xiaoming", mode = Mode.WALLET, available = yuan("2000.00"), grantedAt = NOW)),
    fundOrder = FundOrder.OLDEST_GRANT,
)

/** Runs `body`, which must throw [GongjiException.Rejected]; returns it. */
private fun rejected(body: () -> Unit): GongjiException.Rejected {
    try {
        body()
    } catch (e: GongjiException.Rejected) {
        expect(e.messageZh.isNotEmpty() && e.messageEn.isNotEmpty()) { "messages in both languages" }
        return e
    }
    throw AssertionError("expected a GongjiException")
}

fun apiTests(t: Tally) {
    t.test("e1_e5_father_in_another_province_shares_through_the_wallet") {
        val d = checkEligibility(eligibility(FATHER, Kinship.PARENT, Mode.WALLET))
        expect(d.allowed && d.failed.isEmpty()) { "allowed: ${d.failed}" }
        expect(d.passed.any { it.rule == "E-5" }) { "E-5 passed" }
    }
    t.test("e5_father_in_province_mode_is_refused_with_a_code") {
        val d = checkEligibility(eligibility(FATHER, Kinship.PARENT, Mode.IN_PROVINCE))
        expectEqual(false, d.allowed)
        expectEqual(listOf("CROSS_PROVINCE_NEEDS_WALLET" to "E-5"), d.failed.map { it.code to it.rule })
    }
    t.test("e2_sibling_not_eligible_before_2024") {
        val brother = Person(id = "brother", scheme = Scheme.EMPLOYEE, region = "110000", enrollment = Enrollment.ACTIVE)
        val d = checkEligibility(eligibility(brother, Kinship.SIBLING, Mode.IN_PROVINCE, date = "2023-06-01"))
        expectEqual(listOf("KINSHIP_NOT_ELIGIBLE"), d.failed.map { it.code })
    }
    t.test("bad_region_throws_with_the_field") {
        val bad = FATHER.copy(region = "37010")
        val e = rejected { checkEligibility(eligibility(bad, Kinship.PARENT, Mode.WALLET)) }
        expectEqual("REGION_INVALID" to "beneficiary.region", e.code to e.field)
    }
    t.test("q1_q4_grant_leaves_the_sharers_balance") {
        val (applied, rel) = familyWithQuota()
        // 5000.00 − 2000.00 = 3000.00; shareable 3000.00 − 10.00 (Beijing minimum) = 2990.00
        expectEqual(yuan("3000.00"), applied.state.accounts[0].balance, "balance")
        expectEqual("3000.00", applied.state.accounts[0].balance.toPlainString(), "two places kept")
        val event = applied.events.single() as Event.QuotaGranted
        expectEqual(rel to yuan("2990.00"), event.relationship to event.shareableAfter)
        val s = shareable(applied.state, "xiaoming", NOW)
        expectEqual(yuan("2990.00"), s.shareable, "shareable")
        expectEqual(yuan("10.00"), s.reservedMinimum, "reserved minimum")
    }
    t.test("q3_revoke_part_of_a_quota") {
        val (applied, rel) = familyWithQuota()
        val after = apply(applied.state, Command.Revoke(rel, yuan("500")), NOW).state
        // 3000.00 + 500.00 = 3500.00; quota 2000.00 − 500.00 = 1500.00
        expectEqual(yuan("3500.00") to yuan("1500.00"), after.accounts[0].balance to after.quotas[0].amount)
    }
    t.test("q4_grant_past_the_shareable_balance_is_refused") {
        val (applied, rel) = familyWithQuota()
        val e = rejected { apply(applied.state, Command.Grant(rel, yuan("2990.01")), NOW) }
        expectEqual("INSUFFICIENT_SHAREABLE" to "Q-4", e.code to e.rule)
    }
    t.test("s10_three_decimals_and_negative_amounts_are_typed_errors") {
        val (applied, rel) = familyWithQuota()
        for ((amount, code) in listOf("12.345" to "AMOUNT_PRECISION", "-1.00" to "AMOUNT_NEGATIVE", "1E+12" to "AMOUNT_TOO_LARGE")) {
            val e = rejected { apply(applied.state, Command.Grant(rel, BigDecimal(amount)), NOW) }
            expectEqual(listOf(code, "command.args.amount", "S-10"), listOf(e.code, e.field, e.rule), amount)
        }
    }
    t.test("time_going_back_is_refused") {
        val (applied, _) = familyWithQuota()
        val e = rejected { apply(applied.state, Command.Tick, "2025-06-30T10:00") }
        expectEqual("TIME_WENT_BACK" to "now", e.code to e.field)
    }
    t.test("s1_s8_fathers_inpatient_bill_paid_from_the_quota") {
        val s = settle(fatherBill())
        // in scope 1800.00 + (1000.00 − 10 %) = 2700.00; fund (2700.00 − 300.00) × 0.60 = 1440.00
        expectEqual(listOf(yuan("2700.00"), yuan("300.00"), yuan("1440.00")), listOf(s.inscpScpAmt, s.actPayDedc, s.hifpPay))
        expectEqual(yuan("0.60"), s.poolPropSelfpay, "ratio")
        // personal 3000.00 − 1440.00 = 1560.00; Shandong keeps the 200.00 class-C item out of accounts
        expectEqual(listOf(yuan("1560.00"), yuan("1360.00"), yuan("200.00")), listOf(s.psnPartAmt, s.acctMulaidPay, s.psnCashPay))
        expectEqual(listOf("xiaoming" to yuan("1360.00")), s.mulaidBySharer.map { it.sharer to it.amount })
        expectEqual(s.medfeeSumamt, s.fundPaySumamt + s.psnPartAmt + s.hospPartAmt, "S-8 identity")
    }
    t.test("e10_explain_false_gives_the_same_amounts_without_a_trace") {
        val full = settle(fatherBill())
        val quiet = settle(fatherBill().copy(explain = false))
        expectEqual(0, quiet.trace.size, "no trace")
        expectEqual(true, full.trace.isNotEmpty(), "trace by default")
        // 1440.00 from the fund, 1360.00 from the quota, 200.00 cash: as above, whichever way.
        expectEqual(listOf(yuan("1440.00"), yuan("1360.00"), yuan("200.00")), listOf(quiet.hifpPay, quiet.acctMulaidPay, quiet.psnCashPay))
        expectEqual(full.copy(trace = emptyList()), quiet, "same document")
    }
    t.test("s9_spend_then_reverse_restores_the_quota") {
        val (applied, _) = familyWithQuota()
        val s = settle(fatherBill())
        var state = s.walletCommands.fold(applied.state) { st, c -> apply(st, c, "2025-07-02T09:00").state }
        expectEqual(yuan("640.00"), state.quotas[0].amount, "2000.00 − 1360.00")
        val r = reverse(s)
        expectEqual(listOf(yuan("1360.00"), yuan("200.00"), yuan("1440.00")), listOf(r.acctMulaidPay, r.psnCashPay, r.hifpPay))
        state = r.walletCommands.fold(state) { st, c -> apply(st, c, "2025-07-03T09:00").state }
        expectEqual(yuan("2000.00") to yuan("0.00"), state.quotas[0].amount to state.quotas[0].spent)
    }
    t.test("s1_class_b_without_its_ratio_names_the_item") {
        val bill = fatherBill()
        val items = bill.items.toMutableList().also { it[1] = it[1].copy(preselfpayRatio = null) }
        val e = rejected { settle(bill.copy(items = items)) }
        expectEqual("ITEM_RATIO_MISSING" to "items[1].preselfpay_ratio", e.code to e.field)
    }
    t.test("ratio_out_of_range_is_a_typed_error") {
        val bill = fatherBill()
        val items = bill.items.toMutableList().also { it[1] = it[1].copy(preselfpayRatio = yuan("1.5")) }
        val e = rejected { settle(bill.copy(items = items)) }
        expectEqual("RATIO_OUT_OF_RANGE" to "items[1].preselfpay_ratio", e.code to e.field)
    }
    t.test("json_variants_take_and_return_documents") {
        val doc = """{"date":"2025-07-01","mode":"in_province","kinship":"spouse","commitment_signed":true,
            "sharer":{"id":"xiaoming","scheme":"employee","region":"110000","enrollment":"active"},
            "beneficiary":{"id":"wife","scheme":"resident","region":"110000","enrollment":"active"}}"""
        val out = checkEligibilityJson(doc)
        expect(out.startsWith("{\"allowed\":true,")) { out }
        expectEqual("INVALID_JSON", rejected { settleJson("{") }.code)
        val e = rejected { invokeJson("transfer_money", "{}") }
        expectEqual("UNKNOWN_OPERATION" to "op", e.code to e.field)
        expect(operations().containsAll(listOf("check_eligibility", "apply", "settle", "reverse", "validate_policy"))) { "operations" }
    }
    t.test("p2_a_callers_book_changes_the_rules") {
        val book = """{"schema":"gongji-policy/1","extends":"embedded","version":"test",
            "regions":{"110000":{"params":{"reserved_minimum":[{"from":"2025-01-01","value":"4000.00"}]}}}}"""
        Policy(book).use { policy ->
            expectEqual("test", policy.version(), "version")
            val (applied, rel) = familyWithQuota()
            val state = apply(applied.state, Command.Revoke(rel, null), NOW).state
            // 5000.00 − 4000.00 = 1000.00 shareable under this book, 4990.00 under the embedded one
            val e = rejected { apply(state, Command.Grant(rel, yuan("1000.01")), NOW, policy) }
            expectEqual("INSUFFICIENT_SHAREABLE", e.code)
            expectEqual(yuan("3999.99"), apply(state, Command.Grant(rel, yuan("1000.01")), NOW).state.accounts[0].balance)
        }
        expect("\"version\":\"test\"" in validatePolicyJson(book)) { "version" }
    }
    t.test("p3_bad_book_names_the_path") {
        val bad = """{"schema":"gongji-policy/1","extends":"embedded",
            "national":{"reserve_advice_ratio":[{"from":"2025-01-01","value":"1.5"}]}}"""
        val e = rejected { validatePolicy(bad) }
        expectEqual("RATIO_OUT_OF_RANGE", e.code)
        expect(e.field.startsWith("national.reserve_advice_ratio")) { e.field }
        rejected { Policy(bad).close() }
    }
}
