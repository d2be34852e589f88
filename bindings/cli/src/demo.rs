//! `gongji demo`: 小明's family (seed 000) — who may share, how much, a grant and a revoke, a settled bill.

use gongji_core::eligibility::{check_eligibility, EligibilityRequest, Mode};
use gongji_core::wallet::{apply, shareable, Command, WalletState};
use gongji_core::{DateTime, Error, Kinship, Money, Person, PolicyBook};

/// Output language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        if self == Lang::Zh {
            zh
        } else {
            en
        }
    }
}

struct Member {
    name_zh: &'static str,
    name_en: &'static str,
    json: &'static str,
    kinship: Kinship,
    mode: Mode,
}

const XIAOMING: &str = r#"{"id":"xiaoming","scheme":"employee","region":"110000","enrollment":"active","wallet_opened":true}"#;

const FAMILY: &[Member] = &[
    Member {
        name_zh: "父亲（居民医保，济南）",
        name_en: "father (resident scheme, Jinan)",
        json: r#"{"id":"father","scheme":"resident","region":"370100","enrollment":"active","wallet_opened":true,"retired":true}"#,
        kinship: Kinship::Parent,
        mode: Mode::Wallet,
    },
    Member {
        name_zh: "妻子（无业，居民医保，北京）",
        name_en: "wife (not employed, resident scheme, Beijing)",
        json: r#"{"id":"wife","scheme":"resident","region":"110000","enrollment":"active"}"#,
        kinship: Kinship::Spouse,
        mode: Mode::InProvince,
    },
    Member {
        name_zh: "儿子（学生，居民医保，北京）",
        name_en: "son (student, resident scheme, Beijing)",
        json: r#"{"id":"son","scheme":"resident","region":"110000","enrollment":"active"}"#,
        kinship: Kinship::Child,
        mode: Mode::InProvince,
    },
];

fn person(json: &str) -> Result<Person, Error> {
    gongji_core::json::parse_doc(json)
}

fn at(s: &str) -> Result<DateTime, Error> {
    s.parse().map_err(|c| Error::new(c, "now"))
}

fn yuan(s: &str) -> Result<Money, Error> {
    s.parse().map_err(|c| Error::new(c, "amount"))
}

