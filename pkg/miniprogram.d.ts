// WeChat (`gongji/wechat`) and Alipay (`gongji/alipay`) mini-program entries.
import type * as Gongji from './index';

export type Api = Omit<typeof Gongji, 'default' | 'init' | 'money' | 'ratio'>;

/** Instantiates the module from an in-package path (`.wasm.br` or `.wasm`), once; resolves to the API. */
export declare function load(path: string): Promise<Api>;
export declare const GongjiError: typeof Gongji.GongjiError;
