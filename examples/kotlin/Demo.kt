// 小明's family (the worked example of `gongji demo`) through the Kotlin bindings.
//
// 小明 is an employee-scheme member in Beijing with 5000.00 yuan in his personal account. His father is
// on the resident scheme in Jinan (another province: the wallet), his wife and son on the resident
// scheme in Beijing (in-province sharing). Who may share, how much, a grant and a revoke, and the
// father's inpatient bill settled from the quota. Run by `cargo xtask test-mobile`.
package gongji.examples

import gongji.core.Accumulators
import gongji.core.Category
import gongji.core.Command
import gongji.core.EligibilityRequest
import gongji.core.Enrollment
import gongji.core.FamilyFund
import gongji.core.FundOrder
import gongji.core.GongjiException
import gongji.core.Item
import gongji.core.ItemClass
import gongji.core.Kinship
import gongji.core.Mode
import gongji.core.Person
import gongji.core.Scheme
import gongji.core.SettleRequest
import gongji.core.Visit
import gongji.core.VisitType
import gongji.core.WalletState
import gongji.apply
import gongji.checkEligibility
import gongji.settle
import gongji.shareable
import gongji.walletCommand
import java.math.BigDecimal

private const val NOW = "2025-07-01T10:00"

private val xiaoming = Person("xiaoming", Scheme.EMPLOYEE, "110000", Enrollment.ACTIVE, walletOpened = true)

private data class Relative(val label: String, val person: Person, val kinship: Kinship, val mode: Mode)

private val family = listOf(
    Relative("父亲 father (resident, Jinan)", Person("father", Scheme.RESIDENT, "370100", Enrollment.ACTIVE, walletOpened = true, retired = true), Kinship.PARENT, Mode.WALLET),
    Relative("妻子 wife (resident, Beijing)", Person("wife", Scheme.RESIDENT, "110000", Enrollment.ACTIVE), Kinship.SPOUSE, Mode.IN_PROVINCE),
    Relative("儿子 son (resident, Beijing)", Person("son", Scheme.RESIDENT, "110000", Enrollment.ACTIVE), Kinship.CHILD, Mode.IN_PROVINCE),
)

fun main() {
    try {
        run()
    } catch (e: GongjiException.Rejected) {
        System.err.println("${e.code} (${e.rule}) at ${e.field}: ${e.messageZh} / ${e.messageEn}")
        kotlin.system.exitProcess(1)
    }
}

private fun run() {
    println("1. 谁可以共济 Who may share (E-1…E-7), ${NOW.take(10)}")
    val brother = Person("brother", Scheme.EMPLOYEE, "110000", Enrollment.ACTIVE)
    val checks = family.map { it.label to EligibilityRequest(NOW.take(10), it.mode, xiaoming, it.person, it.kinship, commitmentSigned = true) } +
        listOf(
            "父亲，不用医保钱包 father, without the wallet" to EligibilityRequest(NOW.take(10), Mode.IN_PROVINCE, xiaoming, family[0].person, Kinship.PARENT, true),
            "弟弟 brother, on 2023-06-01" to EligibilityRequest("2023-06-01", Mode.IN_PROVINCE, xiaoming, brother, Kinship.SIBLING, true),
        )
    for ((label, request) in checks) {
        val d = checkEligibility(request)
        val why = if (d.allowed) d.passed.joinToString(" ") { it.rule } else d.failed.joinToString("; ") { "${it.rule} ${it.messageZh}" }
        println("  %-44s %-4s %s".format(label, if (d.allowed) "yes" else "no", why))
    }

    println("2. 可以共济多少 How much can be shared (Q-4, Q-7)")
    var state = apply(WalletState(schema = "gongji-wallet/1"), Command.RegisterPerson(xiaoming, BigDecimal("5000.00"), BigDecimal.ZERO), NOW).state
    for (r in family) {
        state = apply(state, Command.RegisterPerson(r.person, BigDecimal.ZERO, BigDecimal.ZERO), NOW).state
        state = apply(state, Command.Establish(xiaoming.id, r.person.id, r.kinship, r.mode, commitmentSigned = true), NOW).state
    }
    val s = shareable(state, xiaoming.id, NOW)
    println("  balance ${s.balance} − reserved minimum ${s.reservedMinimum} = shareable ${s.shareable}; advised reserve ${s.adviceRatio} × ${s.balance} = ${s.advisedReserve}")

    println("3. 设定与收回额度 Grant and revoke (Q-1, Q-3)")
    val father = state.relationships.first { it.beneficiary == "father" }.id
    state = apply(state, Command.Grant(father, BigDecimal("2000.00")), NOW).state
    println("  grant 2000.00:  Xiaoming ${state.accounts[0].balance}, father's quota ${state.quotas[0].amount}")
    state = apply(state, Command.Revoke(father, BigDecimal("500.00")), NOW).state
    println("  revoke 500.00:  Xiaoming ${state.accounts[0].balance}, father's quota ${state.quotas[0].amount}")

    println("4. 父亲住院结算 The father's inpatient bill, Jinan, level-2 hospital (S-1…S-8)")
    val quota = state.quotas[0]
    val bill = SettleRequest(
        reference = "JN20250702001",
        date = "2025-07-02",
        patient = family[0].person,
        ownBalance = BigDecimal("0.00"),
        visit = Visit(VisitType.INPATIENT, level = 2u),
        items = listOf(
            Item("床位及诊疗 bed and care", BigDecimal("1200.00"), category = Category.SERVICE, itemClass = ItemClass.A),
            Item("乙类药品 class-B drugs", BigDecimal("800.00"), category = Category.DRUG, itemClass = ItemClass.B, preselfpayRatio = BigDecimal("0.10")),
            Item("自费药品 self-paid drugs", BigDecimal("300.00"), category = Category.DRUG, itemClass = ItemClass.C),
        ),
        accumulators = Accumulators(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO),
        funds = listOf(FamilyFund(quota.sharer, Mode.WALLET, quota.amount, quota.grantedAt)),
        estimate = true,
        fundOrder = FundOrder.OLDEST_GRANT,
    )
    val paid = settle(bill)
    println("  医疗费总额 medfee_sumamt     ${paid.medfeeSumamt}")
    println("  统筹基金支出 hifp_pay          ${paid.hifpPay}  (in scope ${paid.inscpScpAmt} − deductible ${paid.actPayDedc}) × ${paid.poolPropSelfpay}")
    println("  共济支付 acct_mulaid_pay       ${paid.acctMulaidPay}  from Xiaoming's quota")
    println("  现金支出 psn_cash_pay          ${paid.psnCashPay}")
    for (cmd in paid.walletCommands) state = apply(state, walletCommand(cmd), "2025-07-02T09:00").state
    println("  father's quota after the spend ${state.quotas[0].amount}")
}
