// Replays the flat case file (tests/vectors/README.md) through the npm package's API. Runtime-agnostic:
// node, the mini-program simulators and Chromium call `replayCases` with their own loaded API and the file's
// text. Every case goes through `invokeJson` (text in, text out); a case whose input is a document goes
// through the object API too (`checkEligibility(object)` …), whose result, written by JSON.stringify in its
// key order, must be the same text.

const METHOD = {
  check_eligibility: 'checkEligibility',
  apply: 'apply',
  shareable: 'shareable',
  statement: 'statement',
  settle: 'settle',
  settle_summary: 'settleSummary',
  reverse: 'reverse',
  plan: 'plan',
};
const ESCAPES = { t: '\t', n: '\n', r: '\r' };

/** The columns of one line, with `\\`, `\t`, `\n` and `\r` read back. */
function columns(line) {
  return line.split('\t').map((c) => c.replace(/\\([\s\S])/g, (_, x) => ESCAPES[x] || x));
}

/** Runs `call(api or the loaded book)`: {output: text} or {error}. */
function outcome(api, book, call) {
  let policy = null;
  try {
    if (book !== '') policy = api.loadPolicy(book);
    return { output: call(policy || api) };
  } catch (e) {
    if (!(e instanceof api.GongjiError)) throw e;
    return { error: e };
  } finally {
    if (policy) policy.free();
  }
}

/** The object API's call for `op`, or null where there is none (an unknown operation). */
function objectCall(op, input) {
  if (op === 'validate_policy') return (target) => JSON.stringify(target.validatePolicy(JSON.parse(input)));
  const method = METHOD[op];
  return method ? (target) => JSON.stringify(target[method](JSON.parse(input))) : null;
}

/** What differs from the expected `kind` (`output` or `error`) and `want` columns; null when nothing. */
function mismatch(got, kind, want) {
  const e = got.error;
  if (e && kind !== 'error') return `unexpected error ${e.code} at ${e.field}: ${e.messageEn}`;
  if (e) {
    if (e.code !== want[0] || e.field !== want[1]) return `error ${e.code} at ${e.field}, expected ${want[0]} at ${want[1]} (${e.messageEn})`;
    if (want.length > 2 && e.rule !== want[2]) return `error rule ${e.rule}, expected ${want[2]}`;
    if (Object.prototype.toString.call(e) !== '[object Error]') return 'the error is not an Error';
    if (typeof e.messageZh !== 'string' || e.messageZh === '') return 'no zh message';
    return null;
  }
  if (kind !== 'output') return `expected error ${want.join(' ')}, got ${got.output}`;
  return got.output === want[0] ? null : `output differs\n  expected ${want[0]}\n  got      ${got.output}`;
}

/** `text`: the flat case file. Returns {passed, failed, failures}. */
export function replayCases(api, text) {
  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [name, op, book, input_kind, input, kind, ...want] = columns(line);
    const calls = [['invokeJson', (target) => target.invokeJson(op, input)]];
    const objects = input_kind === 'document' ? objectCall(op, input) : null;
    if (objects) calls.push(['object API', objects]);
    const fails = [];
    for (const [via, call] of calls) {
      try {
        const m = mismatch(outcome(api, book, call), kind, want);
        if (m) fails.push(`${name} (${via}): ${m}`);
      } catch (e) {
        fails.push(`${name} (${via}): threw ${e && e.stack ? e.stack : e}`);
      }
    }
    if (fails.length) {
      failed++;
      failures.push(...fails);
    } else {
      passed++;
    }
  }
  return { passed, failed, failures };
}