/// Runs the worked example and renders it as tables.
pub fn run(lang: Lang) -> Result<String, Error> {
    let book = PolicyBook::embedded();
    let now = at("2025-07-01T10:00")?;
    let mut out = String::new();
    let l = |zh, en| lang.t(zh, en).to_string();

    out += &l(
        "小明：职工医保（北京），个人账户余额 5000.00 元，2025-07-01 为三位家人办理共济。\n\n",
        "Xiaoming: employee scheme (Beijing), 5000.00 yuan in his personal account, sets up sharing for three relatives on 2025-07-01.\n\n",
    );

    // 1. Eligibility (E-1..E-7).
    out += &l(
        "一、谁可以共济（E-1…E-7）\n",
        "1. Who may share (E-1…E-7)\n",
    );
    let mut rows = vec![vec![
        l("家人", "relative"),
        l("方式", "mode"),
        l("结果", "result"),
        l("依据", "reasons"),
    ]];
    let sharer = person(XIAOMING)?;
    let mut checks: Vec<(String, EligibilityRequest)> = FAMILY
        .iter()
        .map(|m| -> Result<_, Error> {
            Ok((
                lang.t(m.name_zh, m.name_en).to_string(),
                EligibilityRequest {
                    date: now.date(),
                    mode: m.mode,
                    sharer: sharer.clone(),
                    beneficiary: person(m.json)?,
                    kinship: m.kinship,
                    commitment_signed: Some(true),
                    beneficiary_sharers: 0,
                },
            ))
        })
        .collect::<Result<_, _>>()?;
    // Two refusals, to show why not: the father without the wallet, and a brother before 2024.
    let mut father_in_province = checks[0].1.clone();
    father_in_province.mode = Mode::InProvince;
    checks.push((
        l("父亲，不用医保钱包", "father, without the wallet"),
        father_in_province,
    ));
    let mut brother = checks[1].1.clone();
    brother.beneficiary =
        person(r#"{"id":"brother","scheme":"employee","region":"110000","enrollment":"active"}"#)?;
    brother.kinship = Kinship::Sibling;
    brother.date = "2023-06-01".parse().map_err(|c| Error::new(c, "date"))?;
    checks.push((
        l("弟弟（2023-06-01 时）", "brother (on 2023-06-01)"),
        brother,
    ));
    for (name, req) in &checks {
        let d = check_eligibility(&book, req)?;
        let reasons: Vec<String> = if d.allowed {
            d.passed.iter().map(|r| r.rule.clone()).collect()
        } else {
            d.failed
                .iter()
                .map(|r| format!("{} {}", r.rule, lang.t(&r.message_zh, &r.message_en)))
                .collect()
        };
        rows.push(vec![
            name.clone(),
            mode_name(lang, req.mode),
            if d.allowed {
                l("可以", "yes")
            } else {
                l("不可以", "no")
            },
            reasons.join(if d.allowed { " " } else { "；" }),
        ]);
    }
    out += &table(&rows);

    // 2. The ledger: register, establish, then how much each may receive (Q-4, Q-7).
    let mut state = WalletState::default();
    let step = |state: &mut WalletState, cmd: Command| -> Result<(), Error> {
        *state = apply(&book, state, &cmd, now)?.state;
        Ok(())
    };
    step(
        &mut state,
        Command::RegisterPerson {
            person: sharer.clone(),
            balance: yuan("5000.00")?,
            current_year_credits: Money::ZERO,
        },
    )?;
    for m in FAMILY {
        step(
            &mut state,
            Command::RegisterPerson {
                person: person(m.json)?,
                balance: Money::ZERO,
                current_year_credits: Money::ZERO,
            },
        )?;
        step(
            &mut state,
            Command::Establish {
                sharer: sharer.id.clone(),
                beneficiary: person(m.json)?.id,
                kinship: m.kinship,
                mode: m.mode,
                commitment_signed: true,
            },
        )?;
    }
    let can = shareable(&book, &state, &sharer.id, now)?;
    let policy = book.resolve(sharer.region, now.date())?;
    let advice = policy.reserve_advice_ratio.of(yuan("5000.00")?);
    out += &l(
        "\n二、可以共济多少（Q-4，Q-7）\n",
        "\n2. How much can be shared (Q-4, Q-7)\n",
    );
    let mut rows = vec![vec![l("项目", "item"), l("金额（元）", "yuan")]];
    rows.push(vec![l("账户余额", "balance"), "5000.00".into()]);
    rows.push(vec![
        l("北京保底余额（Q-4）", "Beijing reserved minimum (Q-4)"),
        policy.reserved_minimum.to_string(),
    ]);
    let formula = format!("5000.00 − {}", policy.reserved_minimum);
    rows.push(vec![
        format!("{} = {formula}", l("可共济余额", "shareable")),
        can.to_string(),
    ]);
    rows.push(vec![
        l(
            "建议自留 30%（Q-7，仅为建议）",
            "advised own reserve 30 % (Q-7, advice only)",
        ),
        advice.to_string(),
    ]);
    out += &table(&rows);
    out += &l(
        "父亲跨省（医保钱包）：先设定共济额度；妻子、儿子省内共济：结算时直接从小明账户扣划（Q-6）。\n",
        "Father is in another province (wallet): a quota is set first; wife and son share in-province: charged to Xiaoming's account at settlement (Q-6).\n",
    );

    // 3. Grant and revoke (Q-1, Q-3).
    out += &l(
        "\n三、设定与收回额度（Q-1，Q-3）\n",
        "\n3. Grant and revoke (Q-1, Q-3)\n",
    );
    let father_rel = state
        .relationships
        .first()
        .map(|r| r.id.clone())
        .unwrap_or_default();
    let mut rows = vec![vec![
        l("操作", "step"),
        l("小明余额", "Xiaoming's balance"),
        l("父亲额度", "father's quota"),
        l("可共济", "shareable"),
    ]];
    let grant = Command::Grant {
        relationship: father_rel.clone(),
        amount: yuan("2000.00")?,
    };
    step(&mut state, grant)?;
    rows.push(ledger_row(
        &book,
        &state,
        &sharer,
        &father_rel,
        now,
        l("为父亲设定 2000.00", "grant father 2000.00"),
    )?);
    step(
        &mut state,
        Command::Revoke {
            relationship: father_rel.clone(),
            amount: Some(yuan("500.00")?),
        },
    )?;
    rows.push(ledger_row(
        &book,
        &state,
        &sharer,
        &father_rel,
        now,
        l("收回 500.00", "revoke 500.00"),
    )?);
    out += &table(&rows);

    // 4. The father's inpatient bill in Jinan (seed 000 Q4): his own scheme first, then the quota, then cash.
    out += &bill(lang, &book, &mut state, &sharer, &father_rel)?;
    // 5. A later stay the hospital pre-settled with the platform (S-11): only the burden is split.
    out += &split_bill(lang, &book, &mut state, &sharer, &father_rel)?;
    Ok(out)
}

/// Settles the father's second stay in split mode (S-11): the platform's 2206 figures in, the personal
/// burden split among the quota and cash, with the notices (S-13).
fn split_bill(
    lang: Lang,
    book: &PolicyBook,
    state: &mut WalletState,
    sharer: &Person,
    rel: &str,
) -> Result<String, Error> {
    let l = |zh: &str, en: &str| lang.t(zh, en).to_string();
    let request = serde_json::json!({
        "reference": "JN-2025-0915-002",
        "date": "2025-09-15",
        "patient": serde_json::from_str::<serde_json::Value>(FAMILY[0].json).map_err(|e| Error::new(gongji_core::Code::InvalidJson, e.to_string()))?,
        "visit": {"type": "inpatient", "level": 2},
        "presettlement": {
            "medfee_sumamt": "30000.00", "fulamt_ownpay_amt": "1000.00", "overlmt_selfpay": "0.00",
            "preselfpay_amt": "2000.00", "inscp_scp_amt": "27000.00", "act_pay_dedc": "300.00",
            "hifp_pay": "16020.00", "pool_prop_selfpay": "0.60", "hifmi_pay": "3000.00", "maf_pay": "1000.00",
            "fund_pay_sumamt": "20020.00", "psn_part_amt": "9980.00"
        },
        "funds": [{"sharer": sharer.id.as_str(), "mode": "wallet", "available": state.quota_available(rel).to_string()}],
        "explain": false
    });
    let s = settle_and_book(book, state, &request, "2025-09-15T15:00")?;
    let mut out = l(
        "\n五、父亲第二次住院，医院已向平台预结算（2206）：只分摊个人负担\n",
        "\n5. Father's second stay, pre-settled by the hospital with the platform (2206): only the burden is split\n",
    );
    out += &field_table(
        lang,
        &s,
        &[
            ("hifp_pay", "统筹基金支出", "pooled fund"),
            ("hifmi_pay", "大病保险", "serious-illness insurance"),
            ("maf_pay", "医疗救助", "medical assistance"),
            ("fund_pay_sumamt", "基金支付总额", "all funds"),
            ("psn_part_amt", "个人负担总金额", "personal burden"),
            (
                "acct_mulaid_pay",
                "个人账户共济支付",
                "paid by family sharing",
            ),
            ("psn_cash_pay", "个人现金支出", "cash"),
        ],
    )?;
    out += &l("提示（S-13）：\n", "Notices (S-13):\n");
    for n in &s.notices {
        let code = serde_json::to_value(n.code)
            .map_err(|e| Error::new(gongji_core::Code::InvalidJson, e.to_string()))?;
        out += &format!(
            "  [{}] {} {}\n",
            n.rule,
            code.as_str().unwrap_or(""),
            n.amount
        );
    }
    Ok(out)
}

/// Settles the father's bill, applies its wallet commands to the ledger, and renders the split (S-1..S-8).
fn bill(
    lang: Lang,
    book: &PolicyBook,
    state: &mut WalletState,
    sharer: &Person,
    rel: &str,
) -> Result<String, Error> {
    let l = |zh: &str, en: &str| lang.t(zh, en).to_string();
    let granted_at = state
        .quotas
        .iter()
        .find(|q| q.relationship == rel)
        .map(|q| q.granted_at.to_string())
        .unwrap_or_default();
    let request = serde_json::json!({
        "reference": "JN-2025-0702-001",
        "estimate": true,
        "date": "2025-07-02",
        "patient": serde_json::from_str::<serde_json::Value>(FAMILY[0].json).map_err(|e| Error::new(gongji_core::Code::InvalidJson, e.to_string()))?,
        "own_balance": "0.00",
        "visit": {"type": "inpatient", "level": 2, "designated": true},
        "items": [
            {"name": "床位及诊疗 bed and care", "amount": "1200.00", "class": "a", "category": "service"},
            {"name": "乙类药品 class-B drugs", "amount": "800.00", "class": "b", "preselfpay_ratio": "0.10", "category": "drug"},
            {"name": "自费药品 self-paid drugs", "amount": "300.00", "class": "c", "category": "drug"}
        ],
        "funds": [{"sharer": sharer.id.as_str(), "mode": "wallet", "available": state.quota_available(rel).to_string(), "granted_at": granted_at}]
    });
    let s = settle_and_book(book, state, &request, "2025-07-02T15:00")?;
    let mut out = l(
        "\n四、父亲在济南二级医院住院（居民医保起付线 300 元、报销 60%；山东：个人账户不付目录外费用）\n",
        "\n4. Father's inpatient stay at a level-2 hospital in Jinan (resident scheme: deductible 300, 60 %; Shandong: accounts do not pay out-of-catalogue items)\n",
    );
    out += &field_table(
        lang,
        &s,
        &[
            ("medfee_sumamt", "医疗费总额", "total"),
            ("fulamt_ownpay_amt", "全自费金额", "fully self-paid"),
            ("preselfpay_amt", "先行自付", "pre-self-pay"),
            ("inscp_scp_amt", "符合政策范围金额", "in scope"),
            ("act_pay_dedc", "实际支付起付线", "deductible paid"),
            ("hifp_pay", "统筹基金支出", "pooled fund"),
            ("psn_part_amt", "个人负担总金额", "personal burden"),
            ("acct_pay", "个人账户支出", "account payments"),
            (
                "acct_mulaid_pay",
                "个人账户共济支付",
                "paid by family sharing",
            ),
            ("psn_cash_pay", "个人现金支出", "cash"),
        ],
    )?;
    out += &l("计算过程：\n", "How it was computed:\n");
    for step in &s.trace {
        out += &format!("  [{}] {}\n", step.rule, lang.t(&step.zh, &step.en));
    }
    out += &format!(
        "{}{}\n",
        l(
            "结算后父亲剩余额度：",
            "Father's quota left after the bill: "
        ),
        state.quota_available(rel)
    );
    Ok(out)
}

/// Settles the demo's bill and books its ledger commands at `now`, as a host does after a settlement.
fn settle_and_book(
    book: &PolicyBook,
    state: &mut WalletState,
    request: &serde_json::Value,
    now: &str,
) -> Result<gongji_core::Settlement, Error> {
    let req: gongji_core::SettleRequest = gongji_core::json::parse_doc(&request.to_string())?;
    let s = gongji_core::settle(book, &req)?;
    let now = at(now)?;
    for cmd in &s.wallet_commands {
        *state = apply(book, state, &cmd.into(), now)?.state;
    }
    Ok(s)
}

/// A table of settlement fields: the national name, its meaning in zh-CN or English, the amount.
fn field_table(
    lang: Lang,
    s: &gongji_core::Settlement,
    fields: &[(&str, &str, &str)],
) -> Result<String, Error> {
    let doc = serde_json::to_value(s)
        .map_err(|e| Error::new(gongji_core::Code::InvalidJson, e.to_string()))?;
    let mut rows = vec![vec![
        lang.t("字段", "field").to_string(),
        lang.t("含义", "meaning").to_string(),
        lang.t("金额（元）", "yuan").to_string(),
    ]];
    for (name, zh, en) in fields {
        let amount = doc[*name].as_str().unwrap_or_default().to_string();
        rows.push(vec![name.to_string(), lang.t(zh, en).to_string(), amount]);
    }
    Ok(table(&rows))
}

fn ledger_row(
    book: &PolicyBook,
    s: &WalletState,
    sharer: &Person,
    rel: &str,
    now: DateTime,
    label: String,
) -> Result<Vec<String>, Error> {
    let bal = s.account(&sharer.id).map(|a| a.balance).unwrap_or_default();
    Ok(vec![
        label,
        bal.to_string(),
        s.quota_available(rel).to_string(),
        shareable(book, s, &sharer.id, now)?.to_string(),
    ])
}

fn mode_name(lang: Lang, m: Mode) -> String {
    match m {
        Mode::Wallet => lang.t("医保钱包（跨省）", "wallet (cross-province)"),
        Mode::InProvince => lang.t("省内家庭共济", "in-province"),
    }
    .to_string()
}

/// Display width: CJK and full-width characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if ('\u{1100}'..='\u{115f}').contains(&c)
                || ('\u{2e80}'..='\u{a4cf}').contains(&c)
                || ('\u{ac00}'..='\u{d7a3}').contains(&c)
                || ('\u{f900}'..='\u{faff}').contains(&c)
                || ('\u{fe30}'..='\u{fe4f}').contains(&c)
                || ('\u{ff00}'..='\u{ff60}').contains(&c)
                || ('\u{ffe0}'..='\u{ffe6}').contains(&c)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

/// Renders rows as a plain-text table, the first row as header.
fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, s)| format!("{s}{}", " ".repeat(widths[c] - width(s))))
            .collect();
        out += cells.join(" | ").trim_end();
        out.push('\n');
        if i == 0 {
            out += &widths
                .iter()
                .map(|w| "-".repeat(*w))
                .collect::<Vec<_>>()
                .join("-+-");
            out.push('\n');
        }
    }
    out
}
