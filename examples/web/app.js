// The family calculator. Every decision (eligibility, quotas, the split of a bill) comes from the gongji
// package; this file only gathers input, builds the documents, and shows what comes back. Money stays a
// decimal string throughout: amounts are typed as text and shown as returned.
import init, { checkEligibility, apply, settle, embeddedPolicy, GongjiError } from '../../pkg/web.js';

const T = {
  zh: {
    title: '职工医保个人账户家庭共济计算器', date: '日期', family: '① 家庭成员', name: '称呼', relation: '与共济人的关系',
    scheme: '参保类型', region: '统筹区', balance: '个人账户余额（元）', retired: '退休', addPerson: '添加家人',
    eligibility: '② 谁可以与谁共济', quotas: '③ 授予共济额度（医保钱包）', bill: '④ 账单', patient: '就诊人', visit: '就诊类型',
    level: '医院等级', designated: '定点医药机构', item: '项目', amount: '金额（元）', class: '目录类别', preselfpay: '先行自付比例',
    category: '类别', addItem: '添加项目', settle: '结算', split: '⑤ 谁付了多少', field: '字段', meaning: '含义', value: '金额',
    trace: '计算过程', remove: '删除', self: '本人（共济人）', employee: '职工医保', resident: '居民医保', grant: '授予',
    may: '可以共济', mayNot: '不能共济', to: '→', lang: 'English', ledgerReset: '家庭信息已修改，钱包账本将重新建立。',
    ledger: (who, bal, qs) => `钱包账本：${who} 个人账户可用余额 ${bal} 元${qs.length ? '；额度：' + qs.join('，') : ''}`,
    quotaLeft: (who, amt) => `${who} ${amt} 元`, noneEligible: '没有可以授予额度的家人。', fund: '统筹基金', ownAcct: '本人个人账户',
    cash: '个人现金', hosp: '医院负担', fromRelative: (who) => `${who}的共济额度`, loadError: '无法加载 gongji 包：',
    replaced: '已按修改后的账单重新结算（替换同日同一就诊人的上一张账单）。',
    exampleGrade: '示例参数，仅供参考',
    where: (place) => `${place}：`, item: (i) => `第 ${i} 项`, itemAmount: (i) => `第 ${i} 项的金额`,
    itemRatio: (i) => `第 ${i} 项的先行自付比例`, itemName: (i) => `第 ${i} 项的名称`, grantAmount: (who) => `授予${who}的额度`,
    balanceOf: (who) => `${who}的个人账户余额`, items: '账单项目', regionOf: (who) => `${who}的统筹区`,
    intro: '输入家庭成员，查看谁可以共济、为家人授予共济额度，再录入一张账单，看统筹基金、本人个账、各位亲属的共济额度和现金各付多少。所有计算由 gongji 核心完成。',
  },
  en: {
    title: 'Family sharing calculator — employee medical-insurance personal accounts', date: 'Date', family: '① Family',
    name: 'Name', relation: 'Relation to the sharer', scheme: 'Scheme', region: 'Pooling region', balance: 'Account balance (yuan)',
    retired: 'Retired', addPerson: 'Add a relative', eligibility: '② Who may share with whom', quotas: '③ Grant quotas (wallet)',
    bill: '④ The bill', patient: 'Patient', visit: 'Visit', level: 'Hospital level', designated: 'Designated institution',
    item: 'Item', amount: 'Amount (yuan)', class: 'Class', preselfpay: 'Pre-self-pay ratio', category: 'Category',
    addItem: 'Add an item', settle: 'Settle', split: '⑤ Who pays what', field: 'Field', meaning: 'Meaning', value: 'Amount',
    trace: 'How it was computed', remove: 'Remove', self: 'Self (the sharer)', employee: 'Employee', resident: 'Resident',
    grant: 'Grant', may: 'may share', mayNot: 'may not share', to: '→', lang: '中文',
    ledgerReset: 'The family changed; the wallet ledger starts again.',
    ledger: (who, bal, qs) => `Wallet ledger: ${who}'s usable balance ${bal} yuan${qs.length ? '; quotas: ' + qs.join(', ') : ''}`,
    quotaLeft: (who, amt) => `${who} ${amt}`, noneEligible: 'No relative can receive a quota.', fund: 'Pooled fund',
    ownAcct: 'Own account', cash: 'Cash', hosp: 'Hospital', fromRelative: (who) => `quota from ${who}`,
    loadError: 'Could not load the gongji package: ',
    replaced: 'Settled again with the edited bill (it replaces the earlier bill of the same patient and day).',
    exampleGrade: 'example parameters, for reference only',
    where: (place) => `${place}: `, item: (i) => `item ${i}`, itemAmount: (i) => `item ${i}, amount`,
    itemRatio: (i) => `item ${i}, pre-self-pay ratio`, itemName: (i) => `item ${i}, name`, grantAmount: (who) => `the quota for ${who}`,
    balanceOf: (who) => `${who}'s account balance`, items: 'the bill\'s items', regionOf: (who) => `${who}'s pooling region`,
    intro: 'Enter the family, see who may share with whom, grant quotas to relatives, then enter a bill and see what the pooled fund, the patient\'s own account, each relative\'s quota and cash pay. Every figure comes from the gongji core.',
  },
};
const KINSHIPS = {
  spouse: ['配偶', 'spouse'], parent: ['父母', 'parent'], child: ['子女', 'child'], sibling: ['兄弟姐妹', 'sibling'],
  paternal_grandparent: ['祖父母', 'paternal grandparent'], maternal_grandparent: ['外祖父母', 'maternal grandparent'],
  sons_child: ['孙子女', "son's child"], daughters_child: ['外孙子女', "daughter's child"], spouse_parent: ['配偶的父母', "spouse's parent"],
};
const VISITS = { outpatient: ['普通门诊', 'outpatient'], inpatient: ['住院', 'inpatient'], special_outpatient: ['门诊慢特病', 'special outpatient'], pharmacy: ['定点药店', 'pharmacy'] };
const CLASSES = { a: ['甲类', 'class A'], b: ['乙类', 'class B'], c: ['丙类/自费', 'class C (self-pay)'] };
const CATEGORIES = {
  drug: ['药品', 'drug'], service: ['诊疗服务', 'service'], device: ['器械', 'device'], consumable: ['耗材', 'consumable'],
  health_product: ['保健品', 'health product'], vaccine: ['疫苗', 'vaccine'], checkup: ['体检', 'check-up'],
};
// S-8 fields in display order, with the national interface's Chinese names.
const FIELDS = [
  ['medfee_sumamt', '医疗费总额', 'total medical fees'], ['fulamt_ownpay_amt', '全自费金额', 'full self-pay'],
  ['overlmt_selfpay', '超限价自费', 'over the price limit'], ['preselfpay_amt', '先行自付', 'pre-self-pay'],
  ['inscp_scp_amt', '符合政策范围金额', 'in policy scope'], ['act_pay_dedc', '实际支付起付线', 'deductible paid'],
  ['hifp_pay', '统筹基金支出', 'pooled fund pays'], ['pool_prop_selfpay', '统筹基金支付比例', 'pooled-fund ratio'],
  ['fund_pay_sumamt', '基金支付总额', 'funds total'], ['psn_part_amt', '个人负担总金额', 'personal burden'],
  ['acct_pay', '个人账户支出', 'accounts pay'], ['self_acct_pay', '本人个账 (selfAcctPay)', 'own account (selfAcctPay)'],
  ['acct_mulaid_pay', '个人账户共济支付金额 (acctMulaidPay)', 'family sharing (acctMulaidPay)'],
  ['psn_cash_pay', '个人现金支出', 'cash'], ['hosp_part_amt', '医院负担金额', 'hospital bears'], ['balc', '本人个账余额', 'own balance after'],
];

