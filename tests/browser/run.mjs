// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): replays every vector through
// the browser entry of the package, then uses the calculator (calculator.mjs) and the planner page
// (planner.mjs) as a person would.
// Screenshots go to build/web/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../examples/web/serve.mjs';
import { loadCases, report } from '../node/vectors.mjs';
import { checkCalculator } from './calculator.mjs';
import { checkPlanner } from './planner.mjs';
import { launchChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = join(root, 'build/web');
mkdirSync(shots, { recursive: true });

const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN' });
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

  // A call before init() names init (a fresh instance of the entry module, not yet initialised).
  const early = await page.evaluate(async () => {
    const fresh = await import('/pkg/web.js?before-init');
    try {
      fresh.settle({});
      return 'no error';
    } catch (e) {
      return `${e.name}: ${e.message}`;
    }
  });
  const earlyOk = /before the module was loaded: `await init\(\)`/.test(early);
  console.log(`before init: ${earlyOk ? 1 : 0} passed, ${earlyOk ? 0 : 1} failed${earlyOk ? '' : ' — ' + early}`);
  if (!earlyOk) code = 1;

  // 2. The calculator, as a person uses it (tests/browser/calculator.mjs).
  const [checks, fails] = await checkCalculator(page, { root, shots, consoleErrors });
  for (const f of fails) console.error(`calculator: ${f}`);
  console.log(`calculator: ${checks - fails.length} passed, ${fails.length} failed`);
  if (fails.length) code = 1;

  // 3. The planner page (tests/browser/planner.mjs).
  const planner = await checkPlanner(page, base, shots);
  for (const f of planner.failures) console.error(`planner: ${f}`);
  if (consoleErrors.length) planner.failures.push(...consoleErrors.splice(0));
  console.log(`planner: ${planner.passed} passed, ${planner.failed} failed`);
  if (planner.failed) code = 1;
} finally {
  await browser.close();
  server.close();
}
process.exitCode = code;
