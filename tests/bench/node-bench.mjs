// The node benchmark (`cargo xtask bench`, or `node tests/bench/node-bench.mjs [--calls N]`):
//   1. the peer (peer/settle.mjs, decimal.js) must agree with the core on every settle vector;
//   2. instantiate time of the npm package (a fresh node process importing it, median of several);
//   3. settle of the 20-line bill: the package (JS object in, JS object out, marshalling included)
//      against the peer, in one run, interleaved, and their ratio; with the parts of one package call
//      (JSON.stringify of the request, the wasm's text-to-text settle, JSON.parse of the result) and the
//      same package on the size-built module browsers and mini-programs load; and `settleSummary` (the
//      same bill's amounts only, settled without the trace), with its parts, against the same peer;
//   4. memory over N package settle calls (default 1 000 000): rss, heap and array buffers (the wasm
//      memory) sampled every tenth, to show there is no growth.
// Prints one JSON document on the last line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { settle as peerSettle } from './peer/settle.mjs';

const here = new URL('./', import.meta.url);
const root = new URL('../../', import.meta.url);
const pkgEntry = new URL('pkg/node.mjs', root);
const args = process.argv.slice(2);
const calls = Number(args[args.indexOf('--calls') + 1] || 0) || 1_000_000;

const request = JSON.parse(readFileSync(new URL('fixtures/settle_20_items.json', here), 'utf8'));
const embedded = JSON.parse(readFileSync(new URL('core/src/policy/embedded.json', root), 'utf8'));
const result = { calls };

// 1. The peer agrees with the core on the vectors (a separate process: its exit code is the verdict).
const check = execFileSync(process.execPath, [new URL('peer/check.mjs', here).pathname], { encoding: 'utf8' });
result.peer_check = check.trim().split('\n')[0];
console.log(check.trim());

// 2. Instantiate: a fresh process times its own import of the package (read, compile, instantiate).
const probe = `const t0 = performance.now(); await import(${JSON.stringify(pkgEntry.href)}); ` +
  'process.stdout.write(String(performance.now() - t0));';
const inst = [];
for (let i = 0; i < 7; i++) {
  inst.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' })));
}
inst.sort((a, b) => a - b);
result.instantiate_ms_median = Number(inst[3].toFixed(2));
result.instantiate_ms_min = Number(inst[0].toFixed(2));
console.log(`instantiate (import of the package in a fresh node): median ${result.instantiate_ms_median} ms, min ${result.instantiate_ms_min} ms`);

const gongji = await import(pkgEntry.href);
// The size-built module (browsers, mini-programs) behind the same API: a second instance of the glue
// (a distinct module URL) initialised with that module.
const zGlue = await import(new URL('pkg/dist/gongji.js?size-built', root).href);
zGlue.initSync({ module: readFileSync(new URL('pkg/dist/gongji_bg.wasm', root)) });
const { createApi } = await import(new URL('pkg/src/api.js', root).href);
const sizeBuilt = createApi(zGlue);

// The two agree on the benchmark bill too.
const a = gongji.settle(request);
const b = peerSettle(embedded, request);
for (const k of ['medfee_sumamt', 'hifp_pay', 'psn_part_amt', 'acct_pay', 'acct_mulaid_pay', 'psn_cash_pay', 'balc']) {
  if (a[k] !== b[k]) throw new Error(`benchmark bill: ${k} gongji ${a[k]} peer ${b[k]}`);
}

