// The planner in the npm package (PL-1; `cargo xtask bench`, or `node tests/bench/node-plan.mjs`):
// `plan` of the family-of-6 fixture (6 persons, 100 expected bills, 12 months), JS object in and out,
// on the module node loads (built for speed) and on the size-built module browsers and mini-programs
// load, interleaved in rounds; and the first plan of a fresh node process (import + one plan).
// Prints one JSON document on the last line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const root = new URL('../../', import.meta.url);
const pkgEntry = new URL('pkg/node.mjs', root);
const request = JSON.parse(readFileSync(new URL('tests/bench/fixtures/plan_family_of_6.json', root), 'utf8'));

const gongji = await import(pkgEntry.href);
const zGlue = await import(new URL('pkg/dist/gongji.js?size-built', root).href);
zGlue.initSync({ module: readFileSync(new URL('pkg/dist/gongji_bg.wasm', root)) });
const { createApi } = await import(new URL('pkg/src/api.js', root).href);
const sizeBuilt = createApi(zGlue);

// Both modules give the same plan, and it is a plan of the fixture's year.
const a = gongji.plan(request);
const b = sizeBuilt.plan(request);
if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('the two modules disagree on the plan');
const months = (p) => p.scenarios[0].months.length;
if (months(a) !== 12) throw new Error(`expected 12 months, got ${months(a)}`);

/** Milliseconds per plan over a batch of `n`. */
function timeBatch(api, n) {
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < n; i++) sink += months(api.plan(request));
  if (sink !== 12 * n) throw new Error('a plan without its months');
  return (performance.now() - t0) / n;
}
const cases = { plan_ms_node_module: gongji, plan_ms_size_built: sizeBuilt };
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const api of Object.values(cases)) timeBatch(api, 5); // warm up
for (let round = 0; round < 7; round++) {
  for (const [k, api] of Object.entries(cases)) times[k].push(timeBatch(api, 10));
}
const sorted = (xs) => [...xs].sort((x, y) => x - y);
const result = {};
for (const [k, xs] of Object.entries(times)) {
  const s = sorted(xs);
  result[k] = { median: Number(s[3].toFixed(2)), min: Number(s[0].toFixed(2)), max: Number(s[6].toFixed(2)) };
}

// A fresh process: import of the package and its first plan, each timed by the process itself.
const probe = `import { readFileSync } from 'node:fs';
const r = JSON.parse(readFileSync(${JSON.stringify(new URL('tests/bench/fixtures/plan_family_of_6.json', root).pathname)}, 'utf8'));
const t0 = performance.now(); const g = await import(${JSON.stringify(pkgEntry.href)});
const t1 = performance.now(); g.plan(r); const t2 = performance.now();
process.stdout.write(JSON.stringify([t1 - t0, t2 - t1]));`;
const first = [];
for (let i = 0; i < 7; i++) {
  first.push(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' })));
}
const firstPlan = sorted(first.map((x) => x[1]));
result.first_plan_ms_fresh_process = {
  median: Number(firstPlan[3].toFixed(2)), min: Number(firstPlan[0].toFixed(2)), max: Number(firstPlan[6].toFixed(2)),
};
console.log(`plan, family of 6 (100 bills, 12 months): node module ${result.plan_ms_node_module.median} ms ` +
  `(${result.plan_ms_node_module.min}–${result.plan_ms_node_module.max}), size-built module ` +
  `${result.plan_ms_size_built.median} ms (${result.plan_ms_size_built.min}–${result.plan_ms_size_built.max}), ` +
  `first plan of a fresh process ${result.first_plan_ms_fresh_process.median} ms`);
console.log(JSON.stringify(result));
