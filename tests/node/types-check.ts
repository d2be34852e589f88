// Compiled with `tsc --noEmit` by `cargo xtask test-web`: the package's types (generated from the core's
// Rust types by `cargo xtask types`) accept the documents the core takes, refuse what serde refuses (money
// as a number or an unbranded string, a missing required key), and give outputs their exact shape.
import init, {
  apply, checkEligibility, GongjiError, loadPolicy, money, plan, reverse, settle, statement,
  type Code, type ErrorDoc, type Item, type Money, type SettleRequest, type Visit, type WalletStateOut,
} from 'gongji';
import { load } from 'gongji/wechat';

async function main(): Promise<void> {
  await init();
  const dad = { id: 'dad', scheme: 'resident', region: '370100', enrollment: 'active', wallet_opened: true } as const;
  const me = { id: 'me', scheme: 'employee', region: '110000', enrollment: 'active', wallet_opened: true } as const;
  const decision = checkEligibility({ date: '2025-07-02', mode: 'wallet', sharer: me, beneficiary: dad, kinship: 'parent', commitment_signed: true });
  const why: string[] = decision.failed.map((r) => r.message_zh);

  let { state } = apply({ state: { schema: 'gongji-wallet/1' }, command: { type: 'register_person', args: { person: me, balance: money('5000.00') } }, now: '2025-07-02T09:00' });
  state = apply({ state, command: { type: 'tick' }, now: '2025-07-02T09:01' }).state;
  const left: Money = state.accounts[0].balance;

  const request: SettleRequest = {
    reference: 'R1', date: '2025-07-02', estimate: true, patient: dad, visit: { type: 'inpatient', level: 2 },
    items: [{ name: '床位', amount: money('1200.00'), class: 'a', category: 'service' }],
    funds: [{ sharer: 'me', mode: 'wallet', available: left }],
  };
  try {
    const s = settle(request, loadPolicy({ schema: 'gongji-policy/1', extends: 'embedded', national: {} }));
    const cash: Money = s.psn_cash_pay;
    const parts: Money[] = s.mulaid_by_sharer.map((p) => p.amount);
    void [cash, parts, why];
  } catch (e) {
    if (e instanceof GongjiError) {
      const shown: string = `${e.code} ${e.rule ?? ''} ${e.field} ${e.messageZh} ${e.messageEn}`;
      void shown;
    }
  }

  // An output is a valid input: the settlement goes back to `reverse` as it came.
  try {
    const r = reverse(settle(request));
    const restored: Money = r.accumulators_decrement.deductible_met;
    void restored;
  } catch (e) {
    if (e instanceof GongjiError) {
      // The error document's code is the union `Code`, not any string.
      const doc: ErrorDoc = e.toJSON();
      const code: Code = doc.code;
      void [code, describe(e.code)];
    }
  }

  // T-1: the events `apply` returned, each kept with the time of its command, fold into the statement.
  const now = '2025-07-02T09:02';
  const logged = apply({ state, command: { type: 'tick' }, now }).events.map((event) => ({ at: now, event }));
  const st = statement({ events: logged, person: 'me', year: 2025 });
  const spentInMonth: Money | undefined = st.pairs[0]?.years[0]?.months[0]?.total.spent;
  const line = st.pairs[0]?.years[0]?.months[0]?.lines[0];
  const where: string | null | undefined = line?.institution;
  void [spentInMonth, where, statement({ events: [] }).pairs.length];
  // PL-1: the planner's input (defaults left out) and its output's exact shape.
  const year = plan({
    year: 2026,
    sharers: [{ person: me, balance: money('5000.00') }],
    family: [{ person: dad, kinship: 'parent', mode: 'wallet' }],
    care: [{ patient: 'dad', every_month: true, visit: { type: 'outpatient', level: 1 },
             items: [{ name: '降压药', amount: money('100.00'), class: 'a', category: 'drug' }] }],
    reserve: { rule: 'own_months', months: 3 },
  });
  const granted: Money = year.scenarios[0].totals.granted;
  const shortBy: (Money | null | undefined)[] = year.warnings.map((w) => w.amount);
  void [granted, shortBy];

  // `apply` returns every list of the state (serde writes them all), so no `?.` is needed.
  const out: WalletStateOut = state;
  const firstSpendQuota: string | null | undefined = out.spends[0]?.draws[0]?.quota;
  void firstSpendQuota;

  // S-2/S-1: serde lets `visit.level` and `items[].class` be left out (a premium has neither); the core
  // then requires them for a medical visit (MISSING_FIELD at run time), as their doc comments say.
  const premium: SettleRequest = {
    reference: 'P1', date: '2025-07-02', patient: dad, visit: { type: 'premium' },
    items: [{ name: '居民医保', amount: money('400.00'), category: 'premium' }],
  };
  void premium;
  // @ts-expect-error a visit's `type` is required
  const noType: Visit = { level: 2 };
  // @ts-expect-error an item's `category` is required
  const noCategory: Item = { name: 'x', amount: money('1.00'), class: 'a' };
  // @ts-expect-error the level is a number, not text
  const textLevel: Visit = { type: 'inpatient', level: '2' };
  // @ts-expect-error a code outside the core's table
  const unknownCode: Code = 'NOT_A_CODE';
  void [noType, noCategory, textLevel, unknownCode];

  // @ts-expect-error money is never a number
  const bad1: SettleRequest['items'][0] = { name: 'x', amount: 12.5, category: 'drug' };
  // @ts-expect-error nor an unbranded string
  const bad2: Money = '12.50';
  // @ts-expect-error unknown kinship
  checkEligibility({ date: '2025-07-02', mode: 'wallet', sharer: me, beneficiary: dad, kinship: 'cousin' });
  void [bad1, bad2];

  const wx = await load('/miniprogram_npm/gongji/gongji_bg.wasm.br');
  const d2 = wx.checkEligibility({ date: '2025-07-02', mode: 'in_province', sharer: me, beneficiary: dad, kinship: 'parent' });
  void d2.allowed;
}
void main;

