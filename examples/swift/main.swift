// 小明's family (the worked example of `gongji demo`) through the Swift bindings.
//
// 小明 is an employee-scheme member in Beijing with 5000.00 yuan in his personal account. His father is
// on the resident scheme in Jinan (another province: the wallet), his wife and son on the resident
// scheme in Beijing (in-province sharing). Who may share, how much, a grant and a revoke, and the
// father's inpatient bill settled from the quota.
//
// On macOS: bindings/uniffi/swift/build-xcframework.sh, then `swift run GongjiDemo` in bindings/uniffi/swift.

import Foundation
import Gongji

let now = "2025-07-01T10:00"
let today = String(now.prefix(10))
let xiaoming = Person(id: "xiaoming", scheme: .employee, region: "110000", enrollment: .active, walletOpened: true)
let father = Person(id: "father", scheme: .resident, region: "370100", enrollment: .active, walletOpened: true, retired: true)
let family: [(label: String, person: Person, kinship: Kinship, mode: Mode)] = [
    ("父亲 father (resident, Jinan)", father, .parent, .wallet),
    ("妻子 wife (resident, Beijing)", Person(id: "wife", scheme: .resident, region: "110000", enrollment: .active), .spouse, .inProvince),
    ("儿子 son (resident, Beijing)", Person(id: "son", scheme: .resident, region: "110000", enrollment: .active), .child, .inProvince),
]

func yuan(_ s: String) -> Decimal {
    Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))!
}

func demo() throws {
    print("1. 谁可以共济 Who may share (E-1…E-7), \(today)")
    let brother = Person(id: "brother", scheme: .employee, region: "110000", enrollment: .active)
    var checks = family.map { ($0.label, EligibilityRequest(date: today, mode: $0.mode, sharer: xiaoming, beneficiary: $0.person, kinship: $0.kinship, commitmentSigned: true)) }
    checks.append(("父亲，不用医保钱包 father, without the wallet", EligibilityRequest(date: today, mode: .inProvince, sharer: xiaoming, beneficiary: father, kinship: .parent, commitmentSigned: true)))
    checks.append(("弟弟 brother, on 2023-06-01", EligibilityRequest(date: "2023-06-01", mode: .inProvince, sharer: xiaoming, beneficiary: brother, kinship: .sibling, commitmentSigned: true)))
    for (label, request) in checks {
        let d = try checkEligibility(request: request)
        let why = d.allowed ? d.passed.map { $0.rule }.joined(separator: " ") : d.failed.map { "\($0.rule) \($0.messageZh)" }.joined(separator: "; ")
        print("  \(label)  \(d.allowed ? "yes" : "no")  \(why)")
    }

    print("2. 可以共济多少 How much can be shared (Q-4, Q-7)")
    var state = try apply(state: WalletState(schema: "gongji-wallet/1"), command: .registerPerson(person: xiaoming, balance: yuan("5000.00"), currentYearCredits: 0), now: now).state
    for r in family {
        state = try apply(state: state, command: .registerPerson(person: r.person, balance: 0, currentYearCredits: 0), now: now).state
        state = try apply(state: state, command: .establish(sharer: xiaoming.id, beneficiary: r.person.id, kinship: r.kinship, mode: r.mode, commitmentSigned: true), now: now).state
    }
    let s = try shareable(state: state, sharer: xiaoming.id, now: now)
    print("  balance \(s.balance) − reserved minimum \(s.reservedMinimum) = shareable \(s.shareable); advised reserve \(s.adviceRatio) × \(s.balance) = \(s.advisedReserve)")

    print("3. 设定与收回额度 Grant and revoke (Q-1, Q-3)")
    let rel = state.relationships.first { $0.beneficiary == "father" }!.id
    state = try apply(state: state, command: .grant(relationship: rel, amount: yuan("2000.00")), now: now).state
    print("  grant 2000.00:  Xiaoming \(state.accounts[0].balance), father's quota \(state.quotas[0].amount)")
    state = try apply(state: state, command: .revoke(relationship: rel, amount: yuan("500.00")), now: now).state
    print("  revoke 500.00:  Xiaoming \(state.accounts[0].balance), father's quota \(state.quotas[0].amount)")

    print("4. 父亲住院结算 The father's inpatient bill, Jinan, level-2 hospital (S-1…S-8)")
    let quota = state.quotas[0]
    let bill = SettleRequest(
        reference: "JN20250702001",
        date: "2025-07-02",
        patient: father,
        ownBalance: 0,
        visit: Visit(kind: .inpatient, level: 2),
        items: [
            Item(name: "床位及诊疗 bed and care", amount: yuan("1200.00"), itemClass: .a, category: .service),
            Item(name: "乙类药品 class-B drugs", amount: yuan("800.00"), itemClass: .b, preselfpayRatio: yuan("0.10"), category: .drug),
            Item(name: "自费药品 self-paid drugs", amount: yuan("300.00"), itemClass: .c, category: .drug),
        ],
        accumulators: Accumulators(deductibleMet: 0, fundPaid: 0, inScopePastDeductible: 0),
        funds: [FamilyFund(sharer: quota.sharer, mode: .wallet, available: quota.amount, grantedAt: quota.grantedAt)],
        fundOrder: .oldestGrant,
        estimate: true
    )
    let paid = try settle(request: bill)
    print("  医疗费总额 medfee_sumamt     \(paid.medfeeSumamt)")
    print("  统筹基金支出 hifp_pay          \(paid.hifpPay)  (in scope \(paid.inscpScpAmt) − deductible \(paid.actPayDedc)) × \(paid.poolPropSelfpay)")
    print("  共济支付 acct_mulaid_pay       \(paid.acctMulaidPay)  from Xiaoming's quota")
    print("  现金支出 psn_cash_pay          \(paid.psnCashPay)")
    for command in paid.walletCommands {
        state = try apply(state: state, command: walletCommand(command: command), now: "2025-07-02T09:00").state
    }
    print("  father's quota after the spend \(state.quotas[0].amount)")
}

do {
    try demo()
} catch GongjiError.Rejected(let code, let rule, let field, let messageZh, let messageEn) {
    FileHandle.standardError.write("\(code) (\(rule ?? "")) at \(field): \(messageZh) / \(messageEn)\n".data(using: .utf8)!)
    exit(1)
} catch {
    FileHandle.standardError.write("\(error)\n".data(using: .utf8)!)
    exit(1)
}