// What a person typing into this page can get wrong, in plain words (the core's own text is the fallback).
const PLAIN = {
  AMOUNT_INVALID: ['请填写金额，例如 12.50', 'enter an amount such as 12.50'],
  AMOUNT_PRECISION: ['金额最多精确到分（小数点后两位）', 'at most two decimal places (fen)'],
  AMOUNT_NEGATIVE: ['金额不能为负数', 'an amount cannot be negative'],
  AMOUNT_TOO_LARGE: ['金额过大（最多 999999999.99 元）', 'too large (at most 999999999.99 yuan)'],
  AMOUNT_ZERO: ['金额须大于零', 'the amount must be more than zero'],
  RATIO_INVALID: ['请填写 0 到 1 之间的比例，例如 0.10', 'enter a ratio between 0 and 1, such as 0.10'],
  RATIO_OUT_OF_RANGE: ['请填写 0 到 1 之间的比例，例如 0.10', 'enter a ratio between 0 and 1, such as 0.10'],
  ITEMS_EMPTY: ['请至少添加一个项目', 'add at least one item'],
  ITEM_RATIO_MISSING: ['乙类项目请填写先行自付比例', 'a class-B item needs its pre-self-pay ratio'],
  ITEM_RATIO_NOT_ALLOWED: ['只有乙类项目填写先行自付比例，请清空', 'only class-B items take a pre-self-pay ratio: clear it'],
  ID_INVALID: ['称呼不能为空', 'a name cannot be empty'],
};

