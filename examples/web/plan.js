// The family-year planner page (PL-1). The plan — the grants to make, and every expected bill simulated
// month by month through the eligibility, ledger and settlement rules — comes from the gongji package's
// `plan`; this file only gathers the family and its expected care, and draws what comes back. Money stays
// a decimal string: typed as text, shown as returned.
import init, { plan, embeddedPolicy, GongjiError } from '../../pkg/web.js';

const T = {
  zh: {
    title: '共济规划：一年里给谁授予多少额度', back: '← 共济计算器', year: '年度', lang: 'English',
    intro: '填写本人的个人账户和家人预计的就医、缴费，gongji 按真实规则逐月模拟每一笔预计账单，给出建议的授予时间和金额，并在留足本人备用金的前提下尽量让家人少付现金。',
    sharer: '① 共济人（本人）', region: '统筹区', balance: '1 月 1 日个人账户余额（元）', credit: '每月划入（元）',
    own: '本人每月自用（元）', reserve: '给自己留足', family: '② 家人和预计就医', name: '称呼', relation: '关系',
    scheme: '参保类型', rregion: '统筹区', monthly: '每月门诊/药费（元）', stay: '住院（月份 / 金额）',
    premium: '居民医保缴费（月份 / 金额）', add: '添加家人', plan: '规划', remove: '删除', grants: '③ 建议这样授予',
    months: '④ 每月谁来付', employee: '职工医保', resident: '居民医保', none: '无', month: (m) => `${m}月`,
    estimateNote: '按政策书中的参数估算；标为示例的参数（示例参数，仅供参考）不是某地的正式标准。',
    grantLine: (m, who, amt) => `${m}月 给${who}授予 ${amt} 元`, noGrants: '不需要授予额度（省内共济在结算时直接从本人账户支付，或没有需要共济的费用）。',
    summary: (g, c, a) => `全年授予 ${g} 元；家人现金支出 ${c} 元，比不共济少付 ${a} 元。`,
    fund: '统筹基金', ownAcct: '本人个账', familyPaid: '家人共济', cash: '现金', medfee: '费用', balanceAfter: '共济人余额', reserveLine: '备用金',
    reserveRatio: '地区建议比例（30%）', reserveMonths: (n) => `${n} 个月的自用`,
    W: {
      RESERVE_BREACHED: '余额低于备用金', RELATIVE_NOT_ELIGIBLE: '不能与这位家人共济', QUOTA_UNSPENT_AT_YEAR_END: '年底仍有未用完的额度（可收回）',
      TRANSFER_LIMIT: '转账次数或单笔限额影响了授予安排', COVER_SHORT: '无法全部覆盖', GRANT_REFUSED: '这笔授予会被拒绝',
    },
    plainError: '请检查输入：',
  },
  en: {
    title: 'Family-year planner: how much to grant to whom, and when', back: '← the calculator', year: 'Year', lang: '中文',
    intro: 'Enter your personal account and your family\'s expected care and premiums. gongji simulates every expected bill month by month with the real rules and recommends when and how much to grant, so your family pays as little cash as possible while you keep your reserve.',
    sharer: '① The sharer (you)', region: 'Pooling region', balance: 'Account balance on 1 January (yuan)', credit: 'Credited each month (yuan)',
    own: 'Your own spending a month (yuan)', reserve: 'Keep for yourself', family: '② Family and expected care', name: 'Name', relation: 'Relation',
    scheme: 'Scheme', rregion: 'Pooling region', monthly: 'Outpatient / drugs a month (yuan)', stay: 'Hospital stay (month / amount)',
    premium: 'Resident premium (month / amount)', add: 'Add a relative', plan: 'Plan', remove: 'Remove', grants: '③ Grant like this',
    months: '④ Who pays each month', employee: 'Employee', resident: 'Resident', none: 'none', month: (m) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1],
    estimateNote: 'Estimated with the policy book\'s parameters; values marked example (example parameters, for reference only) are not a region\'s official figures.',
    grantLine: (m, who, amt) => `${m}: grant ${amt} yuan to ${who}`, noGrants: 'No grant needed (in-province sharing is charged to your account at settlement, or nothing needs sharing).',
    summary: (g, c, a) => `Granted over the year: ${g} yuan; your family pays ${c} yuan in cash, ${a} yuan less than without sharing.`,
    fund: 'Pooled fund', ownAcct: 'Own account', familyPaid: 'Family sharing', cash: 'Cash', medfee: 'Fees', balanceAfter: 'Sharer\'s balance', reserveLine: 'Reserve',
    reserveRatio: 'the region\'s advice (30 %)', reserveMonths: (n) => `${n} months of own spending`,
    W: {
      RESERVE_BREACHED: 'balance below the reserve', RELATIVE_NOT_ELIGIBLE: 'cannot share with this relative', QUOTA_UNSPENT_AT_YEAR_END: 'quota left unspent at the year end (it can be revoked)',
      TRANSFER_LIMIT: 'the transfer limits shaped the schedule', COVER_SHORT: 'cannot cover everything', GRANT_REFUSED: 'this grant would be refused',
    },
    plainError: 'Please check the input: ',
  },
};
const KINSHIPS = {
  spouse: ['配偶', 'spouse'], parent: ['父母', 'parent'], child: ['子女', 'child'], sibling: ['兄弟姐妹', 'sibling'],
  paternal_grandparent: ['祖父母', 'paternal grandparent'], maternal_grandparent: ['外祖父母', 'maternal grandparent'],
};
const PARTS = [['fund', 'var(--fund)'], ['own_account', 'var(--own)'], ['family', 'var(--family)'], ['cash', 'var(--cash)']];

