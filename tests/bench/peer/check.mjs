// Replays every settle vector with an expected output through the peer and compares the S-8 amounts,
// each sharer's part and the year's totals after. Exit 1 on any difference.
//   node tests/bench/peer/check.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { settle, overlay, FIELDS } from './settle.mjs';

const root = new URL('../../../', import.meta.url);
const embedded = JSON.parse(readFileSync(new URL('core/src/policy/embedded.json', root), 'utf8'));

export function settleCases() {
  const dir = new URL('tests/vectors/settle/', root);
  const out = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const suite = JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
    for (const c of suite.cases) {
      const op = c.op || suite.op;
      if (op !== 'settle' || !c.expect?.output) continue;
      out.push({ name: `${f}::${c.name}`, book: c.book, input: c.input, output: c.expect.output });
    }
  }
  return out;
}

export function bookOf(doc) {
  if (!doc) return embedded;
  return doc.extends === 'embedded' ? overlay(embedded, doc) : doc;
}

const diffs = [];
let n = 0;
for (const c of settleCases()) {
  n += 1;
  let got;
  try {
    got = settle(bookOf(c.book), c.input);
  } catch (e) {
    diffs.push(`${c.name}: peer threw ${e.message}`);
    continue;
  }
  const want = c.output;
  for (const k of FIELDS) if (got[k] !== want[k]) diffs.push(`${c.name}: ${k} peer ${got[k]} core ${want[k]}`);
  for (const k of Object.keys(got.accumulators_after)) {
    if (got.accumulators_after[k] !== want.accumulators_after[k]) {
      diffs.push(`${c.name}: accumulators_after.${k} peer ${got.accumulators_after[k]} core ${want.accumulators_after[k]}`);
    }
  }
  const parts = (xs) => xs.map((p) => `${p.sharer}:${p.amount}`).join(',');
  if (parts(got.mulaid_by_sharer) !== parts(want.mulaid_by_sharer)) {
    diffs.push(`${c.name}: mulaid_by_sharer peer ${parts(got.mulaid_by_sharer)} core ${parts(want.mulaid_by_sharer)}`);
  }
}
console.log(`peer: ${n} settle vectors, ${diffs.length} differences`);
for (const d of diffs) console.log('  ' + d);
if (n === 0 || diffs.length) process.exitCode = 1;
