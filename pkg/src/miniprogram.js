// Mini-program loader (WeChat, Alipay). These runtimes have no global `WebAssembly`, `TextEncoder` or
// `TextDecoder`, and instantiate wasm only from a path inside the code package (`.wasm` or `.wasm.br`).
// The build wraps wasm-bindgen's no-modules glue in `gongjiGlue(WebAssembly, TextEncoder, TextDecoder)`
// and hands it the stand-ins below. ES2017.

// A package path on its way through the glue (the glue would `fetch` a plain string).
class PackagePath {
  constructor(path) {
    this.path = path;
  }
}

function webAssemblyStandIn(instantiatePath) {
  class Instance {}
  class Module {}
  return {
    Instance: Instance,
    Module: Module,
    instantiate: function (source, imports) {
      if (!(source instanceof PackagePath)) {
        return Promise.reject(new TypeError('gongji: this runtime instantiates wasm from a package path only'));
      }
      return Promise.resolve(instantiatePath(source.path, imports)).then(function (r) {
        // Standard shape is {module, instance}; accept a bare instance as well.
        return r && r.instance ? r : { instance: r, module: undefined };
      });
    },
  };
}

/**
 * The runtime's path-only instantiate: WeChat's `WXWebAssembly` or Alipay's `MyWebAssembly`, looked up
 * when `load` runs, with the in-package path where that runtime's npm support puts the module.
 */
function detectRuntime() {
  if (typeof WXWebAssembly !== 'undefined') {
    return { name: 'wechat', wasm: WXWebAssembly, path: '/miniprogram_npm/gongji/gongji_bg.wasm.br' };
  }
  if (typeof MyWebAssembly !== 'undefined') {
    return { name: 'alipay', wasm: MyWebAssembly, path: '/node_modules/gongji/miniprogram/gongji_bg.wasm.br' };
  }
  return null;
}

/**
 * `load(path?)` resolves to the package API, instantiating the module once. `path` is the in-package path
 * of `gongji_bg.wasm.br` (or `.wasm`); without it, the path WeChat's 构建 npm
 * (`/miniprogram_npm/gongji/…`) or Alipay's npm support (`/node_modules/gongji/miniprogram/…`) gives.
 */
export function createMiniProgramLoader(detect) {
  let loading = null;
  return {
    GongjiError: GongjiError,
    load: function (path) {
      const runtime = detect();
      if (!runtime) {
        return Promise.reject(new Error('gongji: no WXWebAssembly (WeChat) or MyWebAssembly (Alipay) in this runtime; in a browser or node import the package itself'));
      }
      if (path === undefined) path = runtime.path;
      if (typeof path !== 'string' || !/\.wasm(\.br)?$/.test(path)) {
        return Promise.reject(new TypeError('gongji: load(path) needs the in-package path of gongji_bg.wasm.br'));
      }
      if (!loading) {
        const instantiate = function (p, imports) { return runtime.wasm.instantiate(p, imports); };
        const raw = gongjiGlue(webAssemblyStandIn(instantiate), Utf8Encoder, Utf8Decoder);
        loading = raw({ module_or_path: new PackagePath(path) }).then(function () {
          return createApi(raw);
        });
        loading.catch(function () { loading = null; });
      }
      return loading;
    },
  };
}