let lang = 'zh';
let book;
let last = null;
let lastError = null;
const $ = (id) => document.getElementById(id);
const t = (k) => T[lang][k];
const pick = (pair) => (lang === 'zh' ? pair[0] : pair[1]);
const el = (tag, props = {}, ...kids) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...kids);
  return e;
};

// The sample family: 小明 in Beijing, his parents in Jinan (another province: the wallet), his wife in Beijing.
const relatives = [
  { id: 'dad', name: '父亲', kinship: 'parent', scheme: 'resident', region: '370100', monthly: '100.00', stayMonth: '', stay: '', premMonth: '', prem: '' },
  { id: 'mum', name: '母亲', kinship: 'parent', scheme: 'resident', region: '370100', monthly: '', stayMonth: '6', stay: '2300.00', premMonth: '12', prem: '380.00' },
  { id: 'wife', name: '妻子', kinship: 'spouse', scheme: 'resident', region: '110000', monthly: '50.00', stayMonth: '', stay: '', premMonth: '', prem: '' },
];

const province = (region) => region.slice(0, 2);

/** The plan document from the form (PL-1 input); amounts pass as typed, the core checks them. */
function request() {
  const sharerRegion = $('s-region').value;
  const reserve = $('s-reserve').value === 'ratio' ? { rule: 'advice_ratio' } : { rule: 'own_months', months: Number($('s-reserve').value) };
  const care = [];
  const premiums = [];
  for (const r of relatives) {
    const item = (name, amount) => ({ name, amount, class: 'a', category: name === 'drug' ? 'drug' : 'service' });
    if (r.monthly) care.push({ patient: r.id, every_month: true, visit: { type: 'outpatient', level: 1 }, items: [item('drug', r.monthly)] });
    if (r.stay) care.push({ patient: r.id, month: Number(r.stayMonth), visit: { type: 'inpatient', level: 2 }, items: [item('stay', r.stay)] });
    if (r.prem) premiums.push({ person: r.id, month: Number(r.premMonth), amount: r.prem });
  }
  return {
    year: Number($('year').value),
    estimate: true,
    sharers: [{ person: { id: 'me', scheme: 'employee', region: sharerRegion, enrollment: 'active', wallet_opened: true },
      balance: $('s-balance').value, monthly_credit: $('s-credit').value, own_spending: $('s-own').value }],
    family: relatives.map((r) => ({
      person: { id: r.id, scheme: r.scheme, region: r.region, enrollment: 'active', wallet_opened: true },
      kinship: r.kinship,
      mode: province(r.region) === province(sharerRegion) ? 'in_province' : 'wallet',
    })),
    care, premiums, reserve,
  };
}