/** A `switch` over `Code` can be exhaustive: a code added to the core without a case here fails to compile. */
function describe(code: Code): string {
  switch (code) {
    case 'INVALID_JSON': case 'UNKNOWN_FIELD': case 'MISSING_FIELD': case 'INVALID_TYPE': case 'UNKNOWN_VALUE':
    case 'UNKNOWN_OPERATION': case 'SCHEMA_MISMATCH':
      return 'malformed input';
    case 'AMOUNT_INVALID': case 'AMOUNT_PRECISION': case 'AMOUNT_NEGATIVE': case 'AMOUNT_TOO_LARGE':
    case 'RATIO_INVALID': case 'RATIO_OUT_OF_RANGE': case 'AMOUNT_ZERO':
      return 'money';
    case 'DATE_INVALID': case 'TIME_INVALID': case 'TIME_WENT_BACK':
      return 'time';
    case 'REGION_INVALID': case 'REGION_UNKNOWN': case 'ID_INVALID': case 'TOO_MANY':
      return 'identifiers and sizes';
    case 'POLICY_DATES_OVERLAP': case 'POLICY_VALUE_MISSING': case 'POLICY_INVALID':
      return 'policy book';
    case 'SHARER_NOT_EMPLOYEE': case 'SHARER_NOT_ACTIVE': case 'KINSHIP_NOT_ELIGIBLE': case 'BENEFICIARY_NOT_INSURED':
    case 'SAME_PERSON': case 'WALLET_NOT_OPENED': case 'WALLET_NOT_ENABLED': case 'CROSS_PROVINCE_NEEDS_WALLET':
    case 'COMMITMENT_NOT_SIGNED': case 'TOO_MANY_SHARERS': case 'RECEIVED_NOT_SHAREABLE':
      return 'eligibility';
    case 'PERSON_UNKNOWN': case 'PERSON_EXISTS': case 'RELATIONSHIP_UNKNOWN': case 'RELATIONSHIP_EXISTS':
    case 'RELATIONSHIP_NOT_ACTIVE': case 'RELATIONSHIP_NOT_PENDING': case 'NOT_A_PARTY': case 'WRONG_WALLET_MODEL':
    case 'WRONG_MODE': case 'INSUFFICIENT_SHAREABLE': case 'QUOTA_EXCEEDED': case 'NOTHING_TO_REVOKE':
    case 'REVOKE_EXCEEDS_UNSPENT': case 'STATE_INVALID':
      return 'ledger';
    case 'TRANSFER_QUIET_HOURS': case 'TRANSFER_DAILY_LIMIT': case 'TRANSFER_AMOUNT_LIMIT': case 'TRANSFER_PENDING':
    case 'TRANSFER_UNKNOWN': case 'TRANSFER_NOT_PENDING': case 'TRANSFER_EXPIRED': case 'NOT_RECEIVER':
      return 'transfers';
    case 'SPEND_REFERENCE_EXISTS': case 'SPEND_UNKNOWN': case 'SPEND_ALREADY_REFUNDED':
      return 'spends';
    case 'ITEM_RATIO_MISSING': case 'ITEM_RATIO_NOT_ALLOWED': case 'ITEMS_EMPTY': case 'NO_BENEFIT_RULE': case 'ESTIMATE_REQUIRED':
    case 'NOT_DESIGNATED': case 'PREMIUM_NOT_FULL': case 'LEVEL_INVALID': case 'ITEM_CLASS_INVALID':
    case 'ITEM_CATEGORY_INVALID': case 'ITEM_LIMIT_NOT_ALLOWED': case 'ACCOUNT_NOT_ALLOWED': case 'FUND_DUPLICATE':
    case 'SETTLEMENT_INVALID':
      return 'settlement';
    case 'SETTLEMENT_UNKNOWN': case 'SETTLEMENT_ALREADY_REVERSED': case 'SETTLEMENT_EXISTS':
      return 'ledger settlement';
    case 'PRESETTLEMENT_INCONSISTENT': case 'PRESETTLEMENT_WITH_ITEMS':
      return 'pre-settlement';
    case 'STATE_FULL': case 'DEADLINE_OUT_OF_RANGE': case 'REVERSAL_WINDOW_CLOSED':
      return 'ledger bounds';
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}
