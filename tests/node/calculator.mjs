// Replays the conformance vectors of the calculator's operations (eligibility, shareable, settle and its
// summary, plan)
// through the npm package's `gongji/calculator` entry in node, comparing the output text with the expected,
// and checks that the calculator is the full package's API less the ledger: every other operation is
// UNKNOWN_OPERATION, and the ledger's functions are not there.
import * as calculator from '../../pkg/calculator.node.mjs';
import * as full from '../../pkg/node.mjs';
import { replayCases } from './replay-core.mjs';
import { loadCases, report } from './vectors.mjs';

const OPERATIONS = ['check_eligibility', 'shareable', 'settle', 'settle_summary', 'plan'];
// The cases of the calculator's operations, and those of names no build knows (UNKNOWN_OPERATION in both).
const cases = loadCases()
  .split('\n')
  .filter((line) => {
    const op = line.split('\t')[1];
    return line !== '' && (OPERATIONS.includes(op) || !full.operations().includes(op));
  });
const result = replayCases(calculator, cases.join('\n'));

const checks = [];
const check = (what, f) => checks.push([what, f]);
const unknown = (f) => {
  try {
    f();
  } catch (e) {
    return e instanceof calculator.GongjiError && e.code === 'UNKNOWN_OPERATION' && e.field === 'op';
  }
  return false;
};
check('the vectors cover every operation of the calculator', () =>
  OPERATIONS.every((op) => cases.some((line) => line.split('\t')[1] === op)));
check('operations() are the calculator\'s five', () => JSON.stringify(calculator.operations()) === JSON.stringify(OPERATIONS));
for (const op of full.operations().filter((op) => !OPERATIONS.includes(op))) {
  check(`invokeJson('${op}') is UNKNOWN_OPERATION`, () => unknown(() => calculator.invokeJson(op, '{}')));
  check(`invokeJson('${op}') with a book is UNKNOWN_OPERATION`, () =>
    unknown(() => calculator.invokeJson(op, '{}', JSON.stringify(full.embeddedPolicy()))));
}
for (const name of ['apply', 'statement', 'reverse', 'validatePolicy', 'embeddedPolicy']) {
  check(`the entry has no ${name}`, () => !(name in calculator));
}
check('a Policy has the calculator\'s methods only', () => {
  const p = calculator.loadPolicy(JSON.stringify(full.embeddedPolicy()));
  const ok = typeof p.settle === 'function' && typeof p.settleSummary === 'function' &&
    typeof p.plan === 'function' && p.apply === undefined &&
    p.toJSON === undefined;
  p.free();
  return ok;
});
check('the same version as the full package', () => calculator.version() === full.version());
for (const [what, f] of checks) {
  if (f()) result.passed++;
  else {
    result.failed++;
    result.failures.push(`api: ${what}: failed`);
  }
}
process.exitCode = report('node calculator', result);
