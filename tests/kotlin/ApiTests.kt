package gongji.tests

import gongji.core.Accumulators
import gongji.core.Applied
import gongji.core.Category
import gongji.core.Code
import gongji.core.Command
import gongji.core.EligibilityRequest
import gongji.core.Enrollment
import gongji.core.Event
import gongji.core.FamilyFund
import gongji.core.FundOrder
import gongji.core.GongjiException
import gongji.core.Item
import gongji.core.ItemClass
import gongji.core.Kinship
import gongji.core.LedgerCommand
import gongji.core.Mode
import gongji.core.Person
import gongji.core.Scheme
import gongji.core.SettleRequest
import gongji.core.Settlement
import gongji.core.Visit
import gongji.core.VisitType
import gongji.core.WalletState
import gongji.Policy
import gongji.apply
import gongji.checkEligibility
import gongji.checkEligibilityJson
import gongji.invokeJson
import gongji.operations
import gongji.reverse
import gongji.settle
import gongji.settleJson
import gongji.settleSummary
import gongji.shareable
import gongji.validatePolicy
import gongji.validatePolicyJson
import gongji.walletCommand
import java.math.BigDecimal

// The idiomatic Kotlin API: the core's records and sealed classes (package gongji.core), BigDecimal
// money, GongjiException with a typed Code; the functions and Policy are in package gongji.
// Amounts are checked by hand (the arithmetic is in the comments), not against the core's output; the
// typed results are also compared with the JSON API's documents.

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
    var state = register(register(WalletState(schema = "gongji-wallet/1"), XIAOMING, "5000.00"), FATHER)
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
    estimate = true,
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
    t.test("bad_id_throws_with_the_field") {
        val bad = FATHER.copy(id = "")
        val e = rejected { checkEligibility(eligibility(bad, Kinship.PARENT, Mode.WALLET)) }
        expectEqual(Code.ID_INVALID to "beneficiary.id", e.code to e.field)
    }
    t.test("bad_region_throws_the_librarys_error_naming_the_value") {
        // Not six digits: the record cannot hold it, refused as it crosses (the code, no path).
        val bad = FATHER.copy(region = "37010")
        val e = rejected { checkEligibility(eligibility(bad, Kinship.PARENT, Mode.WALLET)) }
        expectEqual(Code.REGION_INVALID to "", e.code to e.field)
        expect(e.messageEn.contains("\"37010\"")) { e.messageEn }
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
        expectEqual(Code.INSUFFICIENT_SHAREABLE to "Q-4", e.code to e.rule)
    }
    t.test("s10_three_decimals_and_negative_amounts_are_typed_errors") {
        val (applied, rel) = familyWithQuota()
        for ((amount, code) in listOf("12.345" to Code.AMOUNT_PRECISION, "-1.00" to Code.AMOUNT_NEGATIVE, "1E+12" to Code.AMOUNT_TOO_LARGE)) {
            val e = rejected { apply(applied.state, Command.Grant(rel, BigDecimal(amount)), NOW) }
            expectEqual(listOf(code, "command.args.amount", "S-10"), listOf(e.code, e.field, e.rule), amount)
        }
        // Three places in a bill: the library's error with the item's path.
        val items = fatherBill().items.toMutableList().also { it[0] = it[0].copy(amount = yuan("1800.005")) }
        val e = rejected { settle(fatherBill().copy(items = items)) }
        expectEqual(Code.AMOUNT_PRECISION to "items[0].amount", e.code to e.field)
    }
    t.test("time_going_back_is_refused") {
        val (applied, _) = familyWithQuota()
        val e = rejected { apply(applied.state, Command.Tick, "2025-06-30T10:00") }
        expectEqual(Code.TIME_WENT_BACK to "now", e.code to e.field)
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
        // BenefitRule.levels is a ByteArray (uniffi's form of a list of u8), which a data class compares by
        // reference: compare its contents, the rest of the documents as values.
        expect(full.benefit!!.levels.contentEquals(quiet.benefit!!.levels)) { "levels" }
        val sameLevels = quiet.benefit!!.copy(levels = full.benefit!!.levels)
        expectEqual(full.copy(trace = emptyList()), quiet.copy(benefit = sameLevels), "same document")
    }
    t.test("s8_the_summary_is_the_settlements_amounts") {
        val full = settle(fatherBill())
        val m = settleSummary(fatherBill())
        expectEqual("gongji-settlement-summary/1", m.schema, "schema")
        // 1440.00 from the fund, 1360.00 from the quota, 200.00 cash: as above, without lines or trace.
        expectEqual(listOf(yuan("1440.00"), yuan("1360.00"), yuan("200.00")), listOf(m.hifpPay, m.acctMulaidPay, m.psnCashPay))
        expectEqual(full.mulaidBySharer, m.mulaidBySharer, "sharers")
        expectEqual(full.notices, m.notices, "notices")
    }
    t.test("s9_spend_then_reverse_restores_the_quota") {
        val (applied, _) = familyWithQuota()
        val s = settle(fatherBill())
        var state = s.walletCommands.fold(applied.state) { st, c -> apply(st, walletCommand(c), "2025-07-02T09:00").state }
        expectEqual(yuan("640.00"), state.quotas[0].amount, "2000.00 − 1360.00")
        val r = reverse(s)
        expectEqual(listOf(yuan("1360.00"), yuan("200.00"), yuan("1440.00")), listOf(r.acctMulaidPay, r.psnCashPay, r.hifpPay))
        state = r.walletCommands.fold(state) { st, c -> apply(st, walletCommand(c), "2025-07-03T09:00").state }
        expectEqual(yuan("2000.00") to yuan("0.00"), state.quotas[0].amount to state.quotas[0].spent)
    }
    t.test("s1_class_b_without_its_ratio_names_the_item") {
        val bill = fatherBill()
        val items = bill.items.toMutableList().also { it[1] = it[1].copy(preselfpayRatio = null) }
        val e = rejected { settle(bill.copy(items = items)) }
        expectEqual(Code.ITEM_RATIO_MISSING to "items[1].preselfpay_ratio", e.code to e.field)
    }
    t.test("ratio_out_of_range_is_a_typed_error") {
        val bill = fatherBill()
        val items = bill.items.toMutableList().also { it[1] = it[1].copy(preselfpayRatio = yuan("1.5")) }
        val e = rejected { settle(bill.copy(items = items)) }
        expectEqual(Code.RATIO_OUT_OF_RANGE to "items[1].preselfpay_ratio", e.code to e.field)
    }
    t.test("s5_settle_request_without_the_optional_fields") {
        // own_balance, accumulators, funds, fund_order and explain are optional in JSON: defaulted here.
        val bill = SettleRequest(
            reference = "BJ20250702001",
            date = "2025-07-02",
            patient = XIAOMING,
            visit = Visit(kind = VisitType.OUTPATIENT, level = 2u),
            items = listOf(Item(name = "甲类药品", amount = yuan("100.00"), category = Category.DRUG, itemClass = ItemClass.A)),
        )
        expectEqual(listOf(ZERO, emptyList<FamilyFund>(), FundOrder.OLDEST_GRANT, true), listOf(bill.ownBalance, bill.funds, bill.fundOrder, bill.explain))
        expectEqual(Accumulators(ZERO, ZERO, ZERO), bill.accumulators, "accumulators")
        val s = settle(bill)
        // no own balance, no funds: the 100.00 below Beijing's outpatient deductible is paid in cash
        expectEqual(listOf(yuan("100.00"), ZERO, yuan("100.00")), listOf(s.medfeeSumamt, s.selfAcctPay, s.psnCashPay))
        val json = settleJson("""{"reference":"BJ20250702001","date":"2025-07-02",
            "patient":{"id":"xiaoming","scheme":"employee","region":"110000","enrollment":"active","wallet_opened":true},
            "visit":{"type":"outpatient","level":2},"items":[{"name":"甲类药品","amount":"100.00","class":"a","category":"drug"}]}""")
        expectSameDocument(s, json)
    }
    t.test("typed_results_equal_the_json_results") {
        val typed = settle(fatherBill())
        val json = settleJson("""{"reference":"JN20250702001","date":"2025-07-02","estimate":true,
            "patient":{"id":"father","scheme":"resident","region":"370100","enrollment":"active","wallet_opened":true,"retired":true},
            "own_balance":"0.00","visit":{"type":"inpatient","level":2},
            "items":[{"name":"甲类药品","amount":"1800.00","class":"a","category":"drug"},
                     {"name":"乙类药品","amount":"1000.00","class":"b","preselfpay_ratio":"0.10","category":"drug"},
                     {"name":"丙类诊疗","amount":"200.00","class":"c","category":"service"}],
            "funds":[{"sharer":"xiaoming","mode":"wallet","available":"2000.00","granted_at":"2025-07-01T10:00"}]}""")
        expectSameDocument(typed, json)
    }
    t.test("e10_when_over_code_is_exhaustive") {
        // No `else`: this compiles only while the `when` names every code.
        fun kind(code: Code): String = when (code) {
            Code.INVALID_JSON, Code.UNKNOWN_FIELD, Code.MISSING_FIELD, Code.INVALID_TYPE, Code.UNKNOWN_VALUE,
            Code.UNKNOWN_OPERATION, Code.SCHEMA_MISMATCH, Code.AMOUNT_INVALID, Code.AMOUNT_PRECISION,
            Code.AMOUNT_NEGATIVE, Code.AMOUNT_TOO_LARGE, Code.RATIO_INVALID, Code.RATIO_OUT_OF_RANGE,
            Code.DATE_INVALID, Code.TIME_INVALID, Code.REGION_INVALID, Code.REGION_UNKNOWN, Code.ID_INVALID,
            Code.TOO_MANY -> "input"
            Code.POLICY_DATES_OVERLAP, Code.POLICY_VALUE_MISSING, Code.POLICY_INVALID -> "policy"
            Code.SHARER_NOT_EMPLOYEE, Code.SHARER_NOT_ACTIVE, Code.KINSHIP_NOT_ELIGIBLE,
            Code.BENEFICIARY_NOT_INSURED, Code.SAME_PERSON, Code.WALLET_NOT_OPENED, Code.WALLET_NOT_ENABLED,
            Code.CROSS_PROVINCE_NEEDS_WALLET, Code.COMMITMENT_NOT_SIGNED, Code.TOO_MANY_SHARERS,
            Code.RECEIVED_NOT_SHAREABLE -> "eligibility"
            Code.PERSON_UNKNOWN, Code.PERSON_EXISTS, Code.RELATIONSHIP_UNKNOWN, Code.RELATIONSHIP_EXISTS,
            Code.RELATIONSHIP_NOT_ACTIVE, Code.RELATIONSHIP_NOT_PENDING, Code.NOT_A_PARTY, Code.WRONG_WALLET_MODEL,
            Code.WRONG_MODE, Code.AMOUNT_ZERO, Code.INSUFFICIENT_SHAREABLE, Code.QUOTA_EXCEEDED,
            Code.NOTHING_TO_REVOKE, Code.REVOKE_EXCEEDS_UNSPENT, Code.STATE_INVALID, Code.TRANSFER_QUIET_HOURS,
            Code.TRANSFER_DAILY_LIMIT, Code.TRANSFER_AMOUNT_LIMIT, Code.TRANSFER_PENDING, Code.TRANSFER_UNKNOWN,
            Code.TRANSFER_NOT_PENDING, Code.TRANSFER_EXPIRED, Code.NOT_RECEIVER, Code.TIME_WENT_BACK,
            Code.SPEND_REFERENCE_EXISTS, Code.SPEND_UNKNOWN, Code.SPEND_ALREADY_REFUNDED -> "ledger"
            Code.ITEM_RATIO_MISSING, Code.ITEM_RATIO_NOT_ALLOWED, Code.ITEMS_EMPTY, Code.NO_BENEFIT_RULE, Code.ESTIMATE_REQUIRED,
            Code.NOT_DESIGNATED, Code.PREMIUM_NOT_FULL, Code.LEVEL_INVALID, Code.ITEM_CLASS_INVALID,
            Code.ITEM_CATEGORY_INVALID, Code.ITEM_LIMIT_NOT_ALLOWED, Code.ACCOUNT_NOT_ALLOWED, Code.FUND_DUPLICATE,
            Code.SETTLEMENT_INVALID -> "settlement"
            Code.SETTLEMENT_UNKNOWN, Code.SETTLEMENT_ALREADY_REVERSED, Code.SETTLEMENT_EXISTS -> "ledger settlement"
            Code.PRESETTLEMENT_INCONSISTENT, Code.PRESETTLEMENT_WITH_ITEMS -> "pre-settlement"
            Code.STATE_FULL, Code.DEADLINE_OUT_OF_RANGE, Code.REVERSAL_WINDOW_CLOSED -> "ledger bounds"
        }
        val e = rejected { invokeJson("transfer_money", "{}") }
        expectEqual("input", kind(e.code), "kind")
        expectEqual("UNKNOWN_OPERATION", e.code.toString(), "the code's string")
    }
    t.test("json_variants_take_and_return_documents") {
        val doc = """{"date":"2025-07-01","mode":"in_province","kinship":"spouse","commitment_signed":true,
            "sharer":{"id":"xiaoming","scheme":"employee","region":"110000","enrollment":"active"},
            "beneficiary":{"id":"wife","scheme":"resident","region":"110000","enrollment":"active"}}"""
        val out = checkEligibilityJson(doc)
        expect(out.startsWith("{\"allowed\":true,")) { out }
        expectEqual(Code.INVALID_JSON, rejected { settleJson("{") }.code)
        val e = rejected { invokeJson("transfer_money", "{}") }
        expectEqual(Code.UNKNOWN_OPERATION to "op", e.code to e.field)
        expect(operations().containsAll(listOf("check_eligibility", "apply", "settle", "reverse", "validate_policy"))) { "operations" }
    }
    t.test("p2_a_callers_book_changes_the_rules") {
        val book = """{"schema":"gongji-policy/1","extends":"embedded","version":"test",
            "regions":{"110000":{"params":{"reserved_minimum":[{"from":"2025-01-01","value":"4000.00","grade":"official"}]}}}}"""
        Policy(book).use { policy ->
            expectEqual("test", policy.version(), "version")
            val (applied, rel) = familyWithQuota()
            val state = apply(applied.state, Command.Revoke(rel, null), NOW).state
            // 5000.00 − 4000.00 = 1000.00 shareable under this book, 4990.00 under the embedded one
            val e = rejected { apply(state, Command.Grant(rel, yuan("1000.01")), NOW, policy) }
            expectEqual(Code.INSUFFICIENT_SHAREABLE, e.code)
            expectEqual(yuan("3999.99"), apply(state, Command.Grant(rel, yuan("1000.01")), NOW).state.accounts[0].balance)
        }
        expect("\"version\":\"test\"" in validatePolicyJson(book)) { "version" }
    }
    t.test("p3_bad_book_names_the_path") {
        val bad = """{"schema":"gongji-policy/1","extends":"embedded",
            "national":{"reserve_advice_ratio":[{"from":"2025-01-01","value":"1.5","grade":"official"}]}}"""
        val e = rejected { validatePolicy(bad) }
        expectEqual(Code.RATIO_OUT_OF_RANGE, e.code)
        expect(e.field.startsWith("national.reserve_advice_ratio")) { e.field }
        rejected { Policy(bad).close() }
    }
}

