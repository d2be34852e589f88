// The calculator (examples/web) used as a person would, in headless Chromium: the family's eligibility, a
// quota, a bill settled and settled again after an edit, an input error in plain words in both languages,
// and the page at a phone's width. The split shown is compared with the native `gongji settle` of the same
// request (env GONGJI_CLI). Screenshots go to build/web/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HAN = /[\u4e00-\u9fff]/;

/** Runs every check on `page` (already at the calculator); returns [number of checks, failures]. */
export async function checkCalculator(page, { root, shots, consoleErrors }) {
  const fails = [];
  let checks = 0;
  const check = (ok, what) => { checks += 1; if (!ok) fails.push(what()); };
  try {
    await page.waitForSelector('body[data-ready=true]', { state: 'attached', timeout: 20000 });
  } catch (e) {
    throw new Error(`the calculator did not start: ${consoleErrors.join(' | ') || e}`);
  }
  const eligibility = await page.$$eval('#eligibility > li', (ls) => ls.map((l) => [l.dataset.person, l.className, l.textContent]));
  const state = Object.fromEntries(eligibility.map(([p, c]) => [p, c]));
  check(state.father === 'yes' && state.wife === 'yes' && state.sister === 'yes',
    () => `in 2025 parents, spouse and sister (E-2 since 2024) should be eligible: ${JSON.stringify(eligibility)}`);
  // In 2023 siblings are out of scope (E-2): the refusal and its reason must be shown.
  await page.fill('#date', '2023-06-01');
  await page.dispatchEvent('#date', 'change');
  const sister = await page.$eval('#eligibility > li[data-person=sister]', (l) => [l.className, l.textContent]);
  check(sister[0] === 'no' && sister[1].includes('E-2'), () => `2023: the sister should be refused under E-2: ${sister}`);
  await page.fill('#date', '2025-07-02');
  await page.dispatchEvent('#date', 'change');

  // Grant 2000.00 to the father: 小明's 8000.00 − 2000.00 = 6000.00 (Q-1).
  await page.fill('.quota[data-person=father] input', '2000.00');
  await page.click('.quota[data-person=father] button');
  const ledger = await page.textContent('#ledger');
  check(ledger.includes('6000.00') && ledger.includes('2000.00'), () => `ledger after the grant: ${ledger}`);

  // Settle his inpatient bill (level 2, three items), then settle it again unchanged: the second press
  // replaces the first bill, so the quota left is the same both times, and no error is shown.
  await page.selectOption('#patient', 'father');
  await page.selectOption('#visit', 'inpatient');
  await page.selectOption('#level', '2');
  await page.click('#settle');
  await page.waitForSelector('#result:not([hidden])', { timeout: 10000 });
  const ledgerOnce = await page.textContent('#ledger');
  await page.click('#settle');
  const again = await page.evaluate(() => ({
    error: document.getElementById('settle-error').hidden ? '' : document.getElementById('settle-error').textContent,
    replaced: !document.getElementById('replaced').hidden,
    result: !document.getElementById('result').hidden,
    ledger: document.getElementById('ledger').textContent,
    exampleGrade: document.getElementById('example-grade').hidden ? '' : document.getElementById('example-grade').textContent,
  }));
  check(again.error === '' && again.result && again.replaced, () => `settling again failed: ${JSON.stringify(again)}`);
  // P-4: Jinan has only the national example rows; the calculator asks for an estimate and says so.
  check(again.exampleGrade === '示例参数，仅供参考', () => `example-grade label: ${JSON.stringify(again.exampleGrade)}`);
  check(again.ledger === ledgerOnce, () => `settling again spent twice: ${ledgerOnce} → ${again.ledger}`);

  const shown = await page.$$eval('#fields tbody tr[data-field]', (rs) => Object.fromEntries(rs.map((r) => [r.dataset.field, r.cells[2].textContent])));
  const bars = await page.$$eval('#chart .row', (rs) => rs.map((r) => [r.dataset.part, r.dataset.amount]));
  await page.screenshot({ path: join(shots, 'calculator-zh.png'), fullPage: true });
  compareWithNative(await page.evaluate(() => window.gongjiLastRequest), shown, bars, root, check);

  // An amount with three places: the message names the item in plain words and marks its input.
  await page.fill('#items tr[data-item="0"] [data-key=amount]', '12.345');
  await page.click('#settle');
  const zh = await page.textContent('#settle-error');
  const marked = await page.$eval('#items tr[data-item="0"] [data-key=amount]', (n) => n.getAttribute('aria-invalid'));
  check(zh.startsWith('第 1 项的金额') && zh.includes('小数点后两位') && !zh.includes('items[') && !zh.includes('十进制'),
    () => `zh error not in plain words: ${zh}`);
  check(marked === 'true', () => 'the bad amount is not marked');
  await page.click('#lang');
  const title = await page.textContent('h1');
  check(/calculator/i.test(title), () => `the English switch did not switch: ${title}`);
  const en = await page.textContent('#settle-error');
  check(en.startsWith('item 1, amount') && !HAN.test(en), () => `after the switch the error is not English: ${en}`);
  await page.screenshot({ path: join(shots, 'calculator-en-error.png'), fullPage: true });
  await page.fill('#items tr[data-item="0"] [data-key=amount]', '1200.00');
  await page.click('#settle');
  check(await page.$eval('#settle-error', (n) => n.hidden), () => 'the error stays after the amount was corrected');

  // A phone (375 px): nothing wider than the screen, in both languages.
  await page.setViewportSize({ width: 375, height: 800 });
  for (const l of ['en', 'zh']) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 375, () => `${l} at 375 px the page is ${width} px wide`);
    await page.screenshot({ path: join(shots, `calculator-phone-${l}.png`), fullPage: true });
    if (l === 'en') await page.click('#lang');
  }
  await page.setViewportSize({ width: 1100, height: 900 });
  check(consoleErrors.length === 0, () => `page errors: ${consoleErrors.join(' | ')}`);
  return [checks, fails];
}