let lang = 'zh';
const errors = {}; // element id → { error, who } shown there, re-rendered when the language changes
let book;
let ledger = null; // the wallet state document, rebuilt when the family changes
let lastSettlement = null;
const $ = (id) => document.getElementById(id);
const t = (key) => T[lang][key];
const pick = (pair) => (lang === 'zh' ? pair[0] : pair[1]);
/** Where an error's JSON path points, in the page's words (null when the page has no such input). */
function placeOf(field, who) {
  const m = /^items\[(\d+)\]\.(\w+)/.exec(field);
  if (m) {
    const i = Number(m[1]) + 1;
    return { amount: t('itemAmount')(i), preselfpay_ratio: t('itemRatio')(i), name: t('itemName')(i) }[m[2]] || t('item')(i);
  }
  if (field === 'items') return t('items');
  if (field === 'own_balance' || field === 'command.args.balance') return t('balanceOf')(who);
  if (field === 'command.args.amount') return t('grantAmount')(who);
  if (/region$/.test(field)) return t('regionOf')(who);
  return null;
}
/** An error in plain words, naming the input it points at. */
function msg(e, who = '') {
  if (!(e instanceof GongjiError)) return String(e);
  const plain = PLAIN[e.code];
  const text = plain ? pick(plain) : (lang === 'zh' ? e.messageZh : e.messageEn);
  const place = placeOf(e.field || '', who);
  return place ? t('where')(place) + text : text;
}
/** Shows (or, with no error, hides) an error box; kept so that a language switch re-renders it. */
function showError(id, error, who) {
  errors[id] = error ? { error, who } : null;
  renderError(id);
}
function renderError(id) {
  const box = $(id);
  const shown = errors[id];
  box.hidden = !shown;
  box.textContent = shown ? (typeof shown.error === 'string' ? t(shown.error) : msg(shown.error, shown.who)) : '';
}
/** Marks the bill input an error points at. */
function markInvalid(e) {
  for (const n of document.querySelectorAll('[aria-invalid=true]')) n.removeAttribute('aria-invalid');
  const m = e instanceof GongjiError && /^items\[(\d+)\]\.(\w+)/.exec(e.field || '');
  const input = m && document.querySelector(`#items tr[data-item="${m[1]}"] [data-key="${m[2]}"]`);
  if (input) input.setAttribute('aria-invalid', 'true');
}
const el = (tag, props = {}, ...children) => {
  const { dataset, style, ...rest } = props;
  const n = Object.assign(document.createElement(tag), rest);
  if (dataset) Object.assign(n.dataset, dataset);
  if (style) n.setAttribute('style', style);
  for (const c of children) n.append(c);
  return n;
};
const options = (map, value) => Object.entries(map).map(([k, v]) => el('option', { value: k, selected: k === value, textContent: pick(v) }));
const now = () => `${$('date').value}T09:00`;

const family = [
  { id: 'xiaoming', name: '小明', relation: 'self', scheme: 'employee', region: '110000', balance: '8000.00', retired: false },
  { id: 'father', name: '父亲', relation: 'parent', scheme: 'resident', region: '370100', balance: '0.00', retired: true },
  { id: 'mother', name: '母亲', relation: 'parent', scheme: 'resident', region: '370100', balance: '0.00', retired: true },
  { id: 'wife', name: '妻子', relation: 'spouse', scheme: 'employee', region: '110000', balance: '3000.00', retired: false },
  { id: 'sister', name: '妹妹', relation: 'sibling', scheme: 'resident', region: '110000', balance: '0.00', retired: false },
];
const items = [
  { name: '床位及诊疗', amount: '1200.00', class: 'a', preselfpay_ratio: '', category: 'service' },
  { name: '乙类药品', amount: '800.00', class: 'b', preselfpay_ratio: '0.10', category: 'drug' },
  { name: '自费药品', amount: '300.00', class: 'c', preselfpay_ratio: '', category: 'drug' },
];
const grants = {}; // person id → amount text typed

function person(p) {
  return { id: p.id, scheme: p.scheme, region: p.region, enrollment: 'active', wallet_opened: true, retired: p.retired };
}
const sharer = () => family[0];
const nameOf = (id) => (family.find((p) => p.id === id) || { name: id }).name;

