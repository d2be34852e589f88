// What V8 compiles on a fresh instance's first settle (BENCHMARKS.md, "What the first settle compiles"):
//   node tests/bench/cold-compile.mjs [--top N] [--names NAMED_WASM] [WASM [GLUE]]
// A fresh node process with `--trace-wasm-compilation-times` instantiates the module (default: pkg/'s
// speed-built dist/gongji_node_bg.wasm with dist/gongji.js) and settles the 20-line bill (trace on) once;
// every function V8 compiles for that call (Liftoff, lazily, on each function's first call) is counted: how many, their bytes of wasm body and of machine code, and the N largest. The trace
// gives function indices; `--names` reads function names from a module with a name section built from
// the same input (e.g. the build's input to wasm-opt optimised again with `-g` and the same passes).
// Diagnostic only: the flag is V8's, not something a client sets. Prints a table, and one JSON document
// on the last line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('../../', import.meta.url);
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args.splice(args.indexOf(name), 2)[1] : dflt);
const top = Number(opt('--top', 20));
const namesFrom = opt('--names', null);
const wasm = resolve(args[0] ?? fileURLToPath(new URL('pkg/dist/gongji_node_bg.wasm', root)));
const glue = resolve(args[1] ?? fileURLToPath(new URL('pkg/dist/gongji.js', root)));
const request = fileURLToPath(new URL('fixtures/settle_20_items.json', import.meta.url));

// The probe: instantiate, then (with "settle") settle once. V8's trace goes to a buffered stdout, so
// markers written around the call would not stay in order: what the first settle compiles is what a
// probe that settles compiles and one that only instantiates does not.
const probe = `
import { readFileSync } from 'node:fs';
const [glueUrl, wasmPath, requestPath, settle] = process.argv.slice(1);
const glue = await import(glueUrl);
glue.initSync({ module: readFileSync(wasmPath) });
if (settle && !glue.invokeJson('settle', readFileSync(requestPath, 'utf8')).includes('"psn_cash_pay"')) {
  throw new Error('settle gave no settlement');
}
`;
function liftoff(settle) {
  const out = execFileSync(process.execPath, ['--trace-wasm-compilation-times', '--input-type=module', '-e', probe,
    pathToFileURL(glue).href, wasm, request, settle], { encoding: 'utf8' });
  return out.split('\n')
    .map((l) => /Compiled function .*#(\d+) using Liftoff.*bodysize (\d+) codesize (\d+)/.exec(l))
    .filter(Boolean)
    .map(([, index, body, code]) => ({ index: Number(index), body: Number(body), code: Number(code) }));
}
const before = new Set(liftoff('').map((f) => f.index));
const compiled = liftoff('settle').filter((f) => !before.has(f.index));

// Function names from the name section (subsection 1) of a module built with names kept.
function names(path) {
  const m = new WebAssembly.Module(readFileSync(path));
  const [sec] = WebAssembly.Module.customSections(m, 'name');
  const b = new Uint8Array(sec ?? new ArrayBuffer(0));
  const out = new Map();
  let p = 0;
  const leb = () => { let r = 0, s = 0, x; do { x = b[p++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
  while (p < b.length) {
    const id = b[p++];
    const end = leb() + p;
    if (id === 1) {
      for (let n = leb(); n > 0; n--) {
        const index = leb();
        const len = leb();
        out.set(index, new TextDecoder().decode(b.subarray(p, p + len)));
        p += len;
      }
    }
    p = end;
  }
  return out;
}
const named = namesFrom ? names(namesFrom) : new Map();

const sum = (k) => compiled.reduce((a, f) => a + f[k], 0);
const largest = [...compiled].sort((a, b) => b.body - a.body).slice(0, top)
  .map((f) => ({ ...f, name: named.get(f.index) ?? `#${f.index}` }));
console.log(`first settle of ${wasm}: ${compiled.length} functions compiled (Liftoff), ${sum('body')} bytes of wasm, ${sum('code')} of machine code`);
console.log('| wasm bytes | machine code | function |');
console.log('|---:|---:|---|');
for (const f of largest) console.log(`| ${f.body} | ${f.code} | ${f.name.replace(/::h[0-9a-f]{16}$/, '')} |`);
console.log(JSON.stringify({ module: wasm, functions: compiled.length, body_bytes: sum('body'), code_bytes: sum('code'), largest }));
