// Replays every conformance vector through the built npm package in node (`invokeJson` for every case, the
// object API too for a document input, `loadPolicy` for a book), comparing the output text with the expected.
import * as gongji from '../../pkg/node.mjs';
import { replayCases } from './replay-core.mjs';
import { loadCases, report } from './vectors.mjs';

const result = replayCases(gongji, loadCases());

// The package's own promises, beyond the vectors: errors are GongjiError, books load once, misuse is caught.
const checks = [];
const check = (what, f) => checks.push([what, f]);
const throws = (f, test) => {
  try {
    f();
  } catch (e) {
    return test(e);
  }
  return false;
};
const gongjiError = (code) => (e) =>
  e instanceof gongji.GongjiError && e instanceof Error && e.code === code && e.messageZh !== '' && e.messageEn !== '' &&
  typeof e.field === 'string' && 'rule' in e;
check('invokeJson with bad JSON throws INVALID_JSON', () => throws(() => gongji.invokeJson('check_eligibility', '{'), gongjiError('INVALID_JSON')));
check('an unknown operation throws UNKNOWN_OPERATION', () => throws(() => gongji.invokeJson('nope', '{}'), gongjiError('UNKNOWN_OPERATION')));
check('undefined input throws INVALID_TYPE', () => throws(() => gongji.checkEligibility(undefined), gongjiError('INVALID_TYPE')));
check('a BigInt inside throws INVALID_TYPE', () => throws(() => gongji.checkEligibility({ date: 1n }), gongjiError('INVALID_TYPE')));
check('a freed policy is refused', () => throws(() => {
  const p = gongji.loadPolicy(gongji.embeddedPolicy());
  p.free();
  gongji.settle({}, p);
}, (e) => e instanceof TypeError));
check('embeddedPolicy() is a plain object', () => Object.getPrototypeOf(gongji.embeddedPolicy()) === Object.prototype);
check('loadPolicy(text) and validatePolicy(object) agree', () => {
  const book = gongji.embeddedPolicy();
  const policy = gongji.loadPolicy(JSON.stringify(book));
  const same = JSON.stringify(policy.toJSON()) === JSON.stringify(gongji.validatePolicy(book));
  policy.free();
  return same;
});
check('operations() names settle', () => gongji.operations().includes('settle'));
for (const [what, f] of checks) {
  if (f()) result.passed++;
  else {
    result.failed++;
    result.failures.push(`api: ${what}: failed`);
  }
}
process.exitCode = report('node', result);
