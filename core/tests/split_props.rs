//! Split mode (S-11) over random pre-settlements: consistent figures settle with every identity, reverse
//! exactly and refuse tampering; a broken identity is refused naming its field; and an estimate's own
//! figures, passed back as a pre-settlement, split the same way.

use gongji_core::{settle, Code, Money, PolicyBook, SettleRequest, Settlement};
use gongji_testing::{identities, settle_and_reverse};
use proptest::prelude::*;
use serde_json::{json, Value};

const REGIONS: [&str; 4] = ["110000", "330100", "370100", "440300"];
const OTHERS: [&str; 6] = [
    "cvlserv_pay",
    "hifes_pay",
    "hifmi_pay",
    "hifob_pay",
    "maf_pay",
    "oth_pay",
];

fn yuan(fen: u64) -> String {
    Money::from_fen(fen).unwrap().to_string()
}

/// A consistent pre-settlement from random parts: S-1 parts, a deductible within the in-scope amount,
/// a fund within what is past it, the other funds and the hospital's part within what is left.
fn presettlement() -> impl Strategy<Value = Value> {
    (
        prop::array::uniform4(0u64..=2_000_000),
        (0u64..=10_000, 0u64..=10_000, 0u32..=10_000),
        prop::array::uniform7(0u64..=500_000),
    )
        .prop_map(|(parts, (dedc_share, fund_share, ratio), others)| {
            let [ful, over, pre, inscp] = parts;
            let medfee = ful + over + pre + inscp;
            let dedc = inscp * dedc_share / 10_000;
            let hifp = (inscp - dedc) * fund_share / 10_000;
            let mut left = medfee - hifp;
            let mut p = json!({
                "medfee_sumamt": yuan(medfee), "fulamt_ownpay_amt": yuan(ful), "overlmt_selfpay": yuan(over),
                "preselfpay_amt": yuan(pre), "inscp_scp_amt": yuan(inscp), "act_pay_dedc": yuan(dedc),
                "hifp_pay": yuan(hifp), "pool_prop_selfpay": format!("{}.{:04}", ratio / 10_000, ratio % 10_000),
            });
            let mut funds = hifp;
            for (name, want) in OTHERS.iter().zip(others) {
                let x = want.min(left);
                left -= x;
                funds += x;
                p[*name] = json!(yuan(x));
            }
            let hosp = others[6].min(left);
            p["fund_pay_sumamt"] = json!(yuan(funds));
            p["hosp_part_amt"] = json!(yuan(hosp));
            p["psn_part_amt"] = json!(yuan(left - hosp));
            p
        })
}

fn request(pre: Value, region: usize, own: u64, funds: &[u64]) -> Value {
    json!({
        "reference": "SP-2025-0001",
        "date": "2025-07-01",
        "patient": {"id": "P", "scheme": "employee", "region": REGIONS[region], "enrollment": "active"},
        "own_balance": yuan(own),
        "visit": {"type": "inpatient", "level": 2},
        "presettlement": pre,
        "funds": funds.iter().enumerate()
            .map(|(i, f)| json!({"sharer": format!("S{i}"), "mode": "wallet", "available": yuan(*f)}))
            .collect::<Vec<_>>(),
    })
}

fn parse(v: &Value) -> SettleRequest {
    serde_json::from_value(v.clone()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// S-8, S-9, S-11: a consistent pre-settlement settles; the funds are the platform's, the burden is
    /// split in full, the identities hold, the settlement reverses and refuses tampering.
    #[test]
    fn s11_consistent_presettlements_settle_and_reverse(
        pre in presettlement(),
        region in 0usize..4,
        own in 0u64..=3_000_000,
        funds in prop::collection::vec(0u64..=1_000_000, 0..3),
        tamper in any::<u8>(),
    ) {
        let v = request(pre.clone(), region, own, &funds);
        let book = PolicyBook::embedded();
        let s: Settlement = settle_and_reverse(&book, &parse(&v), tamper).expect("settles");
        identities(&s);
        prop_assert_eq!(s.fund_pay_sumamt.to_string(), pre["fund_pay_sumamt"].as_str().unwrap());
        prop_assert_eq!(s.psn_part_amt.to_string(), pre["psn_part_amt"].as_str().unwrap());
        prop_assert_eq!(s.hosp_part_amt.to_string(), pre["hosp_part_amt"].as_str().unwrap());
        prop_assert!(s.items.is_empty());
    }

    /// S-11: one fen more on any amount an identity holds (every one but `act_pay_dedc`, which only
    /// bounds) is refused, naming a pre-settlement field.
    #[test]
    fn s11_one_fen_off_is_refused(pre in presettlement(), which in 0usize..17) {
        let keys: Vec<String> = pre.as_object().unwrap().keys()
            .filter(|k| *k != "pool_prop_selfpay" && *k != "act_pay_dedc").cloned().collect();
        let key = &keys[which % keys.len()];
        let mut bad = pre.clone();
        let fen = Money::parse(bad[key.as_str()].as_str().unwrap()).unwrap()
            .checked_add(Money::from_fen(1).unwrap()).unwrap();
        bad[key.as_str()] = json!(fen.to_string());
        let e = settle(&PolicyBook::embedded(), &parse(&request(bad, 0, 0, &[]))).unwrap_err();
        prop_assert_eq!(e.code, Code::PresettlementInconsistent);
        prop_assert!(e.field.starts_with("presettlement."), "{}", e.field);
    }

    /// S-11: an estimate of a bill of medical items, passed back as the platform's figures, splits the
    /// burden exactly as the estimate did (own account, each fund, cash, the year's totals).
    #[test]
    fn s11_an_estimate_passed_back_splits_the_same(
        lines in prop::collection::vec((1u64..=300_000, 0u8..3), 1..5),
        region in 0usize..4,
        own in 0u64..=300_000,
        funds in prop::collection::vec(0u64..=200_000, 0..3),
        dedc in 0u64..=100_000,
    ) {
        let items: Vec<Value> = lines.iter().map(|(fen, class)| {
            let class_name = ["a", "b", "c"][*class as usize];
            let mut i = json!({"name": "药", "amount": yuan(*fen), "class": class_name, "category": "drug"});
            if *class == 1 { i["preselfpay_ratio"] = json!("0.15"); }
            i
        }).collect();
        let mut v = request(Value::Null, region, own, &funds);
        v.as_object_mut().unwrap().remove("presettlement");
        v["items"] = json!(items);
        v["accumulators"] = json!({"deductible_met": yuan(dedc)});
        v["estimate"] = json!(true);
        let book = PolicyBook::embedded();
        let est = settle(&book, &parse(&v)).unwrap();
        let mut p = json!({});
        for k in ["medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt",
                  "act_pay_dedc", "hifp_pay", "pool_prop_selfpay", "hifmi_pay", "hifob_pay", "fund_pay_sumamt",
                  "psn_part_amt"] {
            p[k] = serde_json::to_value(&est).unwrap()[k].clone();
        }
        let mut w = v.clone();
        w.as_object_mut().unwrap().remove("items");
        w.as_object_mut().unwrap().remove("estimate");
        w["presettlement"] = p;
        let split = settle(&book, &parse(&w)).unwrap();
        prop_assert_eq!(split.self_acct_pay, est.self_acct_pay);
        prop_assert_eq!(&split.mulaid_by_sharer, &est.mulaid_by_sharer);
        prop_assert_eq!(split.psn_cash_pay, est.psn_cash_pay);
        prop_assert_eq!(split.accumulators_after, est.accumulators_after);
        prop_assert_eq!(&split.wallet_commands, &est.wallet_commands);
    }
}
