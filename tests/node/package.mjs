// The npm package as a user gets it: `npm pack` → install the tarball into a fresh project → the README's
// snippet as an ES module, `require('gongji')` from CommonJS, and `tsc --strict` over a consumer under
// each module resolution TypeScript offers (node10, node16, nodenext, bundler), with and without
// skipLibCheck. Also: the tarball holds no two files with the same bytes, and carries its readme and
// both licences. Prints a size report.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const tsc = fileURLToPath(new URL('./node_modules/typescript/bin/tsc', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'gongji-pack-'));
const fails = [];
let passed = 0;
const check = (ok, what) => (ok ? passed++ : fails.push(what));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// 1. The tarball.
const [info] = JSON.parse(run('npm', ['pack', '--json', '--silent', '--pack-destination', work], pkgDir));
const files = info.files.map((f) => f.path);
for (const f of ['README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'package.json', 'index.d.ts', 'miniprogram.d.ts',
  'web.js', 'node.mjs', 'dist/gongji.js', 'dist/gongji_bg.wasm', 'dist/gongji_node_bg.wasm',
  'miniprogram/index.js', 'miniprogram/gongji_bg.wasm.br', 'calculator.js', 'calculator.node.mjs', 'calculator.d.ts',
  'dist/calculator.js', 'dist/calculator_bg.wasm', 'miniprogram-calculator.d.ts', 'miniprogram/calculator.js',
  'miniprogram/calculator_bg.wasm.br']) {
  check(files.includes(f), `tarball: ${f} missing`);
}
const app = join(work, 'app');
mkdirSync(app);
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, version: '1.0.0' }));
run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', join(work, info.filename)], app);
const installed = join(app, 'node_modules/gongji');
const seen = new Map();
for (const f of files) {
  const bytes = readFileSync(join(installed, f));
  if (bytes.length < 256) continue; // the two one-line aliases of the mini-program entry, package.json files
  const hash = createHash('sha256').update(bytes).digest('hex');
  check(!seen.has(hash), `tarball: ${f} has the same bytes as ${seen.get(hash)}`);
  seen.set(hash, f);
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`npm pack: ${info.filename}, ${files.length} files, ${kib(info.size)} packed, ${kib(info.unpackedSize)} unpacked`);
for (const f of [...info.files].sort((a, b) => b.size - a.size).slice(0, 6)) console.log(`  ${kib(f.size).padStart(10)}  ${f.path}`);

// 2. Node, ES module: the README's first snippet, then its stated amounts. The bill: pooled fund 972.00
// (README, the settle example); 1028.00 from the quota; the 300.00 class-C drug in cash.
const readme = readFileSync(join(installed, 'README.md'), 'utf8');
const snippet = readme.match(/```js\n([\s\S]*?)```/)[1];
writeFileSync(join(app, 'esm.mjs'), `${snippet}
if (s.hifp_pay !== '972.00' || s.acct_mulaid_pay !== '1028.00' || s.psn_cash_pay !== '300.00') {
  throw new Error('README snippet: ' + JSON.stringify([s.hifp_pay, s.acct_mulaid_pay, s.psn_cash_pay]));
}
// The same bill's summary: the same amounts (972.00 + 1028.00 + 300.00 = 2300.00), no lines, no trace.
const sum = settleSummary(bill);
if (sum.schema !== 'gongji-settlement-summary/1' || sum.hifp_pay !== '972.00' || sum.acct_mulaid_pay !== '1028.00' ||
  sum.psn_cash_pay !== '300.00' || sum.medfee_sumamt !== '2300.00' || 'trace' in sum || 'items' in sum ||
  'wallet_commands' in sum) {
  throw new Error('summary: ' + JSON.stringify(sum));
}
console.log('esm ok');
`);
// 3. Node, CommonJS: require() of the package; a bad amount is the library's error.
writeFileSync(join(app, 'cjs.cjs'), `const g = require('gongji');
try {
  g.settle({ reference: 'R', date: '2025-07-02', visit: { type: 'outpatient', level: 1 }, items: [],
    patient: { id: 'p', scheme: 'employee', region: '110000', enrollment: 'active' }, own_balance: '1.001' });
  throw new Error('no error');
} catch (e) {
  if (!(e instanceof g.GongjiError) || e.code !== 'AMOUNT_PRECISION' || e.field !== 'own_balance') throw e;
}
console.log('cjs ok');
`);
// 3b. The calculator entry: the README's bill through `gongji/calculator`, by import and by require().
writeFileSync(join(app, 'calc.mjs'), `${snippet.replaceAll("from 'gongji'", "from 'gongji/calculator'")}
if (s.hifp_pay !== '972.00' || s.acct_mulaid_pay !== '1028.00' || s.psn_cash_pay !== '300.00') {
  throw new Error('calculator: ' + JSON.stringify([s.hifp_pay, s.acct_mulaid_pay, s.psn_cash_pay]));
}
const c = await import('gongji/calculator');
if ('apply' in c || c.operations().length !== 5) throw new Error('calculator: the ledger is there');
if (c.settleSummary(bill).psn_cash_pay !== '300.00') throw new Error('calculator: summary');
console.log('calculator ok');
`);
writeFileSync(join(app, 'calc.cjs'), `const c = require('gongji/calculator');
if (typeof c.settle !== 'function' || 'apply' in c) throw new Error('calculator by require()');
console.log('calculator cjs ok');
`);
for (const file of ['esm.mjs', 'cjs.cjs', 'calc.mjs', 'calc.cjs']) {
  try {
    check(run('node', [file], app).includes('ok'), `node ${file}: no ok`);
  } catch (e) {
    fails.push(`node ${file}: ${e.stderr || e.message}`);
  }
}

