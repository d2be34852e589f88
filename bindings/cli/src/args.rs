//! The command line's grammar and its help texts.

use crate::demo::Lang;

pub const USAGE: &str = "usage: gongji <command> [FILE|-] [--book BOOK.json] [--pretty] [--lines]

commands (each reads one JSON document from FILE or stdin and writes one to stdout):
  eligibility   may the sharer share with this relative? (E-1..E-7)      {date, mode, kinship, sharer, beneficiary, …}
  apply         one command on the wallet ledger (E-6..E-9, Q-1..Q-6)    {state, command, now}
  shareable     how much the sharer may grant now, and the advice (Q-4, Q-7) {state, sharer, now}
  statement     共济支出明细 from the ledger's events (T-1)              {events: [{at, event}], person?, year?}
  settle        who pays what of a bill (S-1..S-11)                    {reference, date, patient, visit, items, …}
  summary       the same settlement's amounts only, without its trace  the settle document
  reverse       refunds of a settlement (S-9)                          a settlement document
  plan          the family-year planner: grants by relative and month (PL-1) {year, sharers, family, care, …}
  policy print              the embedded policy book (P-2)
  policy validate [FILE|-]  check a policy book and print it resolved (P-3)
  demo [--lang zh|en]       the worked example: 小明's family
  help [COMMAND]            this text, or one command's

options:
  --book BOOK.json  use this policy book instead of the embedded one (\"extends\": \"embedded\" overlays it)
  --pretty          indent the output
  --lines           batch: the input is JSON Lines, one document a line; each result is a line
                    {\"line\": N, \"output\": …} or {\"line\": N, \"error\": …}; blank lines are skipped
  -h, --help        help;  -V, --version  the version

exit status:
  0  done (every line, with --lines)
  1  usage or I/O error (message on stderr)
  2  the input was refused: the error document (code, rule, field, message_zh, message_en) on stderr;
     with --lines, at least one line was refused (its error is on stdout with its line number)";

/// An operation of the core, by its subcommand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eligibility,
    Apply,
    Shareable,
    Statement,
    Settle,
    SettleSummary,
    Reverse,
    Plan,
    ValidatePolicy,
}

impl Op {
    /// The core's operation name (`gongji_core::json::OPERATIONS`).
    pub fn name(self) -> &'static str {
        match self {
            Op::Eligibility => "check_eligibility",
            Op::Apply => "apply",
            Op::Shareable => "shareable",
            Op::Statement => "statement",
            Op::Settle => "settle",
            Op::SettleSummary => "settle_summary",
            Op::Reverse => "reverse",
            Op::Plan => "plan",
            Op::ValidatePolicy => "validate_policy",
        }
    }

    fn from_command(cmd: &str) -> Option<Op> {
        Some(match cmd {
            "eligibility" | "check_eligibility" => Op::Eligibility,
            "apply" => Op::Apply,
            "shareable" => Op::Shareable,
            "statement" => Op::Statement,
            "settle" => Op::Settle,
            "summary" | "settle_summary" => Op::SettleSummary,
            "reverse" => Op::Reverse,
            "plan" => Op::Plan,
            "validate_policy" => Op::ValidatePolicy,
            _ => return None,
        })
    }

    /// This subcommand's help, with the options every operation takes.
    fn help(self) -> String {
        let text = match self {
            Op::Eligibility => HELP_ELIGIBILITY,
            Op::Apply => HELP_APPLY,
            Op::Shareable => HELP_SHAREABLE,
            Op::Statement => HELP_STATEMENT,
            Op::Settle => HELP_SETTLE,
            Op::SettleSummary => HELP_SUMMARY,
            Op::Reverse => HELP_REVERSE,
            Op::Plan => HELP_PLAN,
            Op::ValidatePolicy => HELP_POLICY,
        };
        format!("{text}\n{OPTIONS}")
    }
}

