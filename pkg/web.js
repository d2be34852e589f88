// Browsers and bundlers (ES module). Call `await init()` once before anything else; it fetches
// `dist/gongji_bg.wasm` next to this file unless given a URL, Response, BufferSource or WebAssembly.Module.
import initGlue, * as raw from './dist/gongji.js';
import { createApi, GongjiError } from './src/api.js';

const api = createApi(raw);
let ready;

/** Loads the wasm module (once). */
export function init(source) {
  if (!ready) {
    ready = initGlue(source === undefined ? undefined : { module_or_path: source }).then(() => undefined);
    ready.catch(() => { ready = undefined; });
  }
  return ready;
}
export default init;

export { GongjiError };
export const Policy = api.Policy;
export const checkEligibility = api.checkEligibility;
export const apply = api.apply;
export const shareable = api.shareable;
export const settle = api.settle;
export const reverse = api.reverse;
export const validatePolicy = api.validatePolicy;
export const loadPolicy = api.loadPolicy;
export const invokeJson = api.invokeJson;
export const embeddedPolicy = api.embeddedPolicy;
export const operations = api.operations;
export const version = api.version;
export const money = api.money;
export const ratio = api.ratio;
