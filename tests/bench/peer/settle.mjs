// The settlement rules S-1..S-8 and S-11 of docs/domain.md written as a mini-program team would write
// them: a plain JavaScript module on decimal.js, money from strings and back to two-place strings, never
// a JS number. It reads the same policy book (a JSON document) and takes the same settle request document,
// with items (an estimate) or the platform's pre-settlement (split mode); it returns the S-8 amounts.
// Validation of malformed input is left out: the peer is for valid bills.

import Decimal from 'decimal.js';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const ZERO = new D(0);
const fen = (d) => d.toDecimalPlaces(2, D.ROUND_HALF_UP); // S-10: half-up to the fen
const yuan = (d) => fen(d).toFixed(2);
const min = (a, b) => (a.lte(b) ? a : b);
const floor0 = (d) => (d.isNegative() ? ZERO : d);

// ---------------------------------------------------------------- the policy book (P-1, P-2)

/** A caller's book overlays the embedded one parameter by parameter (whole timelines), region by region. */
export function overlay(base, extra) {
  const out = JSON.parse(JSON.stringify(base));
  out.national = { ...out.national, ...(extra.national || {}) };
  out.regions = out.regions || {};
  for (const [code, region] of Object.entries(extra.regions || {})) {
    const mine = out.regions[code] || { params: {} };
    mine.params = { ...(mine.params || {}), ...(region.params || {}) };
    if (region.name) mine.name = region.name;
    out.regions[code] = mine;
  }
  return out;
}

/** City, then its province, then the national baseline. */
function chain(book, region) {
  const out = [];
  const city = book.regions?.[region];
  if (city) out.push(city.params || {});
  const province = region.slice(0, 2) + '0000';
  if (province !== region && book.regions?.[province]) out.push(book.regions[province].params || {});
  out.push(book.national || {});
  return out;
}

/** The value in force at `date`: the last dated entry from on or before it. */
function inForce(timeline, date) {
  let found;
  for (const entry of timeline || []) if (entry.from <= date) found = entry;
  return found;
}

function param(book, region, date, name) {
  for (const level of chain(book, region)) {
    const e = inForce(level[name], date);
    if (e) return e.value;
  }
  throw new Error(`no ${name} for ${region} on ${date}`);
}

/** S-2: the first benefit row that matches, most specific level first. */
function benefitRow(book, req) {
  const p = req.patient;
  const level = req.visit.level;
  for (const params of chain(book, p.region)) {
    const e = inForce(params.benefits, req.date);
    for (const row of e ? e.value : []) {
      if (row.scheme !== p.scheme || !row.visits.includes(req.visit.type)) continue;
      // A visit without a level (a pharmacy purchase) matches only rows that name no level.
      if (row.levels && row.levels.length && !(level != null && row.levels.includes(level))) continue;
      if (row.retired !== undefined && row.retired !== null && row.retired !== !!p.retired) continue;
      return row;
    }
  }
  throw new Error('NO_BENEFIT_RULE');
}

/** S-12: the first layer row of `fund` that matches at the most specific level with layers in force; or none. */
function layerRow(book, req, fund) {
  const p = req.patient;
  for (const params of chain(book, p.region)) {
    const e = inForce(params.layers, req.date);
    if (!e) continue;
    for (const row of e.value) {
      if (row.fund !== fund || row.scheme !== p.scheme || !row.visits.includes(req.visit.type)) continue;
      if (row.retired !== undefined && row.retired !== null && row.retired !== !!p.retired) continue;
      return row;
    }
    return null;
  }
  return null;
}

/** S-12: the out-of-area adjustment in force (the most specific level that has one), or null. */
function outOfArea(book, req) {
  for (const params of chain(book, req.patient.region)) {
    const e = inForce(params.out_of_area, req.date);
    if (e) return e.value;
  }
  return null;
}

/** S-12: the row with its ratios lowered by the out-of-area points, floored at zero. */
function adjusted(book, req, row) {
  const status = req.visit.out_of_area;
  const adj = status ? outOfArea(book, req) : null;
  if (!adj) return row;
  const points = new D(adj[status]);
  const lower = (r) => floor0(new D(r).minus(points)).toString();
  return { ...row, ratio: lower(row.ratio), bands: (row.bands || []).map((b) => ({ ...b, ratio: lower(b.ratio) })) };
}

