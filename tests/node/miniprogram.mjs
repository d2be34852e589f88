// Simulated mini-program runtimes: a vm context with no WebAssembly, TextEncoder, TextDecoder or fetch, and a
// `WXWebAssembly` (WeChat) or `MyWebAssembly` (Alipay) that instantiates only an in-package path to a
// `.wasm` or `.wasm.br` file, and, like iOS WeChat, refuses a module that exports a Global. The bundles are
// checked to parse as ES2017, then replay every vector inside the simulator. The sample mini-program runs
// after miniprogram-ci's packNpm (WeChat's 构建 npm) over the packed package. The calculator's entry
// (`miniprogram/calculator.js`) replays the vectors of its operations the same way.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, mkdtempSync, copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { brotliDecompressSync } from 'node:zlib';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { replayCases } from './replay-core.mjs';
import { loadCases, report } from './vectors.mjs';

const require = createRequire(import.meta.url);
const acorn = require('acorn');
const pkg = new URL('../../pkg/miniprogram/', import.meta.url);
const HostWebAssembly = globalThis.WebAssembly;

/** The runtime's path-only instantiate over a simulated code package rooted at `packageRoot`. */
function pathOnlyInstantiate(name, packageRoot, calls) {
  return function instantiate(path, imports) {
    calls.push(path);
    if (typeof path !== 'string') return Promise.reject(new TypeError(`${name}.instantiate: path must be a string`));
    if (!/\.wasm(\.br)?$/.test(path)) return Promise.reject(new TypeError(`${name}.instantiate: only .wasm or .wasm.br`));
    const rel = normalize(path.replace(/^\/+/, ''));
    if (rel.startsWith('..') || isAbsolute(rel)) return Promise.reject(new Error(`${name}.instantiate: ${path} is outside the package`));
    let bytes;
    try {
      bytes = readFileSync(join(packageRoot, rel));
    } catch (e) {
      return Promise.reject(new Error(`${name}.instantiate: no file ${path} in the package`));
    }
    if (path.endsWith('.br')) bytes = brotliDecompressSync(bytes);
    const module = new HostWebAssembly.Module(bytes);
    if (HostWebAssembly.Module.exports(module).some((e) => e.kind === 'global')) {
      return Promise.reject(new Error(`${name}.instantiate: exported Global is not supported (iOS)`));
    }
    return HostWebAssembly.instantiate(module, imports).then((instance) => ({ module, instance }));
  };
}

/** Where each runtime's npm support puts the package's `miniprogram` folder in the code package. */
const NPM_DIR = { wechat: 'miniprogram_npm/gongji', alipay: 'node_modules/gongji/miniprogram' };

async function simulate(runtime, globalName, file, cases, wasmName = 'gongji_bg.wasm.br') {
  const source = readFileSync(new URL(file, pkg), 'utf8');
  const fails = [];
  try {
    acorn.parse(source, { ecmaVersion: 2017, sourceType: 'script' });
  } catch (e) {
    fails.push(`${file}: not ES2017: ${e.message}`);
  }
  // The code package: the bundle and the brotli module where the runtime's npm support puts them.
  const root = mkdtempSync(join(tmpdir(), `gongji-${runtime}-`));
  const wasmPath = `/${NPM_DIR[runtime]}/${wasmName}`;
  const dir = join(root, NPM_DIR[runtime]);
  mkdirSync(dir, { recursive: true });
  copyFileSync(new URL(wasmName, pkg), join(dir, wasmName));

  const calls = [];
  const context = vm.createContext({ console, setTimeout, clearTimeout });
  vm.runInContext('delete globalThis.WebAssembly;', context);
  for (const absent of ['WebAssembly', 'TextEncoder', 'TextDecoder', 'fetch', 'Response', 'require', 'process']) {
    if (vm.runInContext(`typeof ${absent}`, context) !== 'undefined') fails.push(`${runtime}: the simulator has ${absent}`);
  }
  context[globalName] = { instantiate: pathOnlyInstantiate(globalName, root, calls) };
  const module = { exports: {} };
  vm.runInContext(`(function (module, exports) {\n${source}\n})`, context, { filename: file })(module, module.exports);
  const loader = module.exports;

  // Anything but a package path is refused.
  for (const bad of [new Uint8Array(8), 'gongji_bg.js', null]) {
    try {
      await loader.load(bad);
      fails.push(`${runtime}: load(${String(bad)}) did not fail`);
    } catch (e) {
      // expected
    }
  }
  // Without a path: the one the runtime's npm support gives.
  const api = await loader.load();
  if (calls.length !== 1 || calls[0] !== wasmPath) fails.push(`${runtime}: instantiate calls ${JSON.stringify(calls)}`);
  if ((await loader.load(wasmPath)) !== api) fails.push(`${runtime}: a second load instantiated again`);

  const result = replayCases(api, cases);
  // Non-ASCII text both ways through the UTF-8 codec.
  try {
    api.invokeJson('check_eligibility', '{"date":"2025-06-01","mode":"省内"}');
    fails.push(`${runtime}: bad mode accepted`);
  } catch (e) {
    if (!(e instanceof api.GongjiError) || !/[\u4e00-\u9fff]/.test(e.messageZh)) fails.push(`${runtime}: zh message lost: ${e}`);
  }
  result.failed += fails.length;
  result.failures.push(...fails);
  rmSync(root, { recursive: true, force: true });
  return report(file === 'index.js' ? runtime : `${runtime} ${file}`, result);
}

