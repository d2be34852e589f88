// The calculator's mini-program entry (`gongji/miniprogram/calculator`; after WeChat's 构建 npm the file is
// `miniprogram_npm/gongji/calculator.js`): eligibility, shareable, settle and plan on the module without
// the wallet ledger. It picks WXWebAssembly or MyWebAssembly.
import type * as Calculator from './calculator.js';

export type Api = Omit<typeof Calculator, 'default' | 'init' | 'money' | 'ratio'>;

/**
 * Instantiates the module once and resolves to the API. `path` is the in-package path of
 * `calculator_bg.wasm.br` (or `.wasm`); without it, `/miniprogram_npm/gongji/calculator_bg.wasm.br` in
 * WeChat (after 构建 npm) and `/node_modules/gongji/miniprogram/calculator_bg.wasm.br` in Alipay.
 */
export declare function load(path?: string): Promise<Api>;
export declare const GongjiError: typeof Calculator.GongjiError;