const ratioText = (r) => r.toFixed(Math.max(2, r.decimalPlaces()));

// ---------------------------------------------------------------- stage A (S-1..S-3)

function splitItem(item, premium) {
  const amount = new D(item.amount);
  const s = { amount, full: ZERO, over: ZERO, pre: ZERO, inscp: ZERO };
  if (premium || item.class === 'c') {
    s.full = amount; // S-7 premiums and S-1 class C: all self-paid
    return s;
  }
  const within = item.price_limit ? min(amount, new D(item.price_limit)) : amount;
  s.over = amount.minus(within); // 超限价自费
  if (item.class === 'b') {
    s.pre = fen(within.times(item.preselfpay_ratio)); // 先行自付
    s.inscp = within.minus(s.pre);
  } else {
    s.inscp = within;
  }
  return s;
}

/** S-2 bands: the fund's exact share of [past, past + eligible), and the ratio reported. */
function banded(row, past, eligible) {
  const end = past.plus(eligible);
  const tiers = [];
  let lower = ZERO;
  let ratio = new D(row.ratio);
  for (const b of row.bands || []) {
    tiers.push([lower, new D(b.above), ratio]);
    lower = new D(b.above);
    ratio = new D(b.ratio);
  }
  tiers.push([lower, null, ratio]);
  let exact = ZERO;
  let reported = new D(row.ratio);
  for (const [lo, hi, r] of tiers) {
    if (lo.lte(past) && (hi === null || past.lt(hi))) reported = r;
    const top = hi === null ? end : min(hi, end);
    const seg = top.minus(lo.gt(past) ? lo : past);
    if (seg.gt(0)) {
      exact = exact.plus(seg.times(r));
      reported = r;
    }
  }
  return { exact, reported };
}

// ---------------------------------------------------------------- stage B (S-4..S-7)

const NON_MEDICAL = new Set(['health_product', 'cosmetic', 'daily_goods', 'cosmetic_surgery']);
const OPTIONAL = { vaccine: 'vaccine', checkup: 'checkup', huiminbao: 'huiminbao' };

/** S-5: oldest grant first, funds without a grant time after them, ties as listed; or as listed. */
function orderedFunds(req) {
  const funds = (req.funds || []).map((f, i) => ({ ...f, i }));
  if ((req.fund_order || 'oldest_grant') === 'as_listed') return funds;
  return funds.sort((a, b) => {
    const ka = a.granted_at ?? null;
    const kb = b.granted_at ?? null;
    if ((ka === null) !== (kb === null)) return ka === null ? 1 : -1;
    if (ka !== kb && ka !== null) return ka < kb ? -1 : 1;
    return a.i - b.i;
  });
}

/** S-12: the visits whose burden counts toward the layers, and the layers in paying order. */
const LAYER_VISITS = new Set(['inpatient', 'special_outpatient']);
const LAYERS = [['serious_illness', 'hifmi_pay', 'hifmi_paid'], ['large_expense', 'hifob_pay', 'hifob_paid']];

/** S-11: the funds besides the basic pooled fund, in the settlement's field order. */
export const OTHER_FUNDS = ['cvlserv_pay', 'hifes_pay', 'hifmi_pay', 'hifob_pay', 'maf_pay', 'oth_pay'];

/** S-11 split mode: the pre-settlement's figures stand for stage A; the year's totals move by them. */
function presettled(p, designated) {
  const m = (k) => new D(p[k] || '0');
  const dedc = m('act_pay_dedc');
  return {
    total: (k) => ({ amount: m('medfee_sumamt'), full: m('fulamt_ownpay_amt'), over: m('overlmt_selfpay'), pre: m('preselfpay_amt'), inscp: m('inscp_scp_amt') })[k],
    dedc,
    hifp: m('hifp_pay'),
    ratio: new D(p.pool_prop_selfpay),
    eligible: designated ? m('inscp_scp_amt').minus(dedc) : ZERO,
    others: Object.fromEntries(OTHER_FUNDS.map((k) => [k, m(k)])),
    hosp: m('hosp_part_amt'),
  };
}

