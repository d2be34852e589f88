// Cold start against the peer (BENCHMARKS.md, "Cold start against the peer"):
//   node tests/bench/cold-peer.mjs [--rounds N]
// Each sample is a fresh node process that imports a settlement library and settles the 20-line bill
// once (object in, object out, as a client calls it):
//   - package: `import('pkg/node.mjs')` (the glue reads, compiles and instantiates the module), then
//     `settle(request)` with its trace (the default);
//   - peer: the decimal.js peer (peer/settle.mjs) bundled and minified with the embedded book by esbuild
//     into one file, as a mini-program would ship it; `import` of that file, then its settle.
// Two figures per sample: the whole process (spawn to exit, measured by this script, node's own start
// included) and, inside the process, import + first settle. Package and peer alternate in every round;
// each figure is the median (min–max) over the rounds, and the ratio package / peer is taken per round.
// Prints a table, and one JSON document on the last line.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';

const here = new URL('./', import.meta.url);
const root = new URL('../../', import.meta.url);
const args = process.argv.slice(2);
const at = args.indexOf('--rounds');
const rounds = at >= 0 ? Number(args[at + 1]) : 9;
const requestPath = fileURLToPath(new URL('fixtures/settle_20_items.json', here));

// The peer as one minified file with the book inside it.
const dir = mkdtempSync(join(tmpdir(), 'gongji-cold-peer-'));
const entry = join(dir, 'entry.mjs');
writeFileSync(entry, [
  `import { settle } from ${JSON.stringify(fileURLToPath(new URL('peer/settle.mjs', here)))};`,
  `import book from ${JSON.stringify(fileURLToPath(new URL('core/src/policy/embedded.json', root)))};`,
  'export const settleBill = (request) => settle(book, request);',
].join('\n'));
const bundle = join(dir, 'peer.bundle.mjs');
buildSync({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'neutral', outfile: bundle, logLevel: 'error' });
const bundleBytes = readFileSync(bundle).length;

// What a fresh process runs: argv = kind ("package" | "peer"), the library's URL, the request's path.
const probe = `
import { readFileSync } from 'node:fs';
const [kind, url, requestPath] = process.argv.slice(1);
const request = JSON.parse(readFileSync(requestPath, 'utf8'));
const t0 = performance.now();
const lib = await import(url);
const out = kind === 'package' ? lib.settle(request) : lib.settleBill(request);
const t1 = performance.now();
if (typeof out.psn_cash_pay !== 'string') throw new Error(kind + ' gave no settlement');
process.stdout.write(JSON.stringify({ inside: t1 - t0, psn_cash_pay: out.psn_cash_pay }));
`;
const libs = {
  package: new URL('pkg/node.mjs', root).href,
  peer: new URL(`file://${bundle}`).href,
};

function sample(kind) {
  const t0 = performance.now();
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe, kind, libs[kind], requestPath], { encoding: 'utf8' });
  const whole = performance.now() - t0;
  return { whole, ...JSON.parse(out) };
}

const s = { package: [], peer: [] };
for (let r = 0; r < rounds; r++) {
  // Alternate which goes first, so neither always follows the other.
  const order = r % 2 ? ['peer', 'package'] : ['package', 'peer'];
  for (const kind of order) s[kind].push(sample(kind));
}
rmSync(dir, { recursive: true, force: true });
if (s.package[0].psn_cash_pay !== s.peer[0].psn_cash_pay) {
  throw new Error(`package and peer disagree: psn_cash_pay ${s.package[0].psn_cash_pay} vs ${s.peer[0].psn_cash_pay}`);
}

const stat = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return { median: Number(v[(v.length - 1) >> 1].toFixed(2)), min: Number(v[0].toFixed(2)), max: Number(v[v.length - 1].toFixed(2)) };
};
const show = ({ median, min, max }, unit = ' ms', digits = 1) =>
  `${median.toFixed(digits)}${unit} (${min.toFixed(digits)}–${max.toFixed(digits)})`;
const ratio = (field) => stat(s.package.map((p, i) => p[field] / s.peer[i][field]));
const report = {
  rounds,
  node: process.version,
  peer_bundle_bytes: bundleBytes,
  package: { whole: stat(s.package.map((x) => x.whole)), inside: stat(s.package.map((x) => x.inside)) },
  peer: { whole: stat(s.peer.map((x) => x.whole)), inside: stat(s.peer.map((x) => x.inside)) },
  ratio: { whole: ratio('whole'), inside: ratio('inside') },
};
console.log(`cold start against the peer, ${rounds} rounds, a fresh node ${process.version} per sample; median (min–max)`);
console.log(`(the peer bundled and minified with the book: ${bundleBytes} bytes)`);
console.log('| | whole process (spawn to exit) | import + first settle, inside the process |');
console.log('|---|---|---|');
console.log(`| package (\`pkg/node.mjs\`, trace on) | ${show(report.package.whole)} | ${show(report.package.inside)} |`);
console.log(`| peer (decimal.js, bundled) | ${show(report.peer.whole)} | ${show(report.peer.inside)} |`);
console.log(`| package / peer, per round | ${show(report.ratio.whole, '×', 2)} | ${show(report.ratio.inside, '×', 2)} |`);
console.log(JSON.stringify(report));