const OPTIONS: &str = "
options: --book BOOK.json (a policy book instead of the embedded one), --pretty (indent),
         --lines (JSON Lines batch: one document a line, one {\"line\", \"output\"|\"error\"} a line out)
exit status: 0 done; 1 usage or I/O error; 2 input refused (error document on stderr, or with --lines
             at least one line refused)";

const HELP_ELIGIBILITY: &str = "usage: gongji eligibility [FILE|-] [options]

E-1..E-7, E-10: may the sharer share with this relative on that date, in that mode? Every rule's verdict is
listed (passed and failed), not only the first refusal.
input:  {\"date\": \"2025-07-01\", \"mode\": \"wallet\", \"kinship\": \"parent\", \"commitment_signed\": true,
         \"sharer\": {\"id\": \"xm\", \"scheme\": \"employee\", \"region\": \"110000\", \"enrollment\": \"active\", \"wallet_opened\": true},
         \"beneficiary\": {\"id\": \"dad\", \"scheme\": \"resident\", \"region\": \"370100\", \"enrollment\": \"active\", \"wallet_opened\": true}}
output: {\"allowed\": true, \"failed\": [], \"passed\": [{\"rule\": \"E-1\", \"code\": \"SHARER_ELIGIBLE\", …}, …], …}";

const HELP_APPLY: &str = "usage: gongji apply [FILE|-] [options]

E-6..E-9, Q-1..Q-6: applies one command to the wallet ledger. The host stores the state that comes back and
passes it with the next command. Commands: register_person, open_wallet, establish, review, dissolve,
insurance_changed, grant, revoke, transfer, accept, tick, spend, refund, settle, reverse, credit.
input:  {\"state\": {\"schema\": \"gongji-wallet/1\", …}, \"command\": {\"type\": \"grant\", \"args\": {…}}, \"now\": \"2025-07-01T11:00\"}
output: {\"state\": {…}, \"events\": [{\"type\": \"quota_granted\", …}]}";

const HELP_SHAREABLE: &str = "usage: gongji shareable [FILE|-] [options]

Q-4, Q-7: how much the sharer may grant now, term by term, with the advised reserve beside it (advice
never limits a grant).
input:  {\"state\": {…the ledger…}, \"sharer\": \"xm\", \"now\": \"2025-07-01T10:00\"}
output: {\"sharer\": \"xm\", \"balance\": \"5000.00\", \"shareable\": \"4990.00\", \"advised_max\": \"3500.00\", …}";

const HELP_STATEMENT: &str = "usage: gongji statement [FILE|-] [options]

T-1: the statement (共济支出明细) folded from the ledger's events as the host kept them, each with the time
of its command: per sharer → beneficiary, per year and month, what was granted, revoked, sent, accepted,
returned, spent (line by line, with visit type and institution) and refunded. `person` keeps the pairs
that person is in; `year` keeps that calendar year. Events must be in time order.
input:  {\"events\": [{\"at\": \"2025-07-20T10:00\", \"event\": {\"type\": \"spent\", \"reference\": \"B1/1\", \"relationship\": \"R1\",
         \"sharer\": \"xm\", \"beneficiary\": \"dad\", \"amount\": \"120.50\", \"visit_type\": \"outpatient\"}}], \"year\": 2025}
output: {\"pairs\": [{\"sharer\": \"xm\", \"beneficiary\": \"dad\", \"total\": {…}, \"years\": [{\"year\": 2025, \"months\": [{\"month\": \"2025-07\", …}]}]}]}";

const HELP_SETTLE: &str = "usage: gongji settle [FILE|-] [options]

S-1..S-11: who pays what of a bill: every fund, the patient's own account, each sharer's fund, cash —
in the national settlement's field names, with the ledger commands the host applies and a trace
(\"explain\": false leaves the trace out).
input:  {\"reference\": \"JN-2025-0702-001\", \"date\": \"2025-07-02\", \"patient\": {…}, \"own_balance\": \"0.00\",
         \"visit\": {\"type\": \"inpatient\", \"level\": 2, \"designated\": true}, \"items\": [{…}],
         \"funds\": [{\"sharer\": \"xm\", \"mode\": \"wallet\", \"available\": \"1500.00\"}]}
output: {\"medfee_sumamt\": \"2300.00\", \"hifp_pay\": \"972.00\", \"acct_pay\": \"1028.00\", \"psn_cash_pay\": \"300.00\", …}
split mode (S-11): \"presettlement\": {…the platform's 2206/2303 figures…} instead of \"items\"; only its
psn_part_amt is split among own account, sharers and cash. Every settlement lists its \"notices\" (S-13).";

const HELP_SUMMARY: &str = "usage: gongji summary [FILE|-] [options]

S-1..S-8: the amounts of the settlement `gongji settle` gives for the same input: the S-1 totals, every
fund, own account, each sharer's part, cash, the balance after and the notices (S-13) — without the
lines' splits, the benefit row, the accumulators, the ledger commands and the trace (it is settled
without the trace, whatever \"explain\" says). For a calculator that settles as the bill is typed in.
input:  the same document as `gongji settle`
output: {\"schema\": \"gongji-settlement-summary/1\", \"reference\": …, \"medfee_sumamt\": \"2300.00\", \"hifp_pay\": \"972.00\", …}";

const HELP_REVERSE: &str = "usage: gongji reverse [FILE|-] [options]

S-9: reverses a settlement (退费/冲正): the refund commands for the ledger, and what goes back. A settlement
whose identities do not hold is refused.
input:  a settlement document, as `gongji settle` wrote it";

const HELP_PLAN: &str = "usage: gongji plan [FILE|-] [options]

PL-1: how much to grant to whom, and when. Every expected bill is simulated month by month through the
same eligibility, ledger and settlement rules; grants cover the expected care without taking the sharer
below the reserve in the high scenario, or the warnings say who is short, when and why. A caller's
\"grants\" schedule (what-if) is simulated instead of the recommendation.
input:  {\"year\": 2026, \"sharers\": [{\"person\": {…}, \"balance\": \"5000.00\", \"monthly_credit\": \"200.00\", \"own_spending\": \"150.00\"}],
         \"family\": [{\"person\": {…}, \"kinship\": \"parent\", \"mode\": \"wallet\"}],
         \"care\": [{\"patient\": \"dad\", \"every_month\": true, \"visit\": {\"type\": \"outpatient\", \"level\": 1}, \"items\": [{…}]}],
         \"premiums\": [{\"person\": \"dad\", \"month\": 12, \"amount\": \"380.00\"}],
         \"reserve\": {\"rule\": \"own_months\", \"months\": 3}, \"scenarios\": {\"high\": […]}}
output: {\"grants\": [{\"sharer\": \"xm\", \"relative\": \"dad\", \"month\": 1, \"amount\": \"35.00\"}, …],
         \"scenarios\": [{\"scenario\": \"expected\", \"months\": [12 × {…}], \"totals\": {…}, \"cash_avoided\": \"800.00\"}],
         \"warnings\": [{\"code\": \"COVER_SHORT\", …}]}";

const HELP_POLICY: &str = "usage: gongji policy print
       gongji policy validate [FILE|-] [options]

P-1..P-3: `print` writes the embedded policy book; `validate` checks a book (every value dated, sourced and
graded; dates strictly increasing) and writes it resolved, overlaid on the embedded book when it has
\"extends\": \"embedded\".";

const HELP_DEMO: &str = "usage: gongji demo [--lang zh|en]

The worked example: 小明 (Beijing, employee scheme) shares with his father in Jinan; the father's inpatient
bill is settled and its wallet commands applied to the ledger.";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Cli {
    Help(String),
    Version,
    PolicyPrint,
    Demo(Lang),
    Op(Op, Io),
}

/// Where an operation reads from and how it writes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Io {
    pub file: Option<String>,
    pub book: Option<String>,
    pub pretty: bool,
    pub lines: bool,
}

/// Parses the arguments after the program name; `Err` is a usage message.
pub fn parse(args: &[String]) -> Result<Cli, String> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err("no command".into());
    };
    let wants_help = rest.iter().any(|a| a == "-h" || a == "--help");
    match cmd.as_str() {
        "-h" | "--help" => Ok(Cli::Help(USAGE.into())),
        "help" => match rest.first() {
            None => Ok(Cli::Help(USAGE.into())),
            Some(c) => help_of(c).map(Cli::Help),
        },
        "-V" | "--version" | "version" => Ok(Cli::Version),
        "demo" if wants_help => Ok(Cli::Help(HELP_DEMO.into())),
        "demo" => demo(rest),
        "policy" if wants_help => Ok(Cli::Help(Op::ValidatePolicy.help())),
        "policy" => match rest.split_first() {
            Some((p, [])) if p == "print" => Ok(Cli::PolicyPrint),
            None => Ok(Cli::PolicyPrint),
            Some((v, rest)) if v == "validate" => Ok(Cli::Op(Op::ValidatePolicy, io(rest)?)),
            Some((other, _)) => Err(format!("unknown policy command {other}")),
        },
        c => match Op::from_command(c) {
            Some(op) if wants_help => Ok(Cli::Help(op.help())),
            Some(op) => Ok(Cli::Op(op, io(rest)?)),
            None => Err(format!("unknown command {c}")),
        },
    }
}

fn help_of(cmd: &str) -> Result<String, String> {
    match cmd {
        "demo" => Ok(HELP_DEMO.into()),
        "policy" => Ok(Op::ValidatePolicy.help()),
        c => Op::from_command(c)
            .map(Op::help)
            .ok_or_else(|| format!("unknown command {c}")),
    }
}

fn demo(rest: &[String]) -> Result<Cli, String> {
    match rest {
        [] => Ok(Cli::Demo(Lang::Zh)),
        [flag, l] if flag == "--lang" && l == "zh" => Ok(Cli::Demo(Lang::Zh)),
        [flag, l] if flag == "--lang" && l == "en" => Ok(Cli::Demo(Lang::En)),
        _ => Err("demo takes --lang zh|en".into()),
    }
}

fn io(rest: &[String]) -> Result<Io, String> {
    let mut io = Io::default();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--book" => io.book = Some(it.next().ok_or("--book needs a file")?.clone()),
            "--pretty" => io.pretty = true,
            "--lines" => io.lines = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ if io.file.is_none() => io.file = Some(a.clone()),
            _ => return Err(format!("unexpected argument {a}")),
        }
    }
    Ok(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn every_operation_is_a_subcommand() {
        for op in gongji_core::json::OPERATIONS {
            let cmd = if *op == "check_eligibility" {
                "eligibility"
            } else {
                op
            };
            match parse(&args(cmd)) {
                Ok(Cli::Op(parsed, _)) => assert_eq!(parsed.name(), *op),
                other => panic!("{cmd}: {other:?}"),
            }
        }
    }

    #[test]
    fn help_after_a_subcommand_is_that_subcommand_s_help() {
        let help = |h: &str| Ok(Cli::Help(format!("{h}\n{OPTIONS}")));
        assert_eq!(parse(&args("settle --help")), help(HELP_SETTLE));
        assert_eq!(parse(&args("help shareable")), help(HELP_SHAREABLE));
        assert_eq!(parse(&args("plan -h")), help(HELP_PLAN));
        assert_eq!(parse(&args("help summary")), help(HELP_SUMMARY));
        assert_eq!(parse(&args("policy -h")), help(HELP_POLICY));
        assert_eq!(parse(&args("demo --help")), Ok(Cli::Help(HELP_DEMO.into())));
    }

    #[test]
    fn options_and_file() {
        let cli = parse(&args("settle bill.json --pretty --lines --book b.json")).unwrap();
        let io = Io {
            file: Some("bill.json".into()),
            book: Some("b.json".into()),
            pretty: true,
            lines: true,
        };
        assert_eq!(cli, Cli::Op(Op::Settle, io));
        assert!(parse(&args("settle --frobnicate")).is_err());
        assert!(parse(&args("settle a.json b.json")).is_err());
    }
}
