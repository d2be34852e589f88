// `gongji/calculator` in node: the calculator module (no wallet ledger), loaded synchronously on import.
// It is the size-built module browsers load; node users who want speed take the full package (`gongji`).
import { readFileSync } from 'node:fs';
import { initSync } from './dist/calculator.js';
import * as raw from './dist/calculator.js';
import { createApi, GongjiError } from './src/api.js';

initSync({ module: readFileSync(new URL('./dist/calculator_bg.wasm', import.meta.url)) });
const api = createApi(raw);

/** Already loaded in node; resolves at once. */
export function init() {
  return Promise.resolve();
}
export default init;

export { GongjiError };
export const Policy = api.Policy;
export const checkEligibility = api.checkEligibility;
export const shareable = api.shareable;
export const settle = api.settle;
export const settleSummary = api.settleSummary;
export const plan = api.plan;
export const loadPolicy = api.loadPolicy;
export const invokeJson = api.invokeJson;
export const operations = api.operations;
export const version = api.version;
export const money = api.money;
export const ratio = api.ratio;