/** The split shown must be the native CLI's settlement of the request the page built. */
function compareWithNative(request, shown, bars, root, check) {
  const dir = mkdtempSync(join(tmpdir(), 'gongji-cli-'));
  writeFileSync(join(dir, 'req.json'), JSON.stringify(request));
  const cli = spawnSync(process.env.GONGJI_CLI || join(root, 'target/debug/gongji'), ['settle', join(dir, 'req.json')], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  check(cli.status === 0, () => `gongji settle failed: ${cli.stderr || cli.error}`);
  if (cli.status !== 0) return;
  const native = JSON.parse(cli.stdout);
  const differ = Object.entries(shown).filter(([field, value]) => native[field] !== value);
  check(differ.length === 0, () => `page and native differ: ${JSON.stringify(differ.map(([f, v]) => [f, v, native[f]]))}`);
  check(Object.keys(shown).length >= 16, () => `only ${Object.keys(shown).length} S-8 fields shown`);
  const want = [['fund', native.hifp_pay], ['own', native.self_acct_pay], ...native.mulaid_by_sharer.map((p) => [`sharer-${p.sharer}`, p.amount]),
    ['cash', native.psn_cash_pay], ['hosp', native.hosp_part_amt]];
  check(JSON.stringify(bars) === JSON.stringify(want), () => `chart ${JSON.stringify(bars)} != native ${JSON.stringify(want)}`);
  check(native.acct_mulaid_pay !== '0.00', () => 'the quota paid nothing: the example should exercise family sharing');
  console.log(`calculator: 父亲's bill ${native.medfee_sumamt} = fund ${native.hifp_pay} + own ${native.self_acct_pay} + family ${native.acct_mulaid_pay} + cash ${native.psn_cash_pay} + hospital ${native.hosp_part_amt} (same as native)`);
}