function renderFamily() {
  const body = $('family').tBodies[0];
  body.replaceChildren();
  const regions = Object.entries(book.regions).map(([code, r]) => [code, `${r.name} ${code}`]);
  family.forEach((p, i) => {
    const input = (key, cls) => el('input', { type: 'text', value: p[key], className: cls || '', oninput: (e) => { p[key] = e.target.value; changed(); } });
    const select = (key, opts) => { const s = el('select', { onchange: (e) => { p[key] = e.target.value; changed(); } }, ...opts); s.value = p[key]; return s; };
    const relation = i === 0 ? el('span', { textContent: t('self') }) : select('relation', options(KINSHIPS, p.relation));
    const row = el('tr', { dataset: { person: p.id } },
      el('td', {}, input('name')),
      el('td', {}, relation),
      el('td', {}, select('scheme', [el('option', { value: 'employee', textContent: t('employee') }), el('option', { value: 'resident', textContent: t('resident') })])),
      el('td', {}, select('region', regions.map(([c, n]) => el('option', { value: c, textContent: n })))),
      el('td', {}, input('balance', 'money')),
      el('td', {}, el('input', { type: 'checkbox', checked: p.retired, onchange: (e) => { p.retired = e.target.checked; changed(); } })),
      el('td', {}, i === 0 ? '' : el('button', { type: 'button', textContent: t('remove'), onclick: () => { family.splice(i, 1); changed(); renderFamily(); } })),
    );
    body.append(row);
  });
  renderPatients();
  labelCells();
}

/** E-1..E-7 for the sharer and each relative, with every failed rule's message. */
function renderEligibility() {
  const list = $('eligibility');
  list.replaceChildren();
  for (const rel of family.slice(1)) {
    const li = el('li', { dataset: { person: rel.id } });
    try {
      const d = checkEligibility({ date: $('date').value, mode: 'wallet', sharer: person(sharer()), beneficiary: person(rel), kinship: rel.relation, commitment_signed: true });
      rel.allowed = d.allowed;
      li.className = d.allowed ? 'yes' : 'no';
      li.append(el('strong', { textContent: `${sharer().name} ${t('to')} ${rel.name}: ${d.allowed ? '✓ ' + t('may') : '✗ ' + t('mayNot')}` }));
      const reasons = d.allowed ? [] : d.failed;
      if (reasons.length) li.append(el('ul', {}, ...reasons.map((r) => el('li', { textContent: `${r.rule} ${pick([r.message_zh, r.message_en])}` }))));
    } catch (e) {
      rel.allowed = false;
      li.className = 'no';
      li.append(el('strong', { textContent: `${sharer().name} ${t('to')} ${rel.name}: ${msg(e)}` }));
    }
    list.append(li);
  }
}

/** Builds the ledger: every person registered with their balance, wallets opened, relationships signed. */
function buildLedger() {
  let state = { schema: 'gongji-wallet/1' };
  const run = (type, args) => { state = apply({ state, command: { type, args }, now: now() }).state; };
  for (const p of family) {
    try {
      run('register_person', { person: person(p), balance: p.balance });
    } catch (e) {
      e.who = p.name;
      throw e;
    }
  }
  for (const rel of family.slice(1).filter((r) => r.allowed)) {
    run('establish', { sharer: sharer().id, beneficiary: rel.id, kinship: rel.relation, mode: 'wallet', commitment_signed: true });
  }
  return state;
}

function renderQuotas() {
  const box = $('quotas');
  box.replaceChildren();
  const eligible = family.slice(1).filter((r) => r.allowed);
  if (!eligible.length) box.append(el('p', { className: 'note', textContent: t('noneEligible') }));
  for (const rel of eligible) {
    const amount = el('input', { type: 'text', className: 'money', value: grants[rel.id] || '', placeholder: '0.00', oninput: (e) => { grants[rel.id] = e.target.value; } });
    box.append(el('div', { className: 'quota', dataset: { person: rel.id } },
      el('span', { textContent: `${sharer().name} ${t('to')} ${rel.name}` }), amount,
      el('button', { type: 'button', textContent: t('grant'), onclick: () => grant(rel, amount.value) })));
  }
  renderLedger();
}

