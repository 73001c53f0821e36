import {
  CHALLENGE_THRESHOLDS,
  ECONOMICS_INPUT_NAMES,
  ECONOMICS_INPUTS,
  type EconomicsInput,
  type EconomicsScenario,
} from '../methodology/index.ts';
import type {
  BottomUpSizing,
  CacChannel,
  EconomicsFields,
  EconomicsReadout,
  MarketSizing,
  TopDownSizing,
  UnitEconomics,
} from '../schema/index.ts';

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

/**
 * The customers a blend of channels brings, weighted by the share of new customers each brings: Σ share × CAC
 * ÷ Σ share. Null without channels or when no channel brings anyone.
 */
export function blendedCac(channels: readonly CacChannel[] | undefined): number | null {
  const list = channels ?? [];
  const shares = list.reduce((s, c) => s + c.share, 0);
  if (list.length === 0 || shares <= 0) return null;
  return Math.round(list.reduce((s, c) => s + c.share * c.cac, 0) / shares);
}

/** Top-down TAM → SAM → SOM from a total and two shares. */
export function topDownFigures(t: TopDownSizing): { tam: number; sam: number | null; som: number | null } {
  const sam = t.samShare !== undefined ? Math.round(t.tam * t.samShare) : null;
  const som = sam !== null && t.somShare !== undefined ? Math.round(sam * t.somShare) : null;
  return { tam: t.tam, sam, som };
}

/** Bottom-up: buyers × price × purchases a year, in minor units a year. */
export const bottomUpAnnual = (b: BottomUpSizing): number => Math.round(b.buyers * b.price * b.frequencyPerYear);

/**
 * Economics as stored: the structured parts are the truth, and the flat figures every other reader uses (the
 * challenger, documents, exports) are derived from them here, so the two can never disagree. Channels give
 * the CAC; structured sizing gives TAM/SAM/SOM and the sizing methods.
 */
export function normaliseEconomics(e: EconomicsFields): EconomicsFields {
  const out: EconomicsFields = { ...e };
  const blended = blendedCac(e.cacChannels);
  if (blended !== null) out.cac = blended;
  const { topDown, bottomUp } = e.sizing ?? {};
  if (topDown) {
    const f = topDownFigures(topDown);
    out.tam = f.tam;
    if (f.sam !== null) out.sam = f.sam;
    else delete out.sam;
    if (f.som !== null) out.som = f.som;
    else delete out.som;
  }
  if (topDown || bottomUp) {
    // A stated "value-theory" stays; the other two follow what is actually there.
    const methods = (e.sizingMethod ?? []).filter((m) => m === 'value-theory');
    out.sizingMethod = [
      ...(topDown ? ['top-down' as const] : []),
      ...(bottomUp ? ['bottom-up' as const] : []),
      ...methods,
    ];
  }
  return out;
}

/** A scenario's inputs laid over the base: what it leaves out is the base figure. */
export function scenarioInputs(e: EconomicsFields, scenario: EconomicsScenario): EconomicsFields {
  const base: EconomicsFields = {
    ...(e.currency ? { currency: e.currency } : {}),
    ...(e.arpuMonthly !== undefined ? { arpuMonthly: e.arpuMonthly } : {}),
    ...(e.grossMargin !== undefined ? { grossMargin: e.grossMargin } : {}),
    ...(e.monthlyChurn !== undefined ? { monthlyChurn: e.monthlyChurn } : {}),
    ...(e.cac !== undefined ? { cac: e.cac } : {}),
  };
  if (scenario === 'base') return base;
  return { ...base, ...(e.scenarios?.[scenario] ?? {}) };
}

export const economicsInputName = (k: EconomicsInput): string => ECONOMICS_INPUT_NAMES[k];

/** Sizing side by side, with the ratio of top-down SAM (else TAM) to bottom-up. */
export function marketSizing(e: EconomicsFields | undefined | null): MarketSizing {
  const econ = e ?? {};
  const currency = econ.currency ?? null;
  const money = (n: number) => formatMoneyShort(n, currency);
  const explanation: string[] = [];
  const unsourced: string[] = [];
  const td = econ.sizing?.topDown;
  const bu = econ.sizing?.bottomUp;
  let topDown: MarketSizing['topDown'] = null;
  if (td) {
    topDown = topDownFigures(td);
    explanation.push(
      `Top-down: TAM ${money(td.tam)}` +
        (topDown.sam !== null ? ` × ${formatShare(td.samShare!)} = SAM ${money(topDown.sam)}` : '') +
        (topDown.som !== null ? ` × ${formatShare(td.somShare!)} = SOM ${money(topDown.som)}` : '') +
        '.',
    );
    if (!td.tamSource) unsourced.push('tam');
    if (td.samShare !== undefined && !td.samSource) unsourced.push('samShare');
    if (td.somShare !== undefined && !td.somSource) unsourced.push('somShare');
  } else if (econ.tam !== undefined) {
    topDown = { tam: econ.tam, sam: econ.sam ?? null, som: econ.som ?? null };
  }
  let bottomUp: MarketSizing['bottomUp'] = null;
  if (bu) {
    bottomUp = { annual: bottomUpAnnual(bu) };
    explanation.push(
      `Bottom-up: ${bu.buyers.toLocaleString('en-GB')} buyers × ${formatMoney(bu.price, currency)} × ` +
        `${bu.frequencyPerYear} a year = ${money(bottomUp.annual)} a year.`,
    );
    if (!bu.buyersSource) unsourced.push('buyers');
    if (!bu.priceSource) unsourced.push('price');
    if (!bu.frequencySource) unsourced.push('frequencyPerYear');
  }
  let ratio: number | null = null;
  const against = topDown ? (topDown.sam ?? topDown.tam) : null;
  if (against !== null && bottomUp && bottomUp.annual > 0) {
    ratio = round(against / bottomUp.annual);
    explanation.push(
      `Top-down ${topDown!.sam !== null ? 'SAM' : 'TAM'} is ${ratio} × the bottom-up figure` +
        (ratio > 3 || ratio < 1 / 3 ? ': the two ways disagree; find out which input is off.' : '.'),
    );
  }
  return { currency, topDown, bottomUp, ratio, methods: [...(econ.sizingMethod ?? [])], unsourced, explanation };
}

/** The three scenarios, the channels, what rests on assumptions, and the sizing. */
export function economicsReadout(e: EconomicsFields | undefined | null): EconomicsReadout {
  const econ = normaliseEconomics(e ?? {});
  const base = unitEconomics(scenarioInputs(econ, 'base'));
  const channels = (econ.cacChannels ?? []).map((c) => {
    const u = unitEconomics({ ...scenarioInputs(econ, 'base'), cac: c.cac });
    return { channel: c.channel, cac: c.cac, share: c.share, ltvToCac: u.ltvToCac, paybackMonths: u.paybackMonths };
  });
  const present = ECONOMICS_INPUTS.filter((k) => econ[k] !== undefined);
  return {
    scenarios: {
      pessimistic: unitEconomics(scenarioInputs(econ, 'pessimistic')),
      base,
      optimistic: unitEconomics(scenarioInputs(econ, 'optimistic')),
    },
    channels,
    blendedCac: blendedCac(econ.cacChannels),
    assumptions: present.filter((k) => econ.basis?.[k]?.kind === 'assumption'),
    unsourced: present.filter((k) => !econ.basis?.[k]),
    sizing: marketSizing(econ),
  };
}
