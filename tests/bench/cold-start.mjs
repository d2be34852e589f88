// Cold start of the npm package's modules (BENCHMARKS.md, "Cold start"):
//   node tests/bench/cold-start.mjs [--rounds N] [label=PKG_DIR …]
// Each sample is a fresh node process that imports the wasm-bindgen glue, then times
//   - compile + instantiate: `initSync` on the module's bytes;
//   - first settle: the first `invokeJson("settle", …)` of the 20-line bill (trace on), which loads the
//     embedded policy book and runs the settle's code for the first time (V8 compiles each function on
//     its first call);
// and, in a second kind of sample, an unknown operation first (it loads the book, then fails: the book's
// share of the first call, with the first run of the error path), then the settle; in a third, the
// unknown operation with a caller's incomplete book first (the error path's first run, without the
// embedded book), then the unknown operation: the embedded book's load alone (for a module that parses
// the book's JSON, the first call has compiled part of its deserializers already: a lower bound).
// Modules: node (gongji_node_bg.wasm, -O3), size (gongji_bg.wasm, -Oz), calculator (calculator_bg.wasm),
// of each package directory given (default: this repository's pkg/, built by `cargo xtask wasm`). The
// variants are interleaved in every round; each figure is the median (min–max) over the rounds.
// Prints a table, and one JSON document on the last line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = new URL('./', import.meta.url);
const root = new URL('../../', import.meta.url);
const args = process.argv.slice(2);
const at = args.indexOf('--rounds');
const rounds = at >= 0 ? Number(args[at + 1]) : 9;
const dirs = args.filter((a, i) => a.includes('=') && !(at >= 0 && i === at + 1));
const packages = dirs.length
  ? dirs.map((a) => a.split('=')).map(([label, dir]) => ({ label, dir: new URL(`${dir.replace(/\/$/, '')}/`, `file://${process.cwd()}/`) }))
  : [{ label: 'current', dir: new URL('pkg/', root) }];
const modules = [
  { name: 'node', glue: 'dist/gongji.js', wasm: 'dist/gongji_node_bg.wasm' },
  { name: 'size', glue: 'dist/gongji.js', wasm: 'dist/gongji_bg.wasm' },
  { name: 'calculator', glue: 'dist/calculator.js', wasm: 'dist/calculator_bg.wasm' },
];
const request = readFileSync(new URL('fixtures/settle_20_items.json', here), 'utf8');

// The probe a fresh process runs: argv = glue URL, wasm path, request path, kind ("settle" | "book" |
// "alone").
const probe = `
import { readFileSync } from 'node:fs';
const [glueUrl, wasmPath, requestPath, kind] = process.argv.slice(1);
const glue = await import(glueUrl);
const bytes = readFileSync(wasmPath);
const request = readFileSync(requestPath, 'utf8');
const t0 = performance.now();
glue.initSync({ module: bytes });
const t1 = performance.now();
let book = null;
if (kind === 'alone') {
  try { glue.invokeJson('no_such_operation', '{}', '{"schema":"gongji-policy/1"}'); } catch (e) { /* expected */ }
}
if (kind !== 'settle') {
  const t = performance.now();
  try { glue.invokeJson('no_such_operation', '{}'); } catch (e) { /* expected: unknown operation */ }
  book = performance.now() - t;
}
const t2 = performance.now();
const out = glue.invokeJson('settle', request);
const t3 = performance.now();
if (!out.includes('"psn_cash_pay"')) throw new Error('settle gave no settlement');
process.stdout.write(JSON.stringify({ instantiate: t1 - t0, settle: t3 - t2, book }));
`;

function sample(pkg, mod, kind) {
  const glue = new URL(mod.glue, pkg.dir).href;
  const wasm = fileURLToPath(new URL(mod.wasm, pkg.dir));
  const requestPath = fileURLToPath(new URL('fixtures/settle_20_items.json', here));
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe, glue, wasm, requestPath, kind], { encoding: 'utf8' });
  return JSON.parse(out);
}

const variants = packages.flatMap((pkg) => modules.map((mod) => ({ pkg, mod, key: `${pkg.label} ${mod.name}`, s: [] })));
for (let r = 0; r < rounds; r++) {
  for (const v of variants) {
    const book = sample(v.pkg, v.mod, 'book');
    const alone = sample(v.pkg, v.mod, 'alone');
    v.s.push({ ...sample(v.pkg, v.mod, 'settle'), b_book: book.book, b_settle: book.settle, alone: alone.book });
  }
}

const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: Number(s[(s.length - 1) >> 1].toFixed(2)), min: Number(s[0].toFixed(2)), max: Number(s[s.length - 1].toFixed(2)) };
};
const show = ({ median, min, max }) => `${median.toFixed(1)} ms (${min.toFixed(1)}–${max.toFixed(1)})`;
const report = {};
console.log(`cold start, ${rounds} rounds, a fresh node ${process.version} per sample; median (min–max)`);
console.log('| module | compile + instantiate | first settle | of which: first call (book) / the settle | the book alone |');
console.log('|---|---|---|---|---|');
for (const v of variants) {
  const row = {
    instantiate: stat(v.s.map((x) => x.instantiate)),
    first_settle: stat(v.s.map((x) => x.settle)),
    book: stat(v.s.map((x) => x.b_book)),
    settle_after_book: stat(v.s.map((x) => x.b_settle)),
    book_alone: stat(v.s.map((x) => x.alone)),
  };
  report[v.key] = row;
  console.log(`| ${v.key} | ${show(row.instantiate)} | ${show(row.first_settle)} | ${row.book.median.toFixed(1)} ms / ${row.settle_after_book.median.toFixed(1)} ms | ${show(row.book_alone)} |`);
}
console.log(JSON.stringify({ rounds, node: process.version, request_bytes: request.length, report }));
