import nlp from 'compromise';
import { CHALLENGE_THRESHOLDS, CHALLENGE_WORDS } from '../../../methodology/index.ts';
import { formatMoney, formatMoneyShort, formatShare } from '../../economics.ts';
import { listWords, quote, type Rule, refs } from '../facts.ts';

export const economicsRules: Rule[] = [
  {
    id: 'economics-unviable.ltv-cac-below-3',
    check(f) {
      const u = f.economics;
      const e = f.opp.economics;
      if (!u || !e || u.ltvToCac === null || u.ltvToCac >= CHALLENGE_THRESHOLDS.ltvToCacMin) return [];
      // With a negative margin the ratio is meaningless; the negative-margin finding says what matters.
      if ((u.contributionMarginMonthly ?? 0) < 0) return [];
      const money = (n: number) => formatMoney(n, e.currency);
      return [
        {
          subject: 'economics.ltvToCac',
          severity: u.ltvToCac < 1 ? 'critical' : 'high',
          vars: {
            ltv: money(u.ltv ?? 0),
            arpu: money(e.arpuMonthly ?? 0),
            margin: formatShare(e.grossMargin ?? 0),
            churn: formatShare(e.monthlyChurn ?? 0),
            cac: money(e.cac ?? 0),
            ratio: u.ltvToCac,
            min: CHALLENGE_THRESHOLDS.ltvToCacMin,
          },
          references: ['arpuMonthly', 'grossMargin', 'monthlyChurn', 'cac'].map(refs.economics),
          data: { ltv: u.ltv, cac: e.cac ?? null, ltvToCac: u.ltvToCac },
        },
      ];
    },
  },
  {
    id: 'economics-unviable.payback-too-long',
    check(f) {
      const u = f.economics;
      const e = f.opp.economics;
      if (!u || !e || u.contributionMarginMonthly === null || e.cac === undefined) return [];
      const tooLong = u.paybackMonths !== null && u.paybackMonths > CHALLENGE_THRESHOLDS.paybackMonthsMax;
      const never = u.neverPaysBack && u.contributionMarginMonthly === 0;
      if (!tooLong && !never) return [];
      return [
        {
          subject: 'economics.payback',
          severity: never || (u.paybackMonths ?? 0) > 2 * CHALLENGE_THRESHOLDS.paybackMonthsMax ? 'high' : 'medium',
          vars: {
            cac: formatMoney(e.cac, e.currency),
            contribution: formatMoney(u.contributionMarginMonthly, e.currency),
            months: never ? 'for ever' : String(u.paybackMonths),
            max: CHALLENGE_THRESHOLDS.paybackMonthsMax,
          },
          references: ['cac', 'arpuMonthly', 'grossMargin'].map(refs.economics),
          data: { paybackMonths: u.paybackMonths, neverPaysBack: u.neverPaysBack },
        },
      ];
    },
  },
  {
    id: 'economics-unviable.negative-contribution-margin',
    check(f) {
      const u = f.economics;
      const e = f.opp.economics;
      if (!u || !e || u.contributionMarginMonthly === null || u.contributionMarginMonthly >= 0) return [];
      return [
        {
          subject: 'economics.contributionMargin',
          vars: {
            arpu: formatMoney(e.arpuMonthly ?? 0, e.currency),
            margin: formatShare(e.grossMargin ?? 0),
            contribution: formatMoney(u.contributionMarginMonthly, e.currency),
          },
          references: [refs.economics('grossMargin'), refs.economics('arpuMonthly')],
          data: { contributionMarginMonthly: u.contributionMarginMonthly },
        },
      ];
    },
  },
  {
    id: 'market-top-down-only.top-down-sizing',
    check(f) {
      const e = f.opp.economics;
      const methods = e?.sizingMethod ?? [];
      if (!e || methods.length === 0 || methods.some((m) => m !== 'top-down')) return [];
      const money = (n: number) => formatMoneyShort(n, e.currency);
      const figures = (['tam', 'sam', 'som'] as const).flatMap((k) =>
        e[k] !== undefined ? [`${k.toUpperCase()} ${money(e[k]!)}`] : [],
      );
      const headline = e.som ?? e.sam ?? e.tam;
      return [
        {
          subject: 'economics.sizingMethod',
          vars: {
            figures: figures.length ? ` (${listWords(figures)})` : '',
            figure: headline !== undefined ? money(headline) : 'the market figure',
          },
          references: [
            refs.economics('sizingMethod'),
            ...(['tam', 'sam', 'som'] as const).filter((k) => e[k] !== undefined).map(refs.economics),
          ],
          data: { sizingMethod: methods.join(',') },
        },
      ];
    },
  },
  {
    id: 'market-top-down-only.share-of-big-number',
    check(f) {
      const e = f.opp.economics;
      if (!e) return [];
      const methods = e.sizingMethod ?? [];
      if (methods.length > 0 && methods.every((m) => m === 'top-down')) return []; // the top-down finding says it
      if (e.tam === undefined && e.sam === undefined && e.som === undefined) return [];
      const money = (n: number) => formatMoneyShort(n, e.currency);
      // A bottom-up figure shows its arithmetic: a count of customers times a price.
      const arithmetic = e.notes !== undefined && /\d[\d,.]*\s*(?:×|x|\*)\s*\S*\d/i.test(e.notes);
      let why: string | null = null;
      if (e.notes && !arithmetic) {
        const doc = nlp(e.notes);
        for (const pattern of CHALLENGE_WORDS.shareOfMarketPatterns) {
          const m = doc.match(pattern);
          if (m.found) {
            why = `the notes reason from a share of a bigger market ("${quote(e.notes, 110)}", matched "${m.text()}")`;
            break;
          }
        }
      }
      if (!why && methods.length === 0 && e.tam !== undefined && e.sam === undefined && e.som === undefined) {
        why = `only a TAM of ${money(e.tam)} is given: a total for the whole market, not what you can win`;
      }
      if (!why) return [];
      return [
        {
          subject: 'economics.market',
          vars: {
            method: methods.length
              ? `The sizing method says ${listWords(methods)}, yet no customers × price calculation is shown`
              : 'No sizing method is given',
            why,
          },
          references: [refs.economics('sizingMethod'), refs.economics('notes')],
          data: { tam: e.tam ?? null, sam: e.sam ?? null, som: e.som ?? null, sizingMethod: methods.join(',') || null },
        },
      ];
    },
  },
];
