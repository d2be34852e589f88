// Loads every suite below tests/vectors (recursively), sorted by path.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const vectorsDir = fileURLToPath(new URL('../vectors/', import.meta.url));

export function loadSuites() {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) files.push(p);
    }
  };
  walk(vectorsDir);
  files.sort();
  return files.map((f) => ({ file: relative(vectorsDir, f), suite: JSON.parse(readFileSync(f, 'utf8')) }));
}

/** Prints failures and the closing line; returns the exit code. */
export function report(label, { passed, failed, failures }) {
  for (const f of failures) console.error(f);
  if (passed + failed === 0) {
    console.error(`${label}: no vector cases found`);
    return 1;
  }
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
