// Settles one bill through the gongji package and shows who pays what, in the national field names.
// Money stays a decimal string from input to display. A page that shows the amounts only asks for the
// summary (settleSummary: the same amounts as settle, without the per-line split, the ledger commands
// and the trace), which is several times smaller and faster to pass back.
const LABELS = [
  ['medfee_sumamt', '医疗费总额'],
  ['hifp_pay', '统筹基金支出'],
  ['self_acct_pay', '本人个账'],
  ['acct_mulaid_pay', '共济账户支付'],
  ['psn_cash_pay', '个人现金支出'],
];

Page({
  data: { rows: [], error: '' },

  onLoad() {
    getApp().gongji
      .then((gongji) => {
        const s = gongji.settleSummary({
          reference: 'MP-2025-0702-001',
          date: '2025-07-02',
          estimate: true,
          patient: { id: 'father', scheme: 'resident', region: '370100', enrollment: 'active', wallet_opened: true, retired: true },
          visit: { type: 'inpatient', level: 2, designated: true },
          items: [
            { name: '床位及诊疗', amount: '1200.00', class: 'a', category: 'service' },
            { name: '乙类药品', amount: '800.00', class: 'b', preselfpay_ratio: '0.10', category: 'drug' },
            { name: '自费药品', amount: '300.00', class: 'c', category: 'drug' },
          ],
          funds: [{ sharer: 'xiaoming', mode: 'wallet', available: '2000.00', granted_at: '2025-07-01T09:00' }],
        });
        this.setData({ rows: LABELS.map(([field, label]) => ({ field, label, amount: s[field] })) });
      })
      .catch((e) => {
        // A GongjiError carries the code, the rule and both messages.
        this.setData({ error: e.messageZh ? `${e.code}：${e.messageZh}` : String(e) });
      });
  },
});