function grant(rel, amount) {
  showError('quota-error', null);
  try {
    if (!ledger) ledger = buildLedger();
    const r = ledger.relationships.find((x) => x.beneficiary === rel.id && x.status === 'active');
    ledger = apply({ state: ledger, command: { type: 'grant', args: { relationship: r ? r.id : '', amount } }, now: now() }).state;
  } catch (e) {
    showError('quota-error', e, e.who || rel.name);
  }
  renderLedger();
}

function renderLedger() {
  if (!ledger) {
    $('ledger').textContent = '';
    return;
  }
  const account = ledger.accounts.find((a) => a.person === sharer().id);
  const quotas = ledger.quotas.filter((q) => q.amount !== '0.00').map((q) => t('quotaLeft')(nameOf(q.beneficiary), q.amount));
  $('ledger').textContent = T[lang].ledger(sharer().name, account ? account.balance : '—', quotas);
}

function renderPatients() {
  const s = $('patient');
  const was = s.value || 'father';
  s.replaceChildren(...family.map((p) => el('option', { value: p.id, textContent: p.name })));
  s.value = family.some((p) => p.id === was) ? was : family[0].id;
}

function renderItems() {
  const body = $('items').tBodies[0];
  body.replaceChildren();
  items.forEach((it, i) => {
    const input = (key, cls) => el('input', { type: 'text', value: it[key], className: cls || '', dataset: { key }, oninput: (e) => { it[key] = e.target.value; } });
    const select = (key, map) => { const s = el('select', { dataset: { key }, onchange: (e) => { it[key] = e.target.value; } }, ...options(map, it[key])); return s; };
    body.append(el('tr', { dataset: { item: String(i) } },
      el('td', {}, input('name')), el('td', {}, input('amount', 'money')), el('td', {}, select('class', CLASSES)),
      el('td', {}, input('preselfpay_ratio', 'money')), el('td', {}, select('category', CATEGORIES)),
      el('td', {}, el('button', { type: 'button', textContent: t('remove'), onclick: () => { items.splice(i, 1); renderItems(); } }))));
  });
  labelCells();
}

/** The settle request for the patient against `ledger`: own account and the quotas granted to them there. */
function settleRequest(patient, ledger, reference) {
  const account = ledger && ledger.accounts.find((a) => a.person === patient.id);
  const funds = (ledger ? ledger.quotas : [])
    .filter((q) => q.beneficiary === patient.id && q.amount !== '0.00')
    .map((q) => ({ sharer: q.sharer, mode: 'wallet', available: q.amount, granted_at: q.granted_at }));
  return {
    reference,
    date: $('date').value,
    // P-4: a calculator gives estimates; example-grade parameters are then allowed, and shown as such.
    estimate: true,
    patient: person(patient),
    own_balance: account ? account.balance : patient.balance,
    visit: { type: $('visit').value, level: Number($('level').value), designated: $('designated').checked },
    items: items.map((it) => Object.assign(
      { name: it.name, amount: it.amount, class: it.class, category: it.category },
      it.preselfpay_ratio.trim() ? { preselfpay_ratio: it.preselfpay_ratio.trim() } : {})),
    funds,
  };
}

let bills = 0; // numbers the references of the bills settled on this page

function doSettle() {
  showError('settle-error', null);
  markInvalid(null);
  const patient = family.find((p) => p.id === $('patient').value) || family[0];
  try {
    if (!ledger) ledger = buildLedger();
    // Settling the same patient's bill of the same day again, with nothing booked since, replaces that bill:
    // start from the ledger before it and keep its reference (an edit, not a second bill).
    const last = lastSettlement;
    const replace = Boolean(last && last.ledgerAfter === ledger && last.request.patient.id === patient.id && last.request.date === $('date').value);
    const before = replace ? last.ledgerBefore : ledger;
    const reference = replace ? last.request.reference : `WEB-${$('date').value}-${patient.id}-${++bills}`.slice(0, 60);
    const request = settleRequest(patient, before, reference);
    const s = settle(request);
    // The spends go into the ledger, so the quotas shown are what is left.
    let state = before;
    for (const command of s.wallet_commands) state = apply({ state, command, now: now() }).state;
    ledger = state;
    lastSettlement = { request, settlement: s, ledgerBefore: before, ledgerAfter: state, replaced: replace };
    window.gongjiLastRequest = request; // for the browser test's comparison with the native CLI
    renderLedger();
    renderResult();
  } catch (e) {
    showError('settle-error', e, e.who || patient.name);
    markInvalid(e);
    $('result').hidden = true;
  }
}

/** Money text → fen as BigInt (for bar widths only; amounts shown are the core's strings). */
const fen = (m) => { const [y, f = ''] = m.split('.'); return BigInt(y) * 100n + BigInt((f + '00').slice(0, 2)); };

