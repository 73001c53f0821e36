import { CHALLENGE_THRESHOLDS } from '../methodology/index.ts';
import type { EconomicsFields, UnitEconomics } from '../schema/index.ts';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Money in minor units as words: 12345 EUR -> "EUR 123.45"; no currency -> "123.45". */
export function formatMoney(minor: number, currency?: string | null): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100).toLocaleString('en-GB');
  const cents = String(Math.round(abs % 100)).padStart(2, '0');
  return `${sign}${currency ? `${currency} ` : ''}${whole}.${cents}`;
}

/** Large amounts in short form for market sizes: 20000000000000 USD -> "USD 200bn". */
export function formatMoneyShort(minor: number, currency?: string | null): string {
  const units = minor / 100;
  const abs = Math.abs(units);
  const [div, suffix] = abs >= 1e9 ? [1e9, 'bn'] : abs >= 1e6 ? [1e6, 'm'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
  const value = Math.round((units / div) * 10) / 10;
  return `${currency ? `${currency} ` : ''}${value.toLocaleString('en-GB')}${suffix}`;
}

export const formatShare = (share: number): string => `${round(share * 100, 1)} %`;

/**
 * Unit economics from what is known. Every figure is null when one of its inputs is missing, and `missing`
 * names them; nothing is guessed.
 * - contribution margin a month = ARPU × gross margin
 * - expected lifetime (months) = 1 ÷ monthly churn
 * - LTV = contribution margin a month × lifetime
 * - LTV/CAC; payback months = CAC ÷ contribution margin a month (never, when the margin is not positive)
 */
export function unitEconomics(e: EconomicsFields | undefined | null): UnitEconomics {
  const econ = e ?? {};
  const currency = econ.currency ?? null;
  const money = (n: number) => formatMoney(Math.round(n), currency);
  const missing: string[] = [];
  const problems: string[] = [];
  const explanation: string[] = [];

  const { arpuMonthly: arpu, grossMargin: margin, monthlyChurn: churn, cac } = econ;

  let contribution: number | null = null;
  if (arpu === undefined || margin === undefined) {
    if (arpu === undefined) missing.push('arpuMonthly');
    if (margin === undefined) missing.push('grossMargin');
  } else {
    contribution = Math.round(arpu * margin);
    explanation.push(
      `Contribution margin ${money(contribution)} a month = ARPU ${money(arpu)} × gross margin ${formatShare(margin)}.`,
    );
    if (contribution < 0) problems.push('negative-contribution-margin');
  }

  let lifetime: number | null = null;
  if (churn === undefined) missing.push('monthlyChurn');
  else if (churn > 0) {
    lifetime = round(1 / churn, 1);
    explanation.push(`Expected lifetime ${lifetime} months = 1 ÷ monthly churn ${formatShare(churn)}.`);
  } else {
    explanation.push('Monthly churn of 0 means customers never leave: no lifetime value can be computed from it.');
  }

  let ltv: number | null = null;
  if (contribution !== null && churn !== undefined && churn > 0) {
    ltv = Math.round(contribution / churn);
    explanation.push(
      `LTV ${money(ltv)} = contribution margin ${money(contribution)} ÷ monthly churn ${formatShare(churn)}.`,
    );
  }

  if (cac === undefined) missing.push('cac');
  let ltvToCac: number | null = null;
  if (ltv !== null && cac !== undefined && cac > 0) {
    ltvToCac = round(ltv / cac);
    explanation.push(`LTV/CAC ${ltvToCac} = LTV ${money(ltv)} ÷ CAC ${money(cac)}.`);
    if (ltvToCac < CHALLENGE_THRESHOLDS.ltvToCacMin) problems.push('ltv-cac-below-minimum');
  } else if (cac === 0) {
    explanation.push('A CAC of 0 means customers arrive for free: LTV/CAC and payback are not meaningful.');
  }

  let payback: number | null = null;
  let neverPaysBack = false;
  if (contribution !== null && cac !== undefined && cac > 0) {
    if (contribution > 0) {
      payback = round(cac / contribution, 1);
      explanation.push(`Payback ${payback} months = CAC ${money(cac)} ÷ contribution margin ${money(contribution)}.`);
      if (payback > CHALLENGE_THRESHOLDS.paybackMonthsMax) problems.push('payback-too-long');
    } else {
      neverPaysBack = true;
      problems.push('never-pays-back');
      explanation.push(`The CAC of ${money(cac)} never pays back: the contribution margin is not positive.`);
    }
  }

  return {
    currency,
    contributionMarginMonthly: contribution,
    expectedLifetimeMonths: lifetime,
    ltv,
    ltvToCac,
    paybackMonths: payback,
    neverPaysBack,
    missing: [...new Set(missing)],
    problems,
    explanation,
  };
}
