// Node (ES module; `require()` works too on node ≥ 20.19). The wasm module is loaded synchronously on
// import, so `init()` is only there to match the browser entry. Node loads the module built for speed
// (`gongji_node_bg.wasm`: the same code and glue as the size-built one browsers and mini-programs load).
import { readFileSync } from 'node:fs';
import { initSync } from './dist/gongji.js';
import * as raw from './dist/gongji.js';
import { createApi, GongjiError } from './src/api.js';

initSync({ module: readFileSync(new URL('./dist/gongji_node_bg.wasm', import.meta.url)) });
const api = createApi(raw);

/** Already loaded in node; resolves at once. */
export function init() {
  return Promise.resolve();
}
export default init;

export { GongjiError };
export const Policy = api.Policy;
export const checkEligibility = api.checkEligibility;
export const apply = api.apply;
export const shareable = api.shareable;
export const statement = api.statement;
export const settle = api.settle;
export const settleSummary = api.settleSummary;
export const reverse = api.reverse;
export const plan = api.plan;
export const validatePolicy = api.validatePolicy;
export const loadPolicy = api.loadPolicy;
export const invokeJson = api.invokeJson;
export const embeddedPolicy = api.embeddedPolicy;
export const operations = api.operations;
export const version = api.version;
export const money = api.money;
export const ratio = api.ratio;
