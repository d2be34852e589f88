// The mini-program entry (`require('gongji')` after WeChat's 构建 npm; `gongji/miniprogram` elsewhere;
// `gongji/wechat` and `gongji/alipay` are the same entry). It picks WXWebAssembly or MyWebAssembly.
import type * as Gongji from './index.js';

export type Api = Omit<typeof Gongji, 'default' | 'init' | 'money' | 'ratio'>;

/**
 * Instantiates the module once and resolves to the API. `path` is the in-package path of
 * `gongji_bg.wasm.br` (or `.wasm`); without it, `/miniprogram_npm/gongji/gongji_bg.wasm.br` in WeChat
 * (after 构建 npm) and `/node_modules/gongji/miniprogram/gongji_bg.wasm.br` in Alipay.
 */
export declare function load(path?: string): Promise<Api>;
export declare const GongjiError: typeof Gongji.GongjiError;
