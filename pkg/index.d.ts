// Types of the gongji package: the core's JSON document contract (snake_case fields, money as decimal
// strings). Money and ratios are branded strings: a plain `string` or a `number` is not accepted where a
// document needs money; build one with `money("12.50")` after validating, or take it from an output.

/** Yuan as a decimal string with at most two places, e.g. "1234.56" (S-10). Never a number. */
export type Money = string & { readonly __brand: 'Money' };
/** A ratio as a decimal string between 0 and 1, e.g. "0.65". */
export type Ratio = string & { readonly __brand: 'Ratio' };
/** `YYYY-MM-DD`. */
export type DateText = string;
/** `YYYY-MM-DDTHH:MM`, China Standard Time (UTC+8). */
export type DateTimeText = string;
/** A 6-digit administrative code, e.g. "330100". */
export type RegionCode = string;
export type PersonId = string;

/** Brands a string the caller has checked (the core validates it again and throws AMOUNT_* if it is not money). */
export declare function money(text: string): Money;
export declare function ratio(text: string): Ratio;

export type Scheme = 'employee' | 'resident';
export type Enrollment = 'active' | 'suspended' | 'terminated';
export type Kinship = 'spouse' | 'parent' | 'child' | 'sibling' | 'paternal_grandparent' | 'maternal_grandparent' |
  'sons_child' | 'daughters_child' | 'spouse_parent';
export type Mode = 'in_province' | 'wallet';

export interface Person {
  id: PersonId;
  scheme: Scheme;
  region: RegionCode;
  enrollment: Enrollment;
  wallet_opened?: boolean;
  retired?: boolean;
}

// ---- eligibility (E-1..E-7, E-10) ----
export interface EligibilityRequest {
  date: DateText;
  mode: Mode;
  sharer: Person;
  beneficiary: Person;
  kinship: Kinship;
  commitment_signed?: boolean;
  beneficiary_sharers?: number;
}
export interface Reason {
  rule: string;
  code: string;
  message_zh: string;
  message_en: string;
}
export interface Decision {
  allowed: boolean;
  mode: Mode;
  date: DateText;
  failed: Reason[];
  passed: Reason[];
  review_required: boolean;
  annual_cap: Money | null;
}

// ---- wallet ledger (E-6..E-9, Q-*) ----
export type RelationshipStatus = 'pending' | 'active' | 'rejected' | 'dissolved';
export type EndReason = 'by_sharer' | 'by_beneficiary' | 'insurance_terminated' | 'moved_region' | 'review_rejected';
export interface Account { person: PersonId; balance: Money; current_year_credits?: Money }
export interface Relationship {
  id: string; sharer: PersonId; beneficiary: PersonId; kinship: Kinship; mode: Mode; status: RelationshipStatus;
  signed_at: DateTimeText; effective_at?: DateTimeText | null; ended_at?: DateTimeText | null; end_reason?: EndReason | null;
}
export interface Quota {
  id: string; relationship: string; sharer: PersonId; beneficiary: PersonId; origin: 'granted' | 'transfer';
  granted_at: DateTimeText; granted: Money; amount: Money; spent: Money;
}
export interface Transfer {
  id: string; relationship: string; sharer: PersonId; beneficiary: PersonId; amount: Money;
  sent_at: DateTimeText; returns_at: DateTimeText; status: 'pending' | 'accepted' | 'returned';
}
export interface Draw { quota: string | null; amount: Money }
export interface Spend {
  reference: string; relationship: string; sharer: PersonId; beneficiary: PersonId; amount: Money;
  at: DateTimeText; draws: Draw[]; refunded: boolean;
}
/** The ledger's state: the host stores it and passes it back with the next command. */
export interface WalletState {
  schema: 'gongji-wallet/1';
  last_time?: DateTimeText | null;
  seq?: number;
  persons?: Person[];
  accounts?: Account[];
  relationships?: Relationship[];
  quotas?: Quota[];
  transfers?: Transfer[];
  spends?: Spend[];
}
/** A state as `apply` returns it: every list present. */
export type WalletStateOut = Required<WalletState>;

