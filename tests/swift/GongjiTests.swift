import Foundation
import Gongji
import XCTest

// The Swift bindings on macOS (see bindings/uniffi/README.md): the idiomatic API (Decimal money, records,
// `GongjiError`); the conformance vectors are in Replay.swift. Amounts are checked by hand; the arithmetic is
// in the comments.

private let now = "2025-07-01T10:00"
private let xiaoming = Person(id: "xiaoming", scheme: .employee, region: "110000", enrollment: .active, walletOpened: true)
private let father = Person(id: "father", scheme: .resident, region: "370100", enrollment: .active, walletOpened: true, retired: true)

private func eligibility(_ beneficiary: Person, _ kinship: Kinship, _ mode: Mode, date: String = "2025-07-01") -> EligibilityRequest {
    EligibilityRequest(date: date, mode: mode, sharer: xiaoming, beneficiary: beneficiary, kinship: kinship, commitmentSigned: true)
}

/// Runs `body`, which must throw `GongjiError.Rejected`; returns its code, field and rule.
private func rejected(_ body: () throws -> Void) -> (code: Code?, field: String, rule: String?) {
    do {
        try body()
    } catch GongjiError.Rejected(let code, let rule, let field, let messageZh, let messageEn) {
        XCTAssertFalse(messageZh.isEmpty || messageEn.isEmpty)
        return (code, field, rule)
    } catch {
        XCTFail("unexpected \(error)")
    }
    XCTFail("expected a GongjiError")
    return (nil, "", nil)
}

final class ApiTests: XCTestCase {
    /// 小明 (5000.00) and his father in Jinan, a wallet relationship, 2000.00 granted.
    private func familyWithQuota() throws -> (Applied, String) {
        var state = try apply(state: WalletState(schema: "gongji-wallet/1"), command: .registerPerson(person: xiaoming, balance: Decimal(string: "5000.00")!, currentYearCredits: 0), now: now).state
        state = try apply(state: state, command: .registerPerson(person: father, balance: 0, currentYearCredits: 0), now: now).state
        state = try apply(state: state, command: .establish(sharer: "xiaoming", beneficiary: "father", kinship: .parent, mode: .wallet, commitmentSigned: true), now: now).state
        let rel = state.relationships[0].id
        let applied = try apply(state: state, command: .grant(relationship: rel, amount: 2000), now: now)
        return (applied, rel)
    }

    private func fatherBill() -> SettleRequest {
        SettleRequest(
            reference: "JN20250702001",
            date: "2025-07-02",
            patient: father,
            ownBalance: 0,
            visit: Visit(kind: .inpatient, level: 2),
            items: [
                Item(name: "甲类药品", amount: 1800, itemClass: .a, category: .drug),
                Item(name: "乙类药品", amount: 1000, itemClass: .b, preselfpayRatio: Decimal(string: "0.10")!, category: .drug),
                Item(name: "丙类诊疗", amount: 200, itemClass: .c, category: .service),
            ],
            accumulators: Accumulators(deductibleMet: 0, fundPaid: 0, inScopePastDeductible: 0),
            funds: [FamilyFund(sharer: "xiaoming", mode: .wallet, available: 2000, grantedAt: now)],
            fundOrder: .oldestGrant,
            estimate: true
        )
    }

    func testE5FatherInAnotherProvinceSharesThroughTheWallet() throws {
        let d = try checkEligibility(request: eligibility(father, .parent, .wallet))
        XCTAssertTrue(d.allowed)
        XCTAssertTrue(d.passed.contains { $0.rule == "E-5" })
        let refused = try checkEligibility(request: eligibility(father, .parent, .inProvince))
        XCTAssertEqual(refused.failed.map { $0.code }, ["CROSS_PROVINCE_NEEDS_WALLET"])
    }

    func testE2SiblingNotEligibleBefore2024() throws {
        let brother = Person(id: "brother", scheme: .employee, region: "110000", enrollment: .active)
        let d = try checkEligibility(request: eligibility(brother, .sibling, .inProvince, date: "2023-06-01"))
        XCTAssertEqual(d.failed.map { $0.code }, ["KINSHIP_NOT_ELIGIBLE"])
    }