// 3. Settle, interleaved batches so that all see the same machine state. The package settles the bill
//    twice over: with its trace (the default, zh/en text of every step, which the peer does not make) and
//    with `"explain": false` (the same amounts, the peer's work).
function timeBatch(fn, n) {
  const t0 = performance.now();
  let sink = 0;
  for (let i = 0; i < n; i++) sink += fn().psn_cash_pay.length;
  const t = performance.now() - t0;
  if (sink === 0) throw new Error('no result');
  return (t * 1000) / n; // µs per call
}
const quiet = { ...request, explain: false };
const q = gongji.settle(quiet);
if (q.trace.length !== 0 || JSON.stringify({ ...a, trace: [] }) !== JSON.stringify(q)) {
  throw new Error('explain: false must give the same document with an empty trace');
}
const quietText = JSON.stringify(quiet);
const quietOut = gongji.invokeJson('settle', quietText);
if (sizeBuilt.invokeJson('settle', quietText) !== quietOut) {
  throw new Error('the size-built and speed-built modules disagree');
}
// The summary is the full document's amounts, key for key (the schema tag aside).
const summary = gongji.settleSummary(request);
for (const [k, v] of Object.entries(summary)) {
  if (k !== 'schema' && JSON.stringify(v) !== JSON.stringify(a[k])) throw new Error(`summary: ${k} differs`);
}
const requestText = JSON.stringify(request);
const summaryOut = gongji.invokeJson('settle_summary', requestText);
// Each returns something with a psn_cash_pay string, for timeBatch's sink.
const cases = {
  settle_us_peer: () => peerSettle(embedded, request),
  settle_us_gongji: () => gongji.settle(request),
  settle_us_gongji_unexplained: () => gongji.settle(quiet),
  settle_us_size_built: () => sizeBuilt.settle(request),
  settle_us_size_built_unexplained: () => sizeBuilt.settle(quiet),
  part_us_stringify_request: () => ({ psn_cash_pay: JSON.stringify(quiet) }),
  part_us_wasm_text_to_text: () => ({ psn_cash_pay: gongji.invokeJson('settle', quietText) }),
  part_us_parse_result: () => JSON.parse(quietOut),
  settle_us_gongji_summary: () => gongji.settleSummary(request),
  settle_us_size_built_summary: () => sizeBuilt.settleSummary(request),
  part_us_summary_stringify_request: () => ({ psn_cash_pay: JSON.stringify(request) }),
  part_us_summary_wasm_text_to_text: () => ({ psn_cash_pay: gongji.invokeJson('settle_summary', requestText) }),
  part_us_summary_parse_result: () => JSON.parse(summaryOut),
};
const times = {};
for (const [k, f] of Object.entries(cases)) {
  timeBatch(f, 3000); // warm up the JITs
  times[k] = [];
}
for (let round = 0; round < 10; round++) {
  for (const [k, f] of Object.entries(cases)) times[k].push(timeBatch(f, 1000));
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
for (const k of Object.keys(cases)) result[k] = Number(median(times[k]).toFixed(2));
const ratio = (k) => Number((result.settle_us_peer / result[k]).toFixed(2));
result.ratio_peer_over_gongji = ratio('settle_us_gongji');
result.ratio_peer_over_gongji_unexplained = ratio('settle_us_gongji_unexplained');
result.ratio_peer_over_size_built_unexplained = ratio('settle_us_size_built_unexplained');
console.log(`settle, 20-line bill: peer (decimal.js) ${result.settle_us_peer} µs; ` +
  `gongji without the trace ${result.settle_us_gongji_unexplained} µs (${result.ratio_peer_over_gongji_unexplained}× the peer's speed), ` +
  `with the zh/en trace ${result.settle_us_gongji} µs (${result.ratio_peer_over_gongji}×); ` +
  `on the size-built module ${result.settle_us_size_built_unexplained} µs / ${result.settle_us_size_built} µs`);
console.log(`one package call without the trace: JSON.stringify ${result.part_us_stringify_request} µs, ` +
  `wasm text to text ${result.part_us_wasm_text_to_text} µs, JSON.parse ${result.part_us_parse_result} µs`);
// The peer's time over the package's in each round (the batches of a round run back to back): median and
// range over the rounds.
const perRound = (k) => {
  const rs = times.settle_us_peer.map((p, i) => p / times[k][i]).sort((x, y) => x - y);
  const r2 = (x) => Number(x.toFixed(2));
  return { median: r2(median(rs)), min: r2(rs[0]), max: r2(rs[rs.length - 1]), rounds: rs.length };
};
result.ratio_peer_over_gongji_summary = ratio('settle_us_gongji_summary');
result.ratio_peer_over_size_built_summary = ratio('settle_us_size_built_summary');
result.ratio_rounds_unexplained = perRound('settle_us_gongji_unexplained');
result.ratio_rounds_summary = perRound('settle_us_gongji_summary');
result.ratio_rounds_traced = perRound('settle_us_gongji');
result.summary_bytes = summaryOut.length;
result.settlement_bytes = quietOut.length;
console.log(`settleSummary, the same bill: ${result.settle_us_gongji_summary} µs (${result.ratio_peer_over_gongji_summary}× the ` +
  `peer's speed; per round ${result.ratio_rounds_summary.min}–${result.ratio_rounds_summary.max}×, median ` +
  `${result.ratio_rounds_summary.median}×), size-built ${result.settle_us_size_built_summary} µs ` +
  `(${result.ratio_peer_over_size_built_summary}×); parts: JSON.stringify ${result.part_us_summary_stringify_request} µs, ` +
  `wasm text to text ${result.part_us_summary_wasm_text_to_text} µs, JSON.parse ${result.part_us_summary_parse_result} µs ` +
  `(${result.summary_bytes} bytes against ${result.settlement_bytes})`);

// 4. Memory across many calls.
const mb = (x) => Number((x / 1048576).toFixed(1));
const sample = () => {
  const m = process.memoryUsage();
  return { rss_mb: mb(m.rss), heap_mb: mb(m.heapUsed), array_buffers_mb: mb(m.arrayBuffers) };
};
const samples = [];
const step = Math.max(1, Math.floor(calls / 10));
const t0 = performance.now();
for (let i = 0; i < calls; i++) {
  gongji.settle(request);
  if ((i + 1) % step === 0) {
    if (global.gc) global.gc();
    samples.push({ calls: i + 1, ...sample() });
  }
}
result.memory_seconds = Number(((performance.now() - t0) / 1000).toFixed(1));
result.memory = samples;
const first = samples[0];
const last = samples[samples.length - 1];
result.memory_growth_mb = {
  rss: Number((last.rss_mb - first.rss_mb).toFixed(1)),
  array_buffers: Number((last.array_buffers_mb - first.array_buffers_mb).toFixed(1)),
};
console.log(`memory over ${calls} settle calls: ${JSON.stringify(first)} → ${JSON.stringify(last)}`);
console.log(JSON.stringify(result));