type Cmd<T extends string, A> = { type: T; args: A };
export type Command =
  | Cmd<'register_person', { person: Person; balance?: Money; current_year_credits?: Money }>
  | Cmd<'open_wallet', { person: PersonId }>
  | Cmd<'establish', { sharer: PersonId; beneficiary: PersonId; kinship: Kinship; mode: Mode; commitment_signed: boolean }>
  | Cmd<'review', { relationship: string; approved: boolean }>
  | Cmd<'dissolve', { relationship: string; by: PersonId }>
  | Cmd<'insurance_changed', { person: PersonId; change: 'terminated' | 'moved_region'; region?: RegionCode }>
  | Cmd<'grant', { relationship: string; amount: Money }>
  | Cmd<'revoke', { relationship: string; amount?: Money }>
  | Cmd<'transfer', { relationship: string; amount: Money }>
  | Cmd<'accept', { transfer: string; by: PersonId }>
  | { type: 'tick' }
  | Cmd<'spend', { sharer: PersonId; beneficiary: PersonId; amount: Money; reference: string }>
  | Cmd<'refund', { reference: string }>;

export type Event =
  | { type: 'person_registered'; person: PersonId; balance: Money }
  | { type: 'wallet_opened'; person: PersonId }
  | { type: 'relationship_established'; relationship: string; status: RelationshipStatus }
  | { type: 'relationship_activated'; relationship: string }
  | { type: 'relationship_rejected'; relationship: string }
  | { type: 'relationship_dissolved'; relationship: string; reason: EndReason; returned: Money }
  | { type: 'insurance_changed'; person: PersonId; change: 'terminated' | 'moved_region' }
  | { type: 'quota_granted'; quota: string; relationship: string; amount: Money; shareable_after: Money }
  | { type: 'quota_revoked'; relationship: string; amount: Money }
  | { type: 'transfer_sent'; transfer: string; amount: Money; returns_at: DateTimeText }
  | { type: 'transfer_accepted'; transfer: string; quota: string }
  | { type: 'transfer_returned'; transfer: string; amount: Money }
  | { type: 'spent'; reference: string; sharer: PersonId; beneficiary: PersonId; amount: Money }
  | { type: 'refunded'; reference: string; amount: Money };

export interface ApplyRequest { state: WalletState; command: Command; now: DateTimeText }
export interface Applied { state: WalletStateOut; events: Event[] }

export interface ShareableRequest { state: WalletState; sharer: PersonId; now: DateTimeText }
export interface Shareable {
  sharer: PersonId; balance: Money; reserved_minimum: Money; current_year_kept: Money; resident_cap_left: Money | null;
  shareable: Money; advice_ratio: Ratio; advised_reserve: Money; advised_max: Money;
}

// ---- settlement (S-1..S-10) ----
export type VisitType = 'outpatient' | 'inpatient' | 'special_outpatient' | 'pharmacy' | 'premium';
export type ItemClass = 'a' | 'b' | 'c';
export type Category = 'drug' | 'device' | 'consumable' | 'service' | 'health_product' | 'cosmetic' | 'daily_goods' |
  'cosmetic_surgery' | 'vaccine' | 'checkup' | 'huiminbao' | 'premium';