/**
 * The sample as a developer builds it: the package packed (`npm pack`), installed into a copy of
 * examples/miniprogram, and WeChat's 构建 npm run by miniprogram-ci's packNpm (from the npm registry; it
 * needs an app id and a key file, never used offline: a throwaway key is made here), which writes
 * miniprogram_npm/gongji/. Returns the code package's root.
 */
function buildSampleWithPackNpm() {
  const work = mkdtempSync(join(tmpdir(), 'gongji-sample-'));
  const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(run('npm', ['pack', '--json', '--silent', '--pack-destination', work], fileURLToPath(new URL('../', pkg))));
  const root = join(work, 'sample');
  cpSync(fileURLToPath(new URL('../../examples/miniprogram/', import.meta.url)), root, {
    recursive: true,
    filter: (f) => !/(node_modules|miniprogram_npm)/.test(f),
  });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'sample', private: true, dependencies: { gongji: `file:${join(work, info.filename)}` } }));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], root);
  const key = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' });
  writeFileSync(join(work, 'private.key'), key);
  writeFileSync(join(work, 'pack.cjs'), `const ci = require(${JSON.stringify(require.resolve('miniprogram-ci'))});
const project = new ci.Project({ appid: 'wx0000000000000000', type: 'miniProgram', projectPath: ${JSON.stringify(root)},
  privateKeyPath: ${JSON.stringify(join(work, 'private.key'))}, ignores: ['node_modules/**/*'] });
ci.packNpm(project, {}).then((w) => console.log(JSON.stringify(w)), (e) => { console.error(e); process.exit(1); });
`);
  run('node', [join(work, 'pack.cjs')], work);
  return { work, root };
}

/**
 * Runs examples/miniprogram (app.js, then its page) in the WeChat simulator with App/Page/getApp, after a
 * real 构建 npm (packNpm), where `require('gongji')` finds miniprogram_npm/gongji/index.js.
 */
async function wechatSample() {
  const { work, root } = buildSampleWithPackNpm();
  const context = vm.createContext({ console, setTimeout, clearTimeout });
  vm.runInContext('delete globalThis.WebAssembly;', context);
  let app;
  let page;
  context.App = (cfg) => { app = cfg; };
  context.Page = (cfg) => { page = cfg; };
  context.getApp = () => app;
  context.WXWebAssembly = { instantiate: pathOnlyInstantiate('WXWebAssembly', root, []) };
  const cache = {};
  const load = (file) => {
    if (cache[file]) return cache[file].exports;
    const module = (cache[file] = { exports: {} });
    const dir = dirname(file);
    // WeChat's require: a relative path, or a package name looked up in miniprogram_npm/<name>/index.js.
    const req = (p) => p.startsWith('.')
      ? load(join(dir, p.endsWith('.js') ? p : p + '.js'))
      : load(join(root, 'miniprogram_npm', p, 'index.js'));
    vm.runInContext(`(function (require, module, exports) {\n${readFileSync(file, 'utf8')}\n})`, context, { filename: file })(req, module, module.exports);
    return module.exports;
  };
  load(join(root, 'app.js'));
  load(join(root, 'pages/index/index.js'));
  app.onLaunch();
  page.setData = function (d) { Object.assign(this.data, d); };
  page.onLoad();
  await app.gongji;
  await new Promise((r) => setTimeout(r, 0));
  const rows = Object.fromEntries(page.data.rows.map((r) => [r.field, r.amount]));
  const fails = [];
  if (page.data.error) fails.push(`sample: ${page.data.error}`);
  // The sample's bill, by hand (Jinan resident, inpatient level 2: the national row, deductible 300.00,
  // ratio 0.60; Shandong's accounts do not pay 全自费): 1200.00 + 800.00 + 300.00 = 2300.00; in scope
  // 1200.00 + 800.00 × 0.90 = 1920.00, fund (1920.00 − 300.00) × 0.60 = 972.00 (S-2); burden 1328.00, of
  // which the 300.00 全自费 is cash (S-6) and 1028.00 comes from xiaoming's 2000.00 (S-5); no own account.
  const expected = { medfee_sumamt: '2300.00', hifp_pay: '972.00', self_acct_pay: '0.00', acct_mulaid_pay: '1028.00', psn_cash_pay: '300.00' };
  if (JSON.stringify(rows) !== JSON.stringify(expected)) fails.push(`sample rows ${JSON.stringify(rows)}, expected ${JSON.stringify(expected)}`);
  rmSync(work, { recursive: true, force: true });
  return report('wechat sample', { passed: fails.length ? 0 : 1, failed: fails.length, failures: fails });
}

const cases = loadCases();
let code = 0;
code |= await wechatSample();
code |= await simulate('wechat', 'WXWebAssembly', 'index.js', cases);
code |= await simulate('alipay', 'MyWebAssembly', 'index.js', cases);
// The calculator's entry: the vectors of its operations (and of unknown ones), on its own module.
const CALCULATOR = ['check_eligibility', 'shareable', 'settle', 'settle_summary', 'plan'];
const ALL = new Set(['apply', 'statement', 'reverse', 'validate_policy', ...CALCULATOR]);
const calculatorCases = cases.split('\n').filter((line) => {
  const op = line.split('\t')[1];
  return line !== '' && (CALCULATOR.includes(op) || !ALL.has(op));
}).join('\n');
for (const [runtime, globalName] of [['wechat', 'WXWebAssembly'], ['alipay', 'MyWebAssembly']]) {
  code |= await simulate(runtime, globalName, 'calculator.js', calculatorCases, 'calculator_bg.wasm.br');
}
process.exitCode = code;
