// A bundler app over the package as published: `npm pack` → a fresh Vite project installs the tarball →
// `vite build` → the built page in headless Chromium settles the README's bill (pkg/README.md): pooled
// fund 972.00, the son's quota 1028.00, cash 300.00 for the class-C drug. Proves the wasm asset survives a
// bundler (wasm-bindgen's `new URL('gongji_bg.wasm', import.meta.url)`). Screenshot: build/web/vite.png.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../examples/web/serve.mjs';
import { launchChromium } from './chromium.mjs';

const vite = fileURLToPath(new URL('../node/node_modules/vite/bin/vite.js', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'gongji-vite-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const [info] = JSON.parse(run('npm', ['pack', '--json', '--silent', '--pack-destination', work], join(root, 'pkg')));
const app = join(work, 'app');
mkdirSync(app);
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', join(work, info.filename)], app);
writeFileSync(join(app, 'index.html'), '<!doctype html><meta charset="utf-8"><title>gongji + vite</title><pre id="out">…</pre><script type="module" src="./main.js"></script>\n');
writeFileSync(join(app, 'main.js'), `import init, { settle } from 'gongji';
await init();
const s = settle({
  reference: 'JN-2025-0702-001', date: '2025-07-02', estimate: true,
  patient: { id: 'dad', scheme: 'resident', region: '370100', enrollment: 'active' },
  visit: { type: 'inpatient', level: 2, designated: true },
  items: [
    { name: '床位及诊疗', amount: '1200.00', class: 'a', category: 'service' },
    { name: '乙类药品', amount: '800.00', class: 'b', preselfpay_ratio: '0.10', category: 'drug' },
    { name: '自费药品', amount: '300.00', class: 'c', category: 'drug' },
  ],
  funds: [{ sharer: 'xm', mode: 'wallet', available: '1500.00' }],
});
document.getElementById('out').textContent = [s.hifp_pay, s.acct_mulaid_pay, s.psn_cash_pay].join(' ');
`);
run('node', [vite, 'build', '--logLevel', 'warn', '--outDir', join(app, 'dist')], app);

const server = await serve(0, join(app, 'dist'));
const browser = await launchChromium();
let text = '';
const errors = [];
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => document.getElementById('out').textContent !== '…', null, { timeout: 20000 }).catch(() => {});
  text = await page.textContent('#out');
  mkdirSync(join(root, 'build/web'), { recursive: true });
  await page.screenshot({ path: join(root, 'build/web/vite.png') });
} finally {
  await browser.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
const ok = text === '972.00 1028.00 300.00' && errors.length === 0;
console.log(`vite app in chromium: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed${ok ? '' : ` — page shows "${text}", errors ${JSON.stringify(errors)}`}`);
process.exitCode = ok ? 0 : 1;
