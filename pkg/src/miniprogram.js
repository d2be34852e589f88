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
 * `instantiatePath(path, imports)` is the runtime's `XXWebAssembly.instantiate`, looked up when `load` runs.
 * `load(path)` resolves to the package API; `path` is the in-package path of `gongji_bg.wasm.br` (or `.wasm`).
 */
export function createMiniProgramLoader(instantiatePath) {
  let loading = null;
  return {
    GongjiError: GongjiError,
    load: function (path) {
      if (typeof path !== 'string' || !/\.wasm(\.br)?$/.test(path)) {
        return Promise.reject(new TypeError('gongji: load(path) needs the in-package path of gongji_bg.wasm.br'));
      }
      if (!loading) {
        const raw = gongjiGlue(webAssemblyStandIn(instantiatePath), Utf8Encoder, Utf8Decoder);
        loading = raw({ module_or_path: new PackagePath(path) }).then(function () {
          return createApi(raw);
        });
        loading.catch(function () { loading = null; });
      }
      return loading;
    },
  };
}
