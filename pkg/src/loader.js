// The browser entries' loading (web.js, calculator.js): `init()` once, and a call before it finished gets a
// clear error instead of a TypeError from inside the glue.

/** `init` and `loadedFirst` over a wasm-bindgen `--target web` glue's default export. */
export function webLoader(initGlue) {
  let ready;
  let loaded = false;
  /** Loads the wasm module (once). */
  function init(source) {
    if (!ready) {
      ready = initGlue(source === undefined ? undefined : { module_or_path: source }).then(() => { loaded = true; });
      ready.catch(() => { ready = undefined; });
    }
    return ready;
  }
  /** `f`, refusing to run before `init()` has finished. */
  function loadedFirst(name, f) {
    return function () {
      if (!loaded) {
        throw new Error(`gongji: ${name}() was called before the module was loaded: \`await init()\` once first ` +
          '(在调用前先执行一次 `await init()` 加载 gongji 模块)');
      }
      return f.apply(this, arguments);
    };
  }
  return { init, loadedFirst };
}