const nameOf = (id) => (id === 'me' ? (lang === 'zh' ? '本人' : 'you') : (relatives.find((r) => r.id === id) || { name: id }).name);

function renderForm() {
  const regions = Object.entries(book.regions).map(([code, r]) => [code, `${r.name} ${code}`]);
  const options = (list, value) => list.map(([v, text]) => el('option', { value: v, textContent: text, selected: v === value }));
  if (!$('s-region').options.length) $('s-region').append(...options(regions, '110000'));
  const reserveValue = $('s-reserve').value || '6';
  $('s-reserve').replaceChildren(...options([['ratio', t('reserveRatio')], ['3', t('reserveMonths')(3)], ['6', t('reserveMonths')(6)]], reserveValue));
  const input = (r, key, cls = 'money') => {
    const i = el('input', { type: 'text', className: cls, value: r[key] });
    i.oninput = () => { r[key] = i.value.trim(); };
    return i;
  };
  const select = (r, key, list) => {
    const s = el('select', {}, ...options(list, r[key]));
    s.onchange = () => { r[key] = s.value; };
    return s;
  };
  $('relatives').tBodies[0].replaceChildren(...relatives.map((r, i) => el('tr', {},
    el('td', {}, input(r, 'name', '')),
    el('td', {}, select(r, 'kinship', Object.entries(KINSHIPS).map(([k, v]) => [k, pick(v)]))),
    el('td', {}, select(r, 'scheme', [['resident', t('resident')], ['employee', t('employee')]])),
    el('td', {}, select(r, 'region', regions)),
    el('td', {}, input(r, 'monthly')),
    el('td', {}, el('span', { className: 'pair' }, input(r, 'stayMonth', 'month'), input(r, 'stay'))),
    el('td', {}, el('span', { className: 'pair' }, input(r, 'premMonth', 'month'), input(r, 'prem'))),
    el('td', {}, Object.assign(el('button', { type: 'button', textContent: t('remove') }), { onclick: () => { relatives.splice(i, 1); renderForm(); } })),
  )));
  const heads = [...$('relatives').tHead.rows[0].cells].map((c) => c.textContent);
  for (const row of $('relatives').tBodies[0].rows) [...row.cells].forEach((c, i) => { c.dataset.label = heads[i] || ''; });
}