export interface Visit { type: VisitType; level?: 1 | 2 | 3; designated?: boolean }
export interface Item {
  name: string; amount: Money; class?: ItemClass; preselfpay_ratio?: Ratio; price_limit?: Money; category: Category;
}
export interface Accumulators { deductible_met?: Money; fund_paid?: Money; in_scope_past_deductible?: Money }
export interface FamilyFund { sharer: PersonId; mode: Mode; available: Money; granted_at?: DateTimeText }
export interface SettleRequest {
  reference: string; date: DateText; patient: Person; own_balance?: Money; visit: Visit; items: Item[];
  accumulators?: Accumulators; funds?: FamilyFund[]; fund_order?: 'oldest_grant' | 'as_listed';
  /** Whether the settlement carries its zh/en `trace` (default true); `false`: same amounts, empty trace. */
  explain?: boolean;
}
export interface ItemSplit {
  name: string; amount: Money; fulamt_ownpay_amt: Money; overlmt_selfpay: Money; preselfpay_amt: Money; inscp_scp_amt: Money;
}
export interface SharerPay { sharer: PersonId; mode: Mode; available: Money; amount: Money; reference?: string }
export interface Step { rule: string; field?: string; code?: string; zh: string; en: string }
export interface BenefitRule {
  scheme: Scheme; visits: VisitType[]; levels?: number[]; retired?: boolean; deductible: Money; ratio: Ratio;
  bands?: { above: Money; ratio: Ratio }[]; cap?: Money;
}
/** The settlement in the national platform's field names (S-8); also the input of `reverse`. */
export interface Settlement {
  schema: 'gongji-settlement/1'; reference: string; date: DateText; patient: PersonId; visit: Visit; items: ItemSplit[];
  benefit?: BenefitRule;
  medfee_sumamt: Money; fulamt_ownpay_amt: Money; overlmt_selfpay: Money; preselfpay_amt: Money; inscp_scp_amt: Money;
  act_pay_dedc: Money; hifp_pay: Money; pool_prop_selfpay: Ratio; fund_pay_sumamt: Money; fund_sum_includes_acct: boolean;
  psn_part_amt: Money; acct_pay: Money; self_acct_pay: Money; acct_mulaid_pay: Money; mulaid_by_sharer: SharerPay[];
  psn_cash_pay: Money; hosp_part_amt: Money; balc: Money;
  accumulators_before: Required<Accumulators>; accumulators_after: Required<Accumulators>;
  wallet_commands: Command[]; trace: Step[];
}
/** S-9: what a reversal gives back. */
export interface Reversal {
  reference: string; patient: PersonId; hifp_pay: Money; self_acct_pay: Money; acct_mulaid_pay: Money; psn_cash_pay: Money;
  balc: Money; accumulators: Required<Accumulators>; wallet_commands: Command[]; trace: Step[];
}

// ---- policy book (P-1..P-3) ----
export interface Dated<T> { from: DateText; value: T; source?: string; grade?: 'official' | 'secondary' | 'example' }
/** A policy book document (`gongji-policy/1`); parameters are dated timelines. */
export interface PolicyBookDoc {
  schema: 'gongji-policy/1';
  version?: string;
  extends?: 'embedded' | null;
  national: Record<string, Dated<unknown>[]>;
  regions?: Record<RegionCode, { name?: string; params?: Record<string, Dated<unknown>[]> }>;
}

export type Operation = 'check_eligibility' | 'apply' | 'shareable' | 'settle' | 'reverse' | 'validate_policy';

/** An error from the core (E-10): stable `code`, the `rule` it enforces, the `field` path, zh-CN and en text. */
export declare class GongjiError extends Error {
  readonly name: 'GongjiError';
  readonly code: string;
  readonly rule: string | null;
  readonly field: string;
  readonly messageZh: string;
  readonly messageEn: string;
  toJSON(): { code: string; rule: string | null; field: string; message_zh: string; message_en: string };
}

/** A policy book parsed and validated once; pass it to any operation. `free()` releases it. */
export declare class Policy {
  private constructor();
  checkEligibility(request: EligibilityRequest): Decision;
  apply(request: ApplyRequest): Applied;
  shareable(request: ShareableRequest): Shareable;
  settle(request: SettleRequest): Settlement;
  reverse(settlement: Settlement): Reversal;
  invokeJson(op: Operation, inputText: string): string;
  toJSON(): PolicyBookDoc;
  free(): void;
}

/** Loads the wasm module once. Browsers must await it first; in node it resolves at once. */
declare function init(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
export { init };
export default init;

export declare function checkEligibility(request: EligibilityRequest, policy?: Policy): Decision;
export declare function apply(request: ApplyRequest, policy?: Policy): Applied;
export declare function shareable(request: ShareableRequest, policy?: Policy): Shareable;
export declare function settle(request: SettleRequest, policy?: Policy): Settlement;
export declare function reverse(settlement: Settlement, policy?: Policy): Reversal;
/** Validates a book (object or JSON text) and returns it as loaded (with `extends: "embedded"` applied). */
export declare function validatePolicy(book: PolicyBookDoc | string): PolicyBookDoc;
export declare function loadPolicy(book: PolicyBookDoc | string): Policy;
/** The JSON text entry: the same as the CLI and the vectors. `bookText` is a policy book as JSON text. */
export declare function invokeJson(op: Operation, inputText: string, bookText?: string): string;
export declare function embeddedPolicy(): PolicyBookDoc;
export declare function operations(): Operation[];
export declare function version(): string;
