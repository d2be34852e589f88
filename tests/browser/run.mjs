// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): replays every vector through
// the browser entry of the package, then uses the calculator as a person would (family, eligibility, a
// quota, a bill) and compares the split it shows with the native `gongji` CLI's settlement of the same
// request (env GONGJI_CLI). Screenshots go to build/web/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../examples/web/serve.mjs';
import { loadCases, report } from '../node/vectors.mjs';

const require = createRequire(new URL('../node/', import.meta.url));
const { chromium } = require('playwright-core');
const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = join(root, 'build/web');
mkdirSync(shots, { recursive: true });

const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const profile = mkdtempSync(join(tmpdir(), 'gongji-chromium-'));
// A fresh profile each run (playwright passes it as --user-data-dir).
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1100, height: 900 },
  locale: 'zh-CN',
});
let code = 0;
try {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

  // 1. Every vector, in the page, through pkg/web.js.
  await page.goto(`${base}/examples/web/`);
  const result = await page.evaluate(async (cases) => {
    const gongji = await import('/pkg/web.js');
    await gongji.init();
    const { replayCases } = await import('/tests/node/replay-core.mjs');
    return replayCases(gongji, cases);
  }, loadCases());
  code |= report('chromium', result);

  // 2. The calculator.
  const fails = [];
  try {
    await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 20000 });
  } catch (e) {
    throw new Error(`the calculator did not start: ${consoleErrors.join(' | ') || e}`);
  }
  const eligibility = await page.$$eval('#eligibility > li', (ls) => ls.map((l) => [l.dataset.person, l.className, l.textContent]));
  const state = Object.fromEntries(eligibility.map(([p, c]) => [p, c]));
  if (state.father !== 'yes' || state.wife !== 'yes') fails.push(`parents and spouse should be eligible: ${JSON.stringify(eligibility)}`);
  // In 2023 siblings are out of scope (E-2): the refusal and its reason must be shown.
  await page.fill('#date', '2023-06-01');
  await page.dispatchEvent('#date', 'change');
  const cousin = await page.$eval('#eligibility > li[data-person=cousin]', (l) => [l.className, l.textContent]);
  if (cousin[0] !== 'no' || !cousin[1].includes('E-2')) fails.push(`2023: the cousin (sibling) should be refused under E-2: ${cousin}`);
  await page.fill('#date', '2025-07-02');
  await page.dispatchEvent('#date', 'change');

  // Grant 2000.00 to the father, then settle his inpatient bill (level 2, three items).
  await page.fill('.quota[data-person=father] input', '2000.00');
  await page.click('.quota[data-person=father] button');
  const ledger = await page.textContent('#ledger');
  if (!ledger.includes('6000.00') || !ledger.includes('2000.00')) fails.push(`ledger after the grant: ${ledger}`);
  await page.selectOption('#patient', 'father');
  await page.selectOption('#visit', 'inpatient');
  await page.selectOption('#level', '2');
  await page.click('#settle');
  await page.waitForSelector('#result:not([hidden])', { timeout: 10000 });
  const shown = await page.$$eval('#fields tbody tr[data-field]', (rs) => Object.fromEntries(rs.map((r) => [r.dataset.field, r.cells[2].textContent])));
  const bars = await page.$$eval('#chart .row', (rs) => rs.map((r) => [r.dataset.part, r.dataset.amount]));
  await page.screenshot({ path: join(shots, 'calculator-zh.png'), fullPage: true });
  await page.click('#lang');
  const title = await page.textContent('h1');
  if (!/calculator/i.test(title)) fails.push(`the English switch did not switch: ${title}`);
  await page.screenshot({ path: join(shots, 'calculator-en.png'), fullPage: true });

  // The native result for the request the page built (the page shows it on demand for exactly this).
  const request = await page.evaluate(() => window.gongjiLastRequest);
  const dir = mkdtempSync(join(tmpdir(), 'gongji-cli-'));
  writeFileSync(join(dir, 'req.json'), JSON.stringify(request));
  const cli = spawnSync(process.env.GONGJI_CLI || join(root, 'target/debug/gongji'), ['settle', join(dir, 'req.json')], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (cli.status !== 0) {
    fails.push(`gongji settle failed: ${cli.stderr || cli.error}`);
  } else {
    const native = JSON.parse(cli.stdout);
    for (const [field, value] of Object.entries(shown)) {
      if (native[field] !== value) fails.push(`${field}: page shows ${value}, native ${native[field]}`);
    }
    if (Object.keys(shown).length < 16) fails.push(`only ${Object.keys(shown).length} S-8 fields shown`);
    const want = [['fund', native.hifp_pay], ['own', native.self_acct_pay], ...native.mulaid_by_sharer.map((p) => [`sharer-${p.sharer}`, p.amount]),
      ['cash', native.psn_cash_pay], ['hosp', native.hosp_part_amt]];
    if (JSON.stringify(bars) !== JSON.stringify(want)) fails.push(`chart ${JSON.stringify(bars)} != native ${JSON.stringify(want)}`);
    if (native.acct_mulaid_pay === '0.00') fails.push('the quota paid nothing: the example should exercise family sharing');
    console.log(`calculator: 父亲's bill ${native.medfee_sumamt} = fund ${native.hifp_pay} + own ${native.self_acct_pay} + family ${native.acct_mulaid_pay} + cash ${native.psn_cash_pay} + hospital ${native.hosp_part_amt} (same as native)`);
  }
  if (consoleErrors.length) fails.push(`page errors: ${consoleErrors.join(' | ')}`);
  for (const f of fails) console.error(`calculator: ${f}`);
  const checks = 7;
  console.log(`calculator: ${checks - Math.min(fails.length, checks)} passed, ${fails.length} failed`);
  if (fails.length) code = 1;
} finally {
  await browser.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exitCode = code;
