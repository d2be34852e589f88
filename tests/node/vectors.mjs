// The flat case file (tests/vectors/README.md): `$GONGJI_CASES`, else the one
// `cargo run -p gongji-conformance --bin cases` writes. And the closing line every runner prints.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function loadCases() {
  let path = process.env.GONGJI_CASES;
  if (!path) {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const args = ['run', '-q', '-p', 'gongji-conformance', '--bin', 'cases'];
    path = execFileSync('cargo', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  }
  return readFileSync(path, 'utf8');
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
