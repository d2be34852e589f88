// gongji is loaded once for the app; pages wait on `getApp().gongji`.
// After 构建 npm (WeChat DevTools → 工具 → 构建 npm, or miniprogram-ci packNpm), the package is in
// miniprogram_npm/gongji/ and `require('gongji')` finds it.
const gongji = require('gongji');

App({
  onLaunch() {
    // WXWebAssembly takes only an in-package path; load() uses /miniprogram_npm/gongji/gongji_bg.wasm.br.
    this.gongji = gongji.load();
  },
});
