import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Value } from 'typebox/value';
import {
  challenge,
  challengeReport,
  filterDismissed,
  listRules,
  RULES,
  runRules,
  silentAssumptionDrafts,
  validateDismissal,
} from '../../src/domain/challenger/index.ts';
import { defaultDimensions } from '../../src/domain/dimensions.ts';
import { RULE_WORDS, SEVERITIES, WEAKNESS_KIND_IDS } from '../../src/methodology/index.ts';
import { AssumptionFields, ChallengeReport, Finding, type Opportunity, RuleInfo } from '../../src/schema/index.ts';

const NOW = new Date('2026-11-15T12:00:00Z');
const dimensions = defaultDimensions();
const DIR = join(import.meta.dirname, '..', 'eval', 'cases');
const load = (name: string) =>
  (JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as { opportunity: Opportunity }).opportunity;
const all = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, opportunity: load(f.replace(/\.json$/, '')) }));

/** Follow a JSON pointer into a value. */
function at(value: unknown, pointer: string): unknown {
  let v = value;
  for (const part of pointer.split('/').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return v;
}

describe('the rule set', () => {
  it('has at least 25 rules with unique, stable ids of the form <kind>.<name>', () => {
    assert.ok(RULES.length >= 25, `${RULES.length} rules`);
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const w of RULE_WORDS) {
      assert.ok(w.id.startsWith(`${w.kind}.`), `${w.id} does not start with its kind`);
      assert.match(w.id, /^[a-z-]+\.[a-z0-9-]+$/);
    }
  });

  it('has words for every rule and a rule for every word', () => {
    assert.deepEqual(RULES.map((r) => r.id).sort(), RULE_WORDS.map((w) => w.id).sort());
  });

  it('covers every kind of weakness', () => {
    for (const kind of WEAKNESS_KIND_IDS)
      assert.ok(
        RULE_WORDS.some((w) => w.kind === kind),
        `no rule for ${kind}`,
      );
  });

  it('lists the rules for the API', () => {
    const rules = listRules();
    assert.equal(rules.length, RULES.length);
    for (const r of rules) assert.ok(Value.Check(RuleInfo, r), r.id);
  });
});

