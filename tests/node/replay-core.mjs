// Replays conformance suites (tests/vectors/README.md) through the npm package's API. Runtime-agnostic:
// node, the mini-program simulators and Chromium call `replaySuites` with their own loaded API.

const METHOD = {
  check_eligibility: 'checkEligibility',
  apply: 'apply',
  shareable: 'shareable',
  settle: 'settle',
  reverse: 'reverse',
};

function codePointCompare(a, b) {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Canonical JSON: keys sorted by code point, no white space, strings as JSON.stringify writes them. */
export function canonical(v) {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    return '{' + Object.keys(v).sort(codePointCompare).map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  }
  if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new Error('a non-integer or unsafe number in a document: ' + v);
  return JSON.stringify(v);
}

/** Looks up `a.b[2].c` in a document. */
export function at(doc, path) {
  let cur = doc;
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    if (m[1] !== '') cur = cur == null ? undefined : cur[m[1]];
    for (const idx of m[2].match(/\d+/g) || []) cur = cur == null ? undefined : cur[Number(idx)];
  }
  return cur;
}

function runCase(api, suiteOp, c) {
  const op = c.op || suiteOp;
  let policy = null;
  try {
    if (c.book !== undefined && c.book !== null) policy = api.loadPolicy(c.book);
    if (typeof c.input_text === 'string') {
      const text = policy ? policy.invokeJson(op, c.input_text) : api.invokeJson(op, c.input_text);
      return { output: JSON.parse(text) };
    }
    if (op === 'validate_policy') return { output: api.validatePolicy(c.input) };
    const method = METHOD[op];
    if (!method) return { error: { code: 'UNKNOWN_OPERATION', field: 'op', rule: null } };
    return { output: policy ? policy[method](c.input) : api[method](c.input) };
  } catch (e) {
    if (!(e instanceof api.GongjiError)) throw e;
    return { error: e };
  } finally {
    if (policy) policy.free();
  }
}

function verify(name, c, got) {
  const fails = [];
  const expect = c.expect || {};
  if (got.error && expect.error) {
    for (const key of ['code', 'field', 'rule']) {
      if (key in expect.error && got.error[key] !== expect.error[key]) {
        fails.push(`${name}: error ${key} ${JSON.stringify(got.error[key])} != expected ${JSON.stringify(expect.error[key])} (${got.error.messageEn})`);
      }
    }
    if (Object.prototype.toString.call(got.error) !== '[object Error]') fails.push(`${name}: the error is not an Error`);
    if (typeof got.error.messageZh !== 'string' || got.error.messageZh === '') fails.push(`${name}: no zh message`);
  } else if (got.error) {
    fails.push(`${name}: unexpected error ${got.error.code} at ${got.error.field}: ${got.error.messageEn}`);
  } else if (expect.error) {
    fails.push(`${name}: expected error ${JSON.stringify(expect.error)}, got ${canonical(got.output)}`);
  } else {
    for (const [path, want] of expect.checks || []) {
      const v = at(got.output, path);
      if (v === undefined || canonical(v) !== canonical(want)) fails.push(`${name}: check ${path}: got ${v === undefined ? 'nothing' : canonical(v)}, expected ${canonical(want)}`);
    }
    if (!('output' in expect)) fails.push(`${name}: no expected output`);
    else if (canonical(expect.output) !== canonical(got.output)) {
      fails.push(`${name}: output differs\n  expected ${canonical(expect.output)}\n  got      ${canonical(got.output)}`);
    }
  }
  return fails;
}

/** `suites`: [{file, suite}]. Returns {passed, failed, failures}. */
export function replaySuites(api, suites) {
  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const { file, suite } of suites) {
    if (suite.schema !== 'gongji-vectors/1') {
      failed++;
      failures.push(`${file}: schema ${suite.schema}`);
      continue;
    }
    for (const c of suite.cases || []) {
      const name = `${file}::${c.name}`;
      let fails;
      try {
        fails = verify(name, c, runCase(api, suite.op, c));
      } catch (e) {
        fails = [`${name}: threw ${e && e.stack ? e.stack : e}`];
      }
      if (fails.length) {
        failed++;
        failures.push(...fails);
      } else {
        passed++;
      }
    }
  }
  return { passed, failed, failures };
}