private val SETTLEMENT_AMOUNTS = listOf(
    "medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc",
    "hifp_pay", "pool_prop_selfpay", "fund_pay_sumamt", "psn_part_amt", "acct_pay", "self_acct_pay",
    "acct_mulaid_pay", "psn_cash_pay", "hosp_part_amt", "balc",
)

/**
 * The typed settlement against the JSON one, read as text (the core writes compact JSON in a fixed key
 * order): every amount, the sharers' parts, the items' amounts, the ledger commands and the trace's length.
 */
private fun expectSameDocument(s: Settlement, json: String) {
    val typed = listOf(
        s.medfeeSumamt, s.fulamtOwnpayAmt, s.overlmtSelfpay, s.preselfpayAmt, s.inscpScpAmt, s.actPayDedc,
        s.hifpPay, s.poolPropSelfpay, s.fundPaySumamt, s.psnPartAmt, s.acctPay, s.selfAcctPay,
        s.acctMulaidPay, s.psnCashPay, s.hospPartAmt, s.balc,
    ).map { it.toPlainString() }
    fun has(text: String, what: String) = expect(json.contains(text)) { "$what: $text not in $json" }
    SETTLEMENT_AMOUNTS.zip(typed).forEach { (field, value) -> has("\"$field\":\"$value\"", field) }
    has("\"reference\":\"${s.reference}\"", "reference")
    has("\"patient\":\"${s.patient}\"", "patient")
    has("\"fund_sum_includes_acct\":${s.fundSumIncludesAcct}", "fund_sum_includes_acct")
    for (p in s.mulaidBySharer) {
        has("{\"sharer\":\"${p.sharer}\",\"mode\":\"", "mulaid_by_sharer")
        has("\"amount\":\"${p.amount.toPlainString()}\",\"reference\":\"${p.reference}\"", "mulaid_by_sharer")
    }
    for (item in s.items) has("\"inscp_scp_amt\":\"${item.inscpScpAmt.toPlainString()}\"", "items[${item.name}]")
    for (c in s.walletCommands) {
        if (c is LedgerCommand.Spend) {
            has("{\"type\":\"spend\",\"args\":{\"sharer\":\"${c.sharer}\",\"beneficiary\":\"${c.beneficiary}\",\"amount\":\"${c.amount.toPlainString()}\"", "wallet_commands")
        }
    }
    expectEqual(Regex("\"zh\":").findAll(json).count(), s.trace.size, "trace steps")
}
