// Compiled with `tsc --noEmit` by `cargo xtask test-web`: the package's types accept the documents the
// core takes, and refuse money as a number or an unbranded string.
import init, { apply, checkEligibility, GongjiError, loadPolicy, money, settle, type Money, type SettleRequest } from 'gongji';
import { load } from 'gongji/wechat';

async function main(): Promise<void> {
  await init();
  const dad = { id: 'dad', scheme: 'resident', region: '370100', enrollment: 'active', wallet_opened: true } as const;
  const me = { id: 'me', scheme: 'employee', region: '110000', enrollment: 'active', wallet_opened: true } as const;
  const decision = checkEligibility({ date: '2025-07-02', mode: 'wallet', sharer: me, beneficiary: dad, kinship: 'parent', commitment_signed: true });
  const why: string[] = decision.failed.map((r) => r.message_zh);

  let { state } = apply({ state: { schema: 'gongji-wallet/1' }, command: { type: 'register_person', args: { person: me, balance: money('5000.00') } }, now: '2025-07-02T09:00' });
  state = apply({ state, command: { type: 'tick' }, now: '2025-07-02T09:01' }).state;
  const left: Money = state.accounts[0].balance;

  const request: SettleRequest = {
    reference: 'R1', date: '2025-07-02', patient: dad, visit: { type: 'inpatient', level: 2 },
    items: [{ name: '床位', amount: money('1200.00'), class: 'a', category: 'service' }],
    funds: [{ sharer: 'me', mode: 'wallet', available: left }],
  };
  try {
    const s = settle(request, loadPolicy({ schema: 'gongji-policy/1', extends: 'embedded', national: {} }));
    const cash: Money = s.psn_cash_pay;
    const parts: Money[] = s.mulaid_by_sharer.map((p) => p.amount);
    void [cash, parts, why];
  } catch (e) {
    if (e instanceof GongjiError) {
      const shown: string = `${e.code} ${e.rule ?? ''} ${e.field} ${e.messageZh} ${e.messageEn}`;
      void shown;
    }
  }

  // @ts-expect-error money is never a number
  const bad1: SettleRequest['items'][0] = { name: 'x', amount: 12.5, category: 'drug' };
  // @ts-expect-error nor an unbranded string
  const bad2: Money = '12.50';
  // @ts-expect-error unknown kinship
  checkEligibility({ date: '2025-07-02', mode: 'wallet', sharer: me, beneficiary: dad, kinship: 'cousin' });
  void [bad1, bad2];

  const wx = await load('/miniprogram_npm/gongji/gongji_bg.wasm.br');
  const d2 = wx.checkEligibility({ date: '2025-07-02', mode: 'in_province', sharer: me, beneficiary: dad, kinship: 'parent' });
  void d2.allowed;
}
void main;
