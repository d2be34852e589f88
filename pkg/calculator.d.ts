// `gongji/calculator`: the operations of a client without a wallet ledger (eligibility, shareable,
// settle and its summary, plan) on a smaller module. The documents, types and errors are the full package's.
import type {
  Decision, Operation, EligibilityRequest, Plan, PlanRequest, PolicyBookDoc, SettleRequest,
  SettlementOut, SettlementSummary, Shareable, ShareableRequest,
} from './index.js';

export type * from './index.js';
export { GongjiError, money, ratio } from './index.js';

/** The operations of the calculator's `invokeJson`. */
export type CalculatorOperation = Extract<Operation, 'check_eligibility' | 'shareable' | 'settle' | 'settle_summary' | 'plan'>;

/** A policy book loaded once (P-2); pass it to any operation. Call `free()` when done with it. */
export declare class Policy {
  private constructor();
  checkEligibility(request: EligibilityRequest): Decision;
  shareable(request: ShareableRequest): Shareable;
  settle(request: SettleRequest): SettlementOut;
  settleSummary(request: SettleRequest): SettlementSummary;
  plan(request: PlanRequest): Plan;
  invokeJson(op: CalculatorOperation, inputText: string): string;
  free(): void;
}

/** Loads the wasm module (once); in node it is loaded on import and this resolves at once. */
export declare function init(source?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
export default init;

export declare function checkEligibility(request: EligibilityRequest, policy?: Policy): Decision;
export declare function shareable(request: ShareableRequest, policy?: Policy): Shareable;
export declare function settle(request: SettleRequest, policy?: Policy): SettlementOut;
/** The amounts of `settle`'s document for the same request, settled without the trace. */
export declare function settleSummary(request: SettleRequest, policy?: Policy): SettlementSummary;
export declare function plan(request: PlanRequest, policy?: Policy): Plan;
export declare function loadPolicy(book: PolicyBookDoc | string): Policy;
/** The text entry: an operation of the calculator on JSON text; any other name is UNKNOWN_OPERATION. */
export declare function invokeJson(op: CalculatorOperation, inputText: string, bookText?: string): string;
export declare function operations(): CalculatorOperation[];
export declare function version(): string;
