// The size of each entry of the npm package as a client downloads it: the wasm module and the JS that
// loads it (glue, API layer, entry file), raw and brotli (quality 11, as the build compresses the module).
// `node tests/bench/sizes.mjs` after `cargo xtask wasm`; prints a Markdown table.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

const pkg = new URL('../../pkg/', import.meta.url);
const brotli = (b) => brotliCompressSync(b, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: b.length },
}).length;
const ENTRIES = [
  ['`gongji` in browsers (web.js)', 'dist/gongji_bg.wasm', ['web.js', 'src/api.js', 'src/loader.js', 'dist/gongji.js']],
  ['`gongji/calculator` in browsers (calculator.js)', 'dist/calculator_bg.wasm', ['calculator.js', 'src/api.js', 'src/loader.js', 'dist/calculator.js']],
  ['`gongji/miniprogram` (WeChat, Alipay)', 'dist/gongji_bg.wasm', ['miniprogram/index.js']],
  ['`gongji/miniprogram/calculator` (WeChat, Alipay)', 'dist/calculator_bg.wasm', ['miniprogram/calculator.js']],
  ['`gongji` in node (node.mjs, built for speed)', 'dist/gongji_node_bg.wasm', ['node.mjs', 'src/api.js', 'dist/gongji.js']],
];
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log('| entry | wasm raw | wasm brotli | JS (files) brotli | total brotli |');
console.log('|---|---|---|---|---|');
for (const [name, wasm, js] of ENTRIES) {
  const w = readFileSync(new URL(wasm, pkg));
  const jsBr = js.map((f) => brotli(readFileSync(new URL(f, pkg)))).reduce((a, b) => a + b, 0);
  const wBr = brotli(w);
  console.log(`| ${name} | ${w.length} B | ${wBr} B (${kib(wBr)}) | ${jsBr} B (${js.length}) | **${kib(wBr + jsBr)}** |`);
}
