import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMoney, formatMoneyShort, unitEconomics } from '../../src/domain/economics.ts';

describe('unit economics', () => {
  it('computes contribution margin, lifetime, LTV, LTV/CAC and payback', () => {
    // EUR 100.00 a month at 80 % margin, 4 % monthly churn, CAC EUR 600.00
    const u = unitEconomics({
      currency: 'EUR',
      arpuMonthly: 10_000,
      grossMargin: 0.8,
      monthlyChurn: 0.04,
      cac: 60_000,
    });
    assert.equal(u.contributionMarginMonthly, 8_000);
    assert.equal(u.expectedLifetimeMonths, 25);
    assert.equal(u.ltv, 200_000);
    assert.equal(u.ltvToCac, 3.33);
    assert.equal(u.paybackMonths, 7.5);
    assert.equal(u.neverPaysBack, false);
    assert.deepEqual(u.missing, []);
    assert.deepEqual(u.problems, []);
    assert.ok(u.explanation.some((e) => e.includes('LTV/CAC 3.33')));
  });

  it('names the thresholds the figures break', () => {
    const low = unitEconomics({ arpuMonthly: 5_000, grossMargin: 0.5, monthlyChurn: 0.1, cac: 10_000 });
    assert.equal(low.ltvToCac, 2.5);
    assert.ok(low.problems.includes('ltv-cac-below-minimum'));
    const slow = unitEconomics({ arpuMonthly: 10_000, grossMargin: 0.5, monthlyChurn: 0.01, cac: 100_000 });
    assert.equal(slow.paybackMonths, 20);
    assert.ok(slow.problems.includes('payback-too-long'));
    assert.ok(!slow.problems.includes('ltv-cac-below-minimum'));
  });

  it('never pays back with a negative margin, and says so', () => {
    const u = unitEconomics({ arpuMonthly: 2_500, grossMargin: -0.12, monthlyChurn: 0.1, cac: 1_500 });
    assert.equal(u.contributionMarginMonthly, -300);
    assert.equal(u.paybackMonths, null);
    assert.equal(u.neverPaysBack, true);
    assert.ok(u.problems.includes('negative-contribution-margin'));
    assert.ok(u.problems.includes('never-pays-back'));
  });

  it('guesses nothing: missing inputs give null figures and are named', () => {
    const u = unitEconomics({ arpuMonthly: 1_000, cac: 5_000 });
    assert.equal(u.contributionMarginMonthly, null);
    assert.equal(u.ltv, null);
    assert.equal(u.ltvToCac, null);
    assert.equal(u.paybackMonths, null);
    assert.deepEqual(u.missing.sort(), ['grossMargin', 'monthlyChurn']);
    assert.deepEqual(unitEconomics(undefined).missing.sort(), ['arpuMonthly', 'cac', 'grossMargin', 'monthlyChurn']);
  });

  it('does not divide by zero churn or zero CAC', () => {
    const u = unitEconomics({ arpuMonthly: 1_000, grossMargin: 0.5, monthlyChurn: 0, cac: 0 });
    assert.equal(u.ltv, null);
    assert.equal(u.expectedLifetimeMonths, null);
    assert.equal(u.ltvToCac, null);
    assert.equal(u.paybackMonths, null);
    assert.ok(u.explanation.some((e) => e.includes('never leave')));
    assert.ok(u.explanation.some((e) => e.includes('CAC of 0')));
  });

  it('formats money in minor units', () => {
    assert.equal(formatMoney(123_456, 'EUR'), 'EUR 1,234.56');
    assert.equal(formatMoney(-300, 'EUR'), '-EUR 3.00');
    assert.equal(formatMoney(5), '0.05');
    assert.equal(formatMoneyShort(20_000_000_000_000, 'USD'), 'USD 200bn');
    assert.equal(formatMoneyShort(250_000_000, 'EUR'), 'EUR 2.5m');
  });
});