/** Settles one bill: the S-8 amounts, each sharer's part, and the year's totals after. */
export function settle(book, req) {
  const premium = req.visit.type === 'premium';
  const designated = req.visit.designated !== false;
  const split = req.presettlement ? presettled(req.presettlement, designated) : null;
  const items = req.items || [];
  const splits = items.map((it) => splitItem(it, premium));
  const total = split ? split.total : (k) => splits.reduce((a, s) => a.plus(s[k]), ZERO);
  const medfee = total('amount');
  const acc = req.accumulators || {};
  const before = {
    deductible_met: new D(acc.deductible_met || '0'),
    fund_paid: new D(acc.fund_paid || '0'),
    outpatient_fund_paid: new D(acc.outpatient_fund_paid || '0'),
    in_scope_past_deductible: new D(acc.in_scope_past_deductible || '0'),
    admissions: acc.admissions || 0,
    layer_burden: new D(acc.layer_burden || '0'),
    hifmi_paid: new D(acc.hifmi_paid || '0'),
    hifob_paid: new D(acc.hifob_paid || '0'),
  };
  const inscp = total('inscp');
  let dedc = ZERO;
  let hifp = ZERO;
  let ratio = ZERO;
  let eligible = ZERO;
  const others = split ? split.others : Object.fromEntries(OTHER_FUNDS.map((k) => [k, ZERO]));
  let burden = ZERO;
  let pool = 'fund_paid';
  const hosp = split ? split.hosp : ZERO;
  if (split) {
    ({ dedc, hifp, ratio, eligible } = split);
    if (designated && LAYER_VISITS.has(req.visit.type)) burden = inscp.minus(hifp); // S-12 year totals
  } else if (!premium && designated) {
    const row = adjusted(book, req, benefitRow(book, req));
    if (row.later_deductible && req.visit.type === 'inpatient') {
      // S-12: a deductible per admission, lower from the second admission of the year.
      dedc = min(inscp, new D(before.admissions === 0 ? row.deductible : row.later_deductible));
    } else {
      const left = floor0(new D(row.deductible).minus(before.deductible_met));
      dedc = min(inscp, left); // S-2 deductible not yet met
    }
    eligible = inscp.minus(dedc);
    const { exact, reported } = banded(row, before.in_scope_past_deductible, eligible);
    ratio = reported;
    hifp = fen(exact);
    pool = row.outpatient_pool ? 'outpatient_fund_paid' : 'fund_paid'; // S-12: the outpatient pool's own cap
    if (row.cap) hifp = min(hifp, floor0(new D(row.cap).minus(before[pool]))); // S-2 cap
    if (LAYER_VISITS.has(req.visit.type)) {
      // S-12: 大病 then 大额 on the year's in-scope burden left after the basic fund, above their thresholds.
      burden = inscp.minus(hifp);
      let left = burden;
      for (const [fund, key, paidKey] of LAYERS) {
        const layer = layerRow(book, req, fund);
        if (!layer) continue;
        const t = new D(layer.threshold);
        const past = floor0(before.layer_burden.minus(t));
        const share = banded(layer, past, floor0(before.layer_burden.plus(burden).minus(t)).minus(past));
        let pays = min(fen(share.exact), left);
        if (layer.cap) pays = min(pays, floor0(new D(layer.cap).minus(before[paidKey])));
        others[key] = pays;
        left = left.minus(pays);
      }
    }
  }
  const region = req.patient.region;
  const pol = (name) => param(book, region, req.date, name);
  const funds = OTHER_FUNDS.reduce((a, k) => a.plus(others[k]), hifp);
  const psnPart = medfee.minus(funds).minus(hosp); // S-11

  // S-4 order: own account first (by default), then the funds, then cash.
  const payers = orderedFunds(req).map((f) => ({ key: f.sharer, left: new D(f.available), paid: ZERO }));
  const own = { key: null, left: new D(req.own_balance || '0'), paid: ZERO };
  const order = pol('own_account_first') ? [own, ...payers] : [...payers, own];
  const allowed = new Set(pol('accounts_pay_optional'));

  if (premium) {
    // S-7: each premium paid in full by one payer, never in part; else cash.
    for (const it of items) {
      const amount = new D(it.amount);
      if (amount.isZero()) continue;
      const use = OPTIONAL[it.category];
      if (use && !allowed.has(use)) continue;
      const payer = order.find((p) => p.left.gte(amount));
      if (payer) {
        payer.left = payer.left.minus(amount);
        payer.paid = payer.paid.plus(amount);
      }
    }
  } else if (designated) {
    // S-6: what accounts and sharing may pay.
    let payable = psnPart;
    const fullSelfPay = pol('accounts_pay_full_self_pay');
    // S-11: a pre-settlement knows its 全自费 only as a total.
    if (split && !fullSelfPay) payable = payable.minus(min(total('full'), psnPart));
    items.forEach((it, k) => {
      const full = splits[k].full;
      if (NON_MEDICAL.has(it.category)) payable = payable.minus(full);
      else if (OPTIONAL[it.category]) {
        if (!allowed.has(OPTIONAL[it.category])) payable = payable.minus(full);
      } else if (it.class === 'c' && !fullSelfPay) payable = payable.minus(full);
    });
    let left = payable;
    for (const p of order) {
      const pay = min(left, p.left);
      p.left = p.left.minus(pay);
      p.paid = p.paid.plus(pay);
      left = left.minus(pay);
    }
  }
  const mulaid = payers.reduce((a, p) => a.plus(p.paid), ZERO);
  const acct = own.paid.plus(mulaid);
  const includes = pol('fund_sum_includes_acct');
  return {
    medfee_sumamt: yuan(medfee),
    fulamt_ownpay_amt: yuan(total('full')),
    overlmt_selfpay: yuan(total('over')),
    preselfpay_amt: yuan(total('pre')),
    inscp_scp_amt: yuan(inscp),
    act_pay_dedc: yuan(dedc),
    hifp_pay: yuan(hifp),
    pool_prop_selfpay: ratioText(ratio),
    ...Object.fromEntries(OTHER_FUNDS.map((k) => [k, yuan(others[k])])),
    fund_pay_sumamt: yuan(includes ? funds.plus(acct) : funds),
    psn_part_amt: yuan(psnPart),
    acct_pay: yuan(acct),
    self_acct_pay: yuan(own.paid),
    acct_mulaid_pay: yuan(mulaid),
    psn_cash_pay: yuan(psnPart.minus(acct)),
    hosp_part_amt: yuan(hosp),
    balc: yuan(new D(req.own_balance || '0').minus(own.paid)),
    mulaid_by_sharer: payers.map((p) => ({ sharer: p.key, amount: yuan(p.paid) })),
    accumulators_after: {
      deductible_met: yuan(before.deductible_met.plus(dedc)),
      fund_paid: yuan(pool === 'fund_paid' ? before.fund_paid.plus(hifp) : before.fund_paid),
      outpatient_fund_paid: yuan(pool === 'fund_paid' ? before.outpatient_fund_paid : before.outpatient_fund_paid.plus(hifp)),
      in_scope_past_deductible: yuan(before.in_scope_past_deductible.plus(eligible)),
      admissions: before.admissions + (designated && req.visit.type === 'inpatient' ? 1 : 0),
      layer_burden: yuan(before.layer_burden.plus(burden)),
      hifmi_paid: yuan(before.hifmi_paid.plus(others.hifmi_pay)),
      hifob_paid: yuan(before.hifob_paid.plus(others.hifob_pay)),
    },
  };
}

/** The S-8 amount fields the peer computes, for comparing with the core's settlement document. */
export const FIELDS = [
  'medfee_sumamt', 'fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt',
  'act_pay_dedc', 'hifp_pay', 'pool_prop_selfpay', ...OTHER_FUNDS, 'fund_pay_sumamt', 'psn_part_amt', 'acct_pay',
  'self_acct_pay', 'acct_mulaid_pay', 'psn_cash_pay', 'hosp_part_amt', 'balc',
];