describe('findings', () => {
  const results = all.map((c) => ({ ...c, findings: runRules(c.opportunity, { dimensions, now: NOW }) }));

  it('match the Finding schema, with every placeholder filled', () => {
    let count = 0;
    for (const { name, findings } of results) {
      for (const f of findings) {
        count++;
        const errors = [...Value.Errors(Finding, f)].map((e) => `${e.instancePath} ${e.message}`);
        assert.deepEqual(errors, [], `${name}: ${f.id}`);
        assert.ok(!/\{\w+\}/.test(f.explanation + f.next), `${name}: ${f.id} has an unfilled placeholder`);
        assert.ok(!/undefined|NaN|\[object/.test(f.explanation + f.next), `${name}: ${f.id}: ${f.explanation}`);
        assert.equal(f.id, `${f.ruleId}:${f.subject}`);
      }
    }
    assert.ok(count > 50, `only ${count} findings across the cases`);
  });

  it('are sorted most severe first', () => {
    for (const { name, findings } of results) {
      const ranks = findings.map((f) => SEVERITIES.indexOf(f.severity));
      assert.deepEqual(
        ranks,
        [...ranks].sort((a, b) => a - b),
        name,
      );
    }
  });

  it('reference what they looked at, by paths that resolve', () => {
    for (const { name, opportunity, findings } of results) {
      for (const f of findings) {
        for (const r of f.references) {
          assert.match(r.path, /^\/[A-Za-z0-9/_.-]*$/, `${name}: ${f.id}: ${r.path}`);
          if (r.type === 'evidence' || r.type === 'assumption' || r.type === 'experiment') {
            // The path may point at a field of the item that is missing (where to add it): resolve the item.
            const item = r.path.split('/').slice(0, 3).join('/');
            const target = at(opportunity, item) as { ref?: string } | undefined;
            assert.ok(target, `${name}: ${f.id}: ${r.path} does not resolve`);
            if (target.ref !== undefined) assert.equal(target.ref, r.id, `${name}: ${f.id}: ${r.path}`);
          }
          if (r.type === 'assessment') assert.ok(at(opportunity, r.path) !== undefined, `${name}: ${r.path}`);
          if (r.type === 'dimension')
            assert.ok(
              opportunity.assessments?.some((a) => r.id in a.scores),
              `${name}: ${f.id}: ${r.id}`,
            );
        }
      }
    }
  });

  it('are deterministic', () => {
    const o = load('kitchen-sink-blockchain-loyalty');
    assert.deepEqual(runRules(o, { dimensions, now: NOW }), runRules(structuredClone(o), { dimensions, now: NOW }));
  });

  it('use the date passed in, never the clock', () => {
    const o = load('stale-permit-queue');
    const stale = (now: Date) => runRules(o, { dimensions, now }).some((f) => f.kind === 'stale-evidence');
    assert.equal(stale(NOW), true);
    assert.equal(stale(new Date('2023-09-01T00:00:00Z')), false);
  });

  it('use the workspace dimension names when they are renamed', () => {
    const renamed = dimensions.map((d) => (d.id === 'business-impact' ? { ...d, name: 'Money on the table' } : d));
    const f = runRules(load('disagreement-carbon-module'), { dimensions: renamed, now: NOW }).find(
      (x) => x.subject === 'business-impact',
    );
    assert.match(f!.explanation, /Money on the table/);
  });

  it('surface silent assumptions as drafts ready for the assumption map', () => {
    const drafts = silentAssumptionDrafts(
      runRules(load('silent-price-and-channel-works-council'), { dimensions, now: NOW }),
    );
    assert.deepEqual(
      drafts.map((d) => d.statement),
      [
        'Customers will pay EUR 39.00 a month.',
        'A channel exists that brings customers at a cost of about EUR 200.00 each.',
      ],
    );
    for (const d of drafts) {
      assert.ok(Value.Check(AssumptionFields, d));
      assert.equal(d.kind, 'silent');
    }
    const switching = silentAssumptionDrafts(
      runRules(load('silent-switching-flatmate-expenses'), { dimensions, now: NOW }),
    );
    assert.match(switching[0]!.statement, /People who use Splitwise today will switch/);
  });
});

describe('dismissals', () => {
  const o = load('kitchen-sink-blockchain-loyalty');
  const every = runRules(o, { dimensions, now: NOW });

  it('leave out every finding of a dismissed rule, or only the named subject', () => {
    const spread = every.filter((f) => f.ruleId === 'assessor-disagreement.dimension-spread');
    assert.equal(spread.length, 2);
    const byRule = challenge(o, {
      dimensions,
      now: NOW,
      dismissed: [{ ruleId: 'assessor-disagreement.dimension-spread', reason: 'We discussed it on 3 March' }],
    });
    assert.equal(byRule.length, every.length - 2);
    const bySubject = challenge(o, {
      dimensions,
      now: NOW,
      dismissed: [{ ruleId: 'assessor-disagreement.dimension-spread', subject: 'business-impact', reason: 'Settled' }],
    });
    assert.equal(bySubject.length, every.length - 1);
    assert.ok(bySubject.some((f) => f.id === 'assessor-disagreement.dimension-spread:certainty-of-demand'));
  });

  it('ignore a dismissal without a reason', () => {
    const { active } = filterDismissed(every, [{ ruleId: every[0]!.ruleId, reason: '   ' }]);
    assert.equal(active.length, every.length);
  });

  it('are reported apart, with the dismissal, in the challenge report', () => {
    const dismissal = {
      ruleId: 'market-top-down-only.top-down-sizing',
      reason: 'Sizing is done in the board pack',
      dismissedBy: 'Ana Ferreira',
      dismissedAt: '2026-11-14T09:00:00Z',
    };
    const stored = { ...dismissal, id: '0190a0b0-0000-7000-8000-000000000001', ideaId: 'x' };
    const report = challengeReport(o, { dimensions, now: NOW, dismissed: [stored] });
    assert.ok(Value.Check(ChallengeReport, report));
    // One finding per situation: the report groups what each rule found on several subjects.
    const rest = every.filter((f) => f.ruleId !== 'market-top-down-only.top-down-sizing');
    assert.equal(report.findings.length, new Set(rest.map((f) => f.ruleId)).size);
    assert.equal(report.dismissed.length, 1);
    assert.equal(report.dismissed[0]!.finding.ruleId, 'market-top-down-only.top-down-sizing');
    assert.deepEqual(report.dismissed[0]!.dismissal, dismissal);
    assert.equal(report.rulesRun, RULES.length);
    const total = report.counts.critical + report.counts.high + report.counts.medium + report.counts.low;
    assert.equal(total, report.findings.length);
    assert.equal(report.counts.critical, report.findings.filter((f) => f.severity === 'critical').length);
  });

  it('are checked before they are recorded', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(validateDismissal({ ruleId: 'vague-user.generic-segment', reason: ' ' }, ids).ok, false);
    assert.equal(validateDismissal({ ruleId: 'no-such.rule', reason: 'x' }, ids).ok, false);
    assert.equal(
      validateDismissal({ ruleId: 'vague-user.generic-segment', subject: 'frame.gap', reason: 'x' }, ids, every).ok,
      false,
    );
    const ok = validateDismissal(
      { ruleId: 'vague-user.generic-segment', subject: 'frame.who', reason: ' fine ' },
      ids,
      every,
    );
    assert.deepEqual(ok, {
      ok: true,
      value: { ruleId: 'vague-user.generic-segment', subject: 'frame.who', reason: 'fine' },
    });
  });
});