// 4. TypeScript consumers. The branded Money type must survive (a plain string where money belongs is
// an error: the `@ts-expect-error` lines fail the build if the types were `any`).
const consumer = `import init, { settle, settleSummary, money, GongjiError } from 'gongji';
import type { SettlementOut, SettlementSummary } from 'gongji';
import { load } from 'gongji/miniprogram';
import * as wechat from 'gongji/wechat';
const patient = { id: 'p', scheme: 'employee', region: '110000', enrollment: 'active' } as const;
const s: SettlementOut = settle({ reference: 'R', date: '2025-07-02', patient, visit: { type: 'outpatient', level: 1 },
  items: [{ name: 'x', amount: money('1.00'), class: 'a', category: 'drug' }] });
const cash: string = s.psn_cash_pay;
const sum: SettlementSummary = settleSummary({ reference: 'R', date: '2025-07-02', patient, visit: { type: 'outpatient', level: 1 },
  items: [{ name: 'x', amount: money('1.00'), class: 'a', category: 'drug' }] });
// @ts-expect-error a summary has no trace
const noTrace = sum.trace;
// @ts-expect-error money is a decimal string, never a number
const n: number = s.psn_cash_pay;
// @ts-expect-error an input amount must go through money()
settle({ reference: 'R', date: '2025-07-02', patient, visit: { type: 'outpatient' }, items: [{ name: 'x', amount: '1.00', category: 'drug' }] });
export const all = [init, cash, n, sum, noTrace, GongjiError, load().then((api) => api.settle), wechat.load];
`
  + `import initCalculator, * as calculator from 'gongji/calculator';
import type { CalculatorOperation } from 'gongji/calculator';
const c: SettlementOut = calculator.settle({ reference: 'R', date: '2025-07-02', patient, visit: { type: 'outpatient', level: 1 },
  items: [{ name: 'x', amount: calculator.money('1.00'), class: 'a', category: 'drug' }] });
const op: CalculatorOperation = 'plan';
const summaryOp: CalculatorOperation = 'settle_summary';
// @ts-expect-error the calculator has no ledger
const ledgerOp: CalculatorOperation = 'apply';
export const calc = [initCalculator, c, op, summaryOp, ledgerOp, calculator.GongjiError];
`
  + `import { load as loadCalculator } from 'gongji/miniprogram/calculator';
export const mpCalc = loadCalculator().then((api) => api.plan);
`;
const modes = [
  { name: 'node10', module: 'commonjs', resolution: 'node10', files: { 'c.ts': consumer } },
  { name: 'node16', module: 'node16', resolution: 'node16', files: { 'c.mts': consumer } },
  { name: 'nodenext', module: 'nodenext', resolution: 'nodenext', files: { 'c.mts': consumer, 'r.cts': consumer } },
  { name: 'bundler', module: 'esnext', resolution: 'bundler', files: { 'c.ts': consumer } },
];
for (const mode of modes) {
  for (const skipLibCheck of [false, true]) {
    const dir = join(app, `ts-${mode.name}-${skipLibCheck}`);
    mkdirSync(dir);
    for (const [name, text] of Object.entries(mode.files)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: mode.module, moduleResolution: mode.resolution, strict: true,
        noEmit: true, skipLibCheck, types: [], lib: ['ES2022', 'DOM'] },
      files: Object.keys(mode.files),
    }));
    try {
      run('node', [tsc, '-p', 'tsconfig.json'], dir);
      passed++;
    } catch (e) {
      fails.push(`tsc ${mode.name} skipLibCheck=${skipLibCheck}: ${e.stdout || e.message}`);
    }
  }
}

rmSync(work, { recursive: true, force: true });
for (const f of fails) console.error(`FAIL ${f}`);
console.log(`npm package: ${passed} passed, ${fails.length} failed`);
process.exitCode = fails.length ? 1 : 0;