function renderResult() {
  if (!lastSettlement) return;
  const s = lastSettlement.settlement;
  $('result').hidden = false;
  $('replaced').hidden = !lastSettlement.replaced;
  $('replaced').textContent = t('replaced');
  $('example-grade').hidden = !(s.parameters && s.parameters.grade === 'example');
  $('example-grade').textContent = t('exampleGrade');
  const parts = [
    ['fund', t('fund'), s.hifp_pay, 'var(--fund)'],
    ['own', t('ownAcct'), s.self_acct_pay, 'var(--own)'],
    ...s.mulaid_by_sharer.map((p) => [`sharer-${p.sharer}`, t('fromRelative')(nameOf(p.sharer)), p.amount, 'var(--family)']),
    ['cash', t('cash'), s.psn_cash_pay, 'var(--cash)'],
    ['hosp', t('hosp'), s.hosp_part_amt, 'var(--hosp)'],
  ];
  const total = fen(s.medfee_sumamt);
  $('chart').replaceChildren(...parts.map(([key, label, amount, color]) => {
    const pct = total > 0n ? Number((fen(amount) * 10000n) / total) / 100 : 0;
    return el('div', { className: 'row', dataset: { part: key, amount } },
      el('span', { textContent: label }),
      el('div', { className: 'track' }, el('div', { className: 'fill', style: `width:${pct}%;background:${color}` })),
      el('span', { className: 'amount', textContent: `${amount} ¥` }));
  }));
  const body = $('fields').tBodies[0];
  body.replaceChildren(...FIELDS.map(([f, zh, en]) => el('tr', { dataset: { field: f } },
    el('td', {}, el('code', { textContent: f })), el('td', { textContent: lang === 'zh' ? zh : en }), el('td', { className: 'num', textContent: s[f] }))));
  for (const p of s.mulaid_by_sharer) {
    body.append(el('tr', { dataset: { sharer: p.sharer } }, el('td', {}, el('code', { textContent: `mulaid_by_sharer[${p.sharer}]` })),
      el('td', { textContent: t('fromRelative')(nameOf(p.sharer)) }), el('td', { className: 'num', textContent: p.amount })));
  }
  $('trace').replaceChildren(...s.trace.map((step) => el('li', { textContent: `${step.rule}${step.field ? ' ' + step.field : ''}: ${lang === 'zh' ? step.zh : step.en}` })));
  labelCells();
}

function changed() {
  if (ledger) {
    ledger = null;
    showError('quota-error', 'ledgerReset');
  }
  renderEligibility();
  renderQuotas();
  renderPatients();
}

function renderAll() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const n of document.querySelectorAll('[data-t]')) n.textContent = t(n.dataset.t);
  $('lang').textContent = t('lang');
  const visit = $('visit').value || 'inpatient';
  $('visit').replaceChildren(...options(VISITS, visit));
  renderFamily();
  renderEligibility();
  renderQuotas();
  renderItems();
  renderResult();
  for (const id of Object.keys(errors)) renderError(id);
}

/** Each cell carries its column's heading, shown beside it when a narrow screen stacks the tables. */
function labelCells() {
  for (const table of document.querySelectorAll('table')) {
    const heads = [...table.tHead.rows[0].cells].map((c) => c.textContent);
    for (const row of table.tBodies[0].rows) [...row.cells].forEach((c, i) => { c.dataset.label = heads[i] || ''; });
  }
}

async function main() {
  try {
    await init();
  } catch (e) {
    $('load-error').textContent = T[lang].loadError + e;
    $('load-error').hidden = false;
    return;
  }
  book = embeddedPolicy();
  grants.father = '2000.00';
  $('lang').onclick = () => { lang = lang === 'zh' ? 'en' : 'zh'; renderAll(); };
  $('date').onchange = changed;
  $('add-person').onclick = () => {
    const n = family.length;
    family.push({ id: `p${n}-${Date.now() % 100000}`, name: lang === 'zh' ? `家人${n}` : `Relative ${n}`, relation: 'child', scheme: 'resident', region: sharer().region, balance: '0.00', retired: false });
    changed();
    renderFamily();
  };
  $('add-item').onclick = () => { items.push({ name: '', amount: '0.00', class: 'a', preselfpay_ratio: '', category: 'drug' }); renderItems(); };
  $('settle').onclick = doSettle;
  renderAll();
  document.body.dataset.ready = 'true';
}

main();
