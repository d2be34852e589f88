// The package's public API over the wasm-bindgen exports: the same functions, with the core's error
// documents turned into `GongjiError`, and an optional policy per call. No rules live here (design.md):
// every decision is the core's. ES2017, so that the mini-program bundles can include it as it is.

/** An error from the core: a stable `code`, the domain `rule` (or null), the `field` path, both messages. */
export class GongjiError extends Error {
  constructor(doc) {
    super(doc.code + (doc.field ? ' at ' + doc.field : '') + ': ' + doc.message_en);
    this.name = 'GongjiError';
    this.code = doc.code;
    this.rule = doc.rule === undefined ? null : doc.rule;
    this.field = doc.field || '';
    this.messageZh = doc.message_zh;
    this.messageEn = doc.message_en;
  }

  /** The error document, as the JSON contract spells it. */
  toJSON() {
    return { code: this.code, rule: this.rule, field: this.field, message_zh: this.messageZh, message_en: this.messageEn };
  }
}

function isErrorDoc(e) {
  return e !== null && typeof e === 'object' && !(e instanceof Error) &&
    typeof e.code === 'string' && typeof e.message_en === 'string' && typeof e.message_zh === 'string';
}

/** Parses the core's output text (money stays a decimal string: JSON numbers never appear in it). */
function parsed(f) {
  return function () {
    return JSON.parse(f.apply(this, arguments));
  };
}

function guard(f) {
  return function () {
    try {
      return f.apply(this, arguments);
    } catch (e) {
      throw isErrorDoc(e) ? new GongjiError(e) : e;
    }
  };
}

/** Builds the public API from the raw wasm-bindgen exports. */
export function createApi(raw) {
  /** A policy book loaded once (P-2); pass it to any operation. Call `free()` when done with it. */
  class Policy {
    constructor(handle) {
      if (!handle || typeof handle.checkEligibility !== 'function') {
        throw new TypeError('use loadPolicy(book) to make a Policy');
      }
      this._handle = handle;
    }
  }
  // The calculator module (`gongji/calculator`) has no ledger: its handle lacks apply, statement, reverse
  // and toJsonText, and so does its Policy.
  const has = function (name) { return !raw.Policy || typeof raw.Policy.prototype[name] === 'function'; };
  const method = function (name, wrap) { if (has(name)) Policy.prototype[name] = wrap; };
  method('checkEligibility', guard(parsed(function (request) { return this._handle.checkEligibility(request); })));
  method('apply', guard(parsed(function (request) { return this._handle.apply(request); })));
  method('shareable', guard(parsed(function (request) { return this._handle.shareable(request); })));
  method('statement', guard(parsed(function (request) { return this._handle.statement(request); })));
  method('settle', guard(parsed(function (request) { return this._handle.settle(request); })));
  method('settleSummary', guard(parsed(function (request) { return this._handle.settleSummary(request); })));
  method('reverse', guard(parsed(function (settlement) { return this._handle.reverse(settlement); })));
  method('plan', guard(parsed(function (request) { return this._handle.plan(request); })));
  method('invokeJson', guard(function (op, inputText) { return this._handle.invokeJson(op, inputText); }));
  if (has('toJsonText')) Policy.prototype.toJSON = guard(parsed(function () { return this._handle.toJsonText(); }));
  Policy.prototype.free = function () {
    if (this._handle) {
      this._handle.free();
      this._handle = null;
    }
  };

  function on(policy) {
    if (policy === undefined || policy === null) return raw;
    if (policy instanceof Policy && policy._handle) return policy._handle;
    throw new TypeError('policy must come from loadPolicy() and not be freed');
  }

  return {
    GongjiError: GongjiError,
    Policy: Policy,
    checkEligibility: guard(parsed(function (request, policy) { return on(policy).checkEligibility(request); })),
    apply: guard(parsed(function (request, policy) { return on(policy).apply(request); })),
    shareable: guard(parsed(function (request, policy) { return on(policy).shareable(request); })),
    statement: guard(parsed(function (request, policy) { return on(policy).statement(request); })),
    settle: guard(parsed(function (request, policy) { return on(policy).settle(request); })),
    settleSummary: guard(parsed(function (request, policy) { return on(policy).settleSummary(request); })),
    reverse: guard(parsed(function (settlement, policy) { return on(policy).reverse(settlement); })),
    plan: guard(parsed(function (request, policy) { return on(policy).plan(request); })),
    validatePolicy: guard(parsed(function (book) { return raw.validatePolicy(book); })),
    loadPolicy: guard(function (book) { return new Policy(raw.loadPolicy(book)); }),
    invokeJson: guard(function (op, inputText, bookText) {
      return raw.invokeJson(op, inputText, bookText === undefined ? null : bookText);
    }),
    embeddedPolicy: guard(parsed(function () { return raw.embeddedPolicy(); })),
    operations: function () { return raw.operations(); },
    // Type brands for TypeScript; the core checks the text when it reads a document.
    money: function (text) { return String(text); },
    ratio: function (text) { return String(text); },
    version: function () { return raw.version(); },
  };
}