    func testQ1GrantLeavesTheSharersBalance() throws {
        let (applied, _) = try familyWithQuota()
        // 5000.00 − 2000.00 = 3000.00; shareable 3000.00 − 10.00 (Beijing minimum) = 2990.00
        XCTAssertEqual(applied.state.accounts[0].balance, Decimal(3000))
        let s = try shareable(state: applied.state, sharer: "xiaoming", now: now)
        XCTAssertEqual(s.shareable, Decimal(string: "2990.00")!)
    }

    func testS10ThreeDecimalsAndNegativeAmountsAreTypedErrors() throws {
        let (applied, rel) = try familyWithQuota()
        for (amount, code) in [("12.345", Code.amountPrecision), ("-1.00", Code.amountNegative)] {
            let e = rejected { _ = try apply(state: applied.state, command: .grant(relationship: rel, amount: Decimal(string: amount)!), now: now) }
            XCTAssertEqual(e.code, code)
            XCTAssertEqual(e.field, "command.args.amount")
            XCTAssertEqual(e.rule, "S-10")
        }
    }

    func testS5SettleRequestWithoutTheOptionalFields() throws {
        // own_balance, accumulators, funds, fund_order and explain are optional in JSON: defaulted here.
        let bill = SettleRequest(reference: "BJ20250702001", date: "2025-07-02", patient: xiaoming,
                                 visit: Visit(kind: .outpatient, level: 2),
                                 items: [Item(name: "甲类药品", amount: 100, itemClass: .a, category: .drug)])
        XCTAssertEqual(bill.ownBalance, Decimal(0))
        XCTAssertEqual(bill.fundOrder, .oldestGrant)
        XCTAssertTrue(bill.explain && bill.funds.isEmpty)
        let s = try settle(request: bill)
        // no own balance, no funds: the 100.00 below Beijing's outpatient deductible is paid in cash
        XCTAssertEqual(s.psnCashPay, Decimal(100))
    }

    func testThreePlacesInABillNameTheItem() throws {
        var bill = fatherBill()
        bill.items[0].amount = Decimal(string: "1800.005")!
        let e = rejected { _ = try settle(request: bill) }
        XCTAssertEqual(e.code, .amountPrecision)
        XCTAssertEqual(e.field, "items[0].amount")
    }

    func testS8FathersInpatientBillPaidFromTheQuota() throws {
        let s = try settle(request: fatherBill())
        // in scope 1800.00 + 900.00 = 2700.00; fund (2700.00 − 300.00) × 0.60 = 1440.00
        XCTAssertEqual(s.hifpPay, Decimal(1440))
        XCTAssertEqual(s.poolPropSelfpay, Decimal(string: "0.60")!)
        // personal 1560.00: 1360.00 from the quota, the 200.00 class-C item in cash (Shandong)
        XCTAssertEqual(s.acctMulaidPay, Decimal(1360))
        XCTAssertEqual(s.psnCashPay, Decimal(200))
    }

    func testS9ReverseRestoresTheQuota() throws {
        let (applied, _) = try familyWithQuota()
        let s = try settle(request: fatherBill())
        var state = applied.state
        for c in s.walletCommands { state = try apply(state: state, command: walletCommand(command: c), now: "2025-07-02T09:00").state }
        XCTAssertEqual(state.quotas[0].amount, Decimal(640))
        let r = try reverse(settlement: s)
        for c in r.walletCommands { state = try apply(state: state, command: walletCommand(command: c), now: "2025-07-03T09:00").state }
        XCTAssertEqual(state.quotas[0].amount, Decimal(2000))
    }

    func testP2ACallersBookAndBadBooks() throws {
        let policy = try Policy(bookJson: #"{"schema":"gongji-policy/1","extends":"embedded","version":"test"}"#)
        XCTAssertEqual(policy.version(), "test")
        XCTAssertEqual(Policy.embedded().version(), Policy.embedded().version())
        let e = rejected { try validatePolicy(bookJson: "{") }
        XCTAssertEqual(e.code, .invalidJson)
        XCTAssertEqual(rejected { _ = try invokeJson(op: "nope", input: "{}") }.code, .unknownOperation)
        XCTAssertEqual(Code.unknownOperation.description, "UNKNOWN_OPERATION")
    }
}
