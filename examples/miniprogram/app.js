// gongji is loaded once for the app; pages wait on `getApp().gongji`.
const loader = require('./gongji/wechat.js');

App({
  onLaunch() {
    // WXWebAssembly takes only an in-package path; the brotli file is copied here by `cargo xtask wasm`.
    this.gongji = loader.load('/gongji/gongji_bg.wasm.br');
  },
});
