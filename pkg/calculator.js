// `gongji/calculator` for browsers, bundlers and mini-program web views (ES module): eligibility,
// shareable, settle (in full or summed up) and plan on a module without the wallet ledger (`dist/calculator_bg.wasm`, about
// two thirds of the full one's bytes). The documents and errors are the full package's. Call
// `await init()` once first; it fetches `dist/calculator_bg.wasm` next to this file unless given a URL,
// Response, BufferSource or WebAssembly.Module.
import initGlue, * as raw from './dist/calculator.js';
import { createApi, GongjiError } from './src/api.js';
import { webLoader } from './src/loader.js';

const api = createApi(raw);
const { init, loadedFirst } = webLoader(initGlue);

export { init };
export default init;

export { GongjiError };
export const Policy = api.Policy;
export const checkEligibility = loadedFirst('checkEligibility', api.checkEligibility);
export const shareable = loadedFirst('shareable', api.shareable);
export const settle = loadedFirst('settle', api.settle);
export const settleSummary = loadedFirst('settleSummary', api.settleSummary);
export const plan = loadedFirst('plan', api.plan);
export const loadPolicy = loadedFirst('loadPolicy', api.loadPolicy);
export const invokeJson = loadedFirst('invokeJson', api.invokeJson);
export const operations = loadedFirst('operations', api.operations);
export const version = loadedFirst('version', api.version);
export const money = api.money;
export const ratio = api.ratio;