/** A stacked bar a month (fund, own account, family sharing, cash) and the sharer's balance as a line. */
function renderChart(sc) {
  const svg = $('month-chart');
  const ns = 'http://www.w3.org/2000/svg';
  const node = (tag, attrs) => { const n = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v); return n; };
  const W = 360;
  const H = 200;
  const top = Math.max(1, ...sc.months.map((m) => Number(m.paid.medfee)));
  const step = W / 12;
  const kids = [];
  sc.months.forEach((m, i) => {
    let y = H - 16;
    for (const [part, color] of PARTS) {
      const h = (Number(m.paid[part]) / top) * (H - 30);
      if (h <= 0) continue;
      y -= h;
      kids.push(node('rect', { x: (i * step + 3).toFixed(1), y: y.toFixed(1), width: (step - 6).toFixed(1), height: h.toFixed(1), style: `fill:${color}`, 'data-part': part }));
    }
    const label = node('text', { x: (i * step + step / 2).toFixed(1), y: H - 3, 'font-size': 9, 'text-anchor': 'middle', fill: '#555' });
    label.textContent = String(m.month);
    kids.push(label);
  });
  svg.replaceChildren(...kids);
  svg.setAttribute('aria-label', t('months'));
  $('legend').replaceChildren(...PARTS.map(([part, color]) => el('span', { className: 'key' },
    Object.assign(el('i'), { style: `background:${color}` }), ` ${t({ fund: 'fund', own_account: 'ownAcct', family: 'familyPaid', cash: 'cash' }[part])}`)));
  const cols = ['month', 'medfee', 'fund', 'own_account', 'family', 'cash', 'balance'];
  const heads = [lang === 'zh' ? '月份' : 'Month', t('medfee'), t('fund'), t('ownAcct'), t('familyPaid'), t('cash'), t('balanceAfter')];
  $('month-table').tHead.replaceChildren(el('tr', {}, ...heads.map((h) => el('th', { textContent: h }))));
  $('month-table').tBodies[0].replaceChildren(...sc.months.map((m) => el('tr', {}, ...cols.map((c, i) => {
    const v = c === 'month' ? t('month')(m.month) : c === 'balance' ? (m.sharers[0] || {}).balance : m.paid[c];
    return el('td', { className: i ? 'num' : '', textContent: v });
  }))));
  for (const row of $('month-table').tBodies[0].rows) [...row.cells].forEach((c, i) => { c.dataset.label = heads[i]; });
}

function renderResult() {
  const p = last;
  $('result').hidden = !p;
  if (!p) return;
  const expected = p.scenarios.find((s) => s.scenario === 'expected') || p.scenarios[0];
  $('grant-list').replaceChildren(...(p.grants.length
    ? p.grants.map((g) => el('li', { className: 'yes', textContent: t('grantLine')(t('month')(g.month), nameOf(g.relative), g.amount) }))
    : [el('li', { textContent: t('noGrants') })]));
  $('summary').textContent = t('summary')(expected.totals.granted, expected.totals.paid.cash, expected.cash_avoided);
  $('warnings').replaceChildren(...p.warnings.map((w) => el('li', { className: 'note',
    textContent: `${w.rule} ${t('W')[w.code] || w.code}${w.relative ? ' · ' + nameOf(w.relative) : ''}${w.month ? ' · ' + t('month')(w.month) : ''}${w.amount ? ' · ' + w.amount : ''}${w.reasons && w.reasons.length ? ' (' + w.reasons.join(', ') + ')' : ''}` })));
  renderChart(expected);
}

function renderError() {
  $('plan-error').hidden = !lastError;
  if (!lastError) return;
  const e = lastError;
  $('plan-error').textContent = e instanceof GongjiError
    ? `${t('plainError')}${lang === 'zh' ? e.messageZh : e.messageEn}${e.field ? ` (${e.field})` : ''}` : String(e);
}

function renderAll() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const n of document.querySelectorAll('[data-t]')) {
    const v = t(n.dataset.t);
    if (typeof v === 'string') n.textContent = v;
  }
  $('lang').textContent = t('lang');
  renderForm();
  renderResult();
  renderError();
}

function run() {
  try {
    last = plan(request());
    lastError = null;
  } catch (e) {
    last = null;
    lastError = e;
  }
  renderResult();
  renderError();
}

async function main() {
  try {
    await init();
  } catch (e) {
    $('load-error').textContent = String(e);
    $('load-error').hidden = false;
    return;
  }
  book = embeddedPolicy();
  $('lang').onclick = () => { lang = lang === 'zh' ? 'en' : 'zh'; renderAll(); };
  $('add').onclick = () => {
    relatives.push({ id: `r${relatives.length}-${Date.now() % 100000}`, name: lang === 'zh' ? '家人' : 'relative', kinship: 'child', scheme: 'resident', region: $('s-region').value || '110000', monthly: '', stayMonth: '', stay: '', premMonth: '', prem: '' });
    renderForm();
  };
  $('plan').onclick = run;
  renderAll();
  run();
}

main();
