// Browsers and bundlers (ES module). Call `await init()` once before anything else; it fetches
// `dist/gongji_bg.wasm` next to this file unless given a URL, Response, BufferSource or WebAssembly.Module.
import initGlue, * as raw from './dist/gongji.js';
import { createApi, GongjiError } from './src/api.js';
import { webLoader } from './src/loader.js';

const api = createApi(raw);
const { init, loadedFirst } = webLoader(initGlue);

export { init };
export default init;

export { GongjiError };
export const Policy = api.Policy;
export const checkEligibility = loadedFirst('checkEligibility', api.checkEligibility);
export const apply = loadedFirst('apply', api.apply);
export const shareable = loadedFirst('shareable', api.shareable);
export const statement = loadedFirst('statement', api.statement);
export const settle = loadedFirst('settle', api.settle);
export const settleSummary = loadedFirst('settleSummary', api.settleSummary);
export const reverse = loadedFirst('reverse', api.reverse);
export const plan = loadedFirst('plan', api.plan);
export const validatePolicy = loadedFirst('validatePolicy', api.validatePolicy);
export const loadPolicy = loadedFirst('loadPolicy', api.loadPolicy);
export const invokeJson = loadedFirst('invokeJson', api.invokeJson);
export const embeddedPolicy = loadedFirst('embeddedPolicy', api.embeddedPolicy);
export const operations = loadedFirst('operations', api.operations);
export const version = loadedFirst('version', api.version);
export const money = api.money;
export const ratio = api.ratio;
