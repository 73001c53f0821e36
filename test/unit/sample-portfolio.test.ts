import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { transition } from '../../src/domain/stages.ts';
import { DIMENSIONS, EVIDENCE_STRENGTHS, STAGE_IDS, type StageId } from '../../src/methodology/index.ts';
import { loadSamplePortfolio, SAMPLE_SLUG, samplePortfolioPath } from '../../src/sample/index.ts';
import type { Opportunity, Portfolio } from '../../src/schema/opportunity.ts';

/** "Today" in the sample's story; evidence older than a year before it is stale. */
const TODAY = '2026-11-23';
const EARLIEST_EVIDENCE = '2024-06-01';

const sample = loadSamplePortfolio();
const stageOf = (o: Opportunity): StageId => o.idea.stage ?? 'discovery';
const label = (o: Opportunity) => `"${o.idea.title}"`;
const dimensionIds = new Set(DIMENSIONS.map((d) => d.id));

// Each check returns the problems it finds, so the same code is shown to pass on the sample and to fail on a
// deliberately broken copy of it.

function evidenceRefProblems(p: Portfolio): string[] {
  const problems: string[] = [];
  for (const o of p.opportunities) {
    const refs = (o.evidence ?? []).map((e) => e.ref);
    const known = new Set(refs);
    if (known.size !== refs.length) problems.push(`${label(o)}: duplicate evidence refs`);
    for (const a of o.assessments ?? []) {
      for (const [dim, s] of Object.entries(a.scores)) {
        for (const ref of s.evidence ?? []) {
          if (!known.has(ref)) problems.push(`${label(o)}: ${a.assessor}'s ${dim} score cites unknown evidence ${ref}`);
        }
      }
    }
    for (const a of o.assumptions ?? []) {
      for (const ref of a.evidence ?? []) {
        if (!known.has(ref)) problems.push(`${label(o)}: assumption ${a.ref} cites unknown evidence ${ref}`);
      }
    }
  }
  return problems;
}

function assumptionRefProblems(p: Portfolio): string[] {
  const problems: string[] = [];
  for (const o of p.opportunities) {
    const refs = (o.assumptions ?? []).map((a) => a.ref);
    if (refs.some((r) => r === undefined)) problems.push(`${label(o)}: an assumption has no ref`);
    const known = new Set(refs);
    if (known.size !== refs.length) problems.push(`${label(o)}: duplicate assumption refs`);
    const experimentRefs = (o.experiments ?? []).map((x) => x.ref);
    if (new Set(experimentRefs).size !== experimentRefs.length) problems.push(`${label(o)}: duplicate experiment refs`);
    for (const x of o.experiments ?? []) {
      for (const ref of x.tests ?? []) {
        if (!known.has(ref)) problems.push(`${label(o)}: experiment ${x.ref} tests unknown assumption ${ref}`);
      }
    }
  }
  return problems;
}

function peopleProblems(p: Portfolio): string[] {
  const names = (p.members ?? []).map((m) => m.name);
  const members = new Set(names);
  const problems: string[] = members.size === names.length ? [] : ['duplicate member names'];
  const check = (o: Opportunity, role: string, name: string | undefined) => {
    if (name !== undefined && !members.has(name)) problems.push(`${label(o)}: ${role} "${name}" is not a member`);
  };
  for (const o of p.opportunities) {
    check(o, 'submitter', o.idea.submitter);
    for (const a of o.assessments ?? []) check(o, 'assessor', a.assessor);
    for (const d of o.decisions ?? []) {
      if (d.decidedBy === undefined) problems.push(`${label(o)}: a decision has no decidedBy`);
      check(o, 'decidedBy', d.decidedBy);
    }
  }
  return problems;
}

function dimensionProblems(p: Portfolio): string[] {
  const problems: string[] = [];
  for (const o of p.opportunities) {
    for (const a of o.assessments ?? []) {
      for (const dim of Object.keys(a.scores)) {
        if (!dimensionIds.has(dim)) problems.push(`${label(o)}: ${a.assessor} scored unknown dimension ${dim}`);
      }
    }
    for (const e of o.evidence ?? []) {
      for (const dim of e.dimensions ?? []) {
        if (!dimensionIds.has(dim)) problems.push(`${label(o)}: evidence ${e.ref} supports unknown dimension ${dim}`);
      }
    }
  }
  return problems;
}

/** Replays each idea's decisions from Discovery with the domain's own transition rule. */
function decisionChainProblems(p: Portfolio): string[] {
  const problems: string[] = [];
  for (const o of p.opportunities) {
    let stage: StageId = 'discovery';
    let parkedFrom: StageId | null = null;
    let previous = o.idea.createdAt;
    if (previous === undefined) problems.push(`${label(o)}: no createdAt`);
    for (const [i, d] of (o.decisions ?? []).entries()) {
      const at = `${label(o)} decision ${i + 1}`;
      if (d.decidedAt === undefined) problems.push(`${at}: no decidedAt`);
      else if (previous !== undefined && Date.parse(d.decidedAt) <= Date.parse(previous)) {
        problems.push(`${at}: decided at ${d.decidedAt}, not after ${previous}`);
      }
      if (d.decidedAt !== undefined && d.decidedAt.slice(0, 10) > TODAY) problems.push(`${at}: decided in the future`);
      previous = d.decidedAt ?? previous;
      if (d.fromStage !== stage) problems.push(`${at}: from ${d.fromStage}, but the idea is in ${stage}`);
      if (d.outcome === 'merge') {
        problems.push(`${at}: merges are not replayable`);
        continue;
      }
      const moved = transition(stage, d.outcome, { toStage: d.toStage, parkedFrom });
      if (!moved.ok) problems.push(`${at}: ${moved.reason}`);
      else if (moved.value !== d.toStage) problems.push(`${at}: lands in ${moved.value}, not ${d.toStage}`);
      if (d.toStage === 'parked') parkedFrom = stage;
      stage = d.toStage;
    }
    if (stage !== stageOf(o)) problems.push(`${label(o)}: decisions end in ${stage}, the idea says ${stageOf(o)}`);
  }
  return problems;
}

function anonymityProblems(p: Portfolio): string[] {
  return p.opportunities
    .filter((o) => o.idea.anonymous === true && o.idea.submitter !== undefined)
    .map((o) => `${label(o)}: anonymous, yet names ${o.idea.submitter}`);
}

function missingStages(p: Portfolio): StageId[] {
  const present = new Set(p.opportunities.map(stageOf));
  return STAGE_IDS.filter((s) => !present.has(s));
}

function dateProblems(p: Portfolio): string[] {
  const problems: string[] = [];
  for (const o of p.opportunities) {
    if (o.idea.createdAt !== undefined && o.idea.createdAt.slice(0, 10) > TODAY)
      problems.push(`${label(o)}: created later than today`);
    for (const e of o.evidence ?? []) {
      if (e.observedOn < EARLIEST_EVIDENCE || e.observedOn > TODAY) {
        problems.push(
          `${label(o)}: evidence ${e.ref} observed on ${e.observedOn}, outside ${EARLIEST_EVIDENCE}..${TODAY}`,
        );
      }
    }
    for (const x of o.experiments ?? []) {
      if (x.status !== 'completed') continue;
      if (x.observed === undefined || x.sample === undefined || !x.learning) {
        problems.push(`${label(o)}: completed experiment ${x.ref} lacks its observed value, sample or learning`);
      }
    }
  }
  return problems;
}

/** A copy of the sample, changed by `change`, to show that a check can fail. */
function broken(change: (p: Portfolio) => void): Portfolio {
  const copy = structuredClone(sample);
  change(copy);
  return copy;
}
const find = (p: Portfolio, ref: string): Opportunity => {
  const o = p.opportunities.find((x) => x.idea.ref === ref);
  assert.ok(o, `the sample has an idea with ref ${ref}`);
  return o;
};

describe('sample portfolio', () => {
  it('names the workspace the server looks for when it decides whether to load the sample', () => {
    assert.equal(sample.workspace.slug, SAMPLE_SLUG);
  });

  it('loads and validates against the Portfolio schema', () => {
    assert.equal(sample.format, 'vetted.portfolio/v1');
    assert.match(samplePortfolioPath, /src[\\/]sample[\\/]portfolio\.json$/);
  });

  it('has at least 20 ideas and at least one in every stage', () => {
    assert.ok(sample.opportunities.length >= 20, `${sample.opportunities.length} ideas`);
    assert.deepEqual(missingStages(sample), []);
  });

  it('cites only evidence that exists, with refs unique within each idea', () => {
    assert.deepEqual(evidenceRefProblems(sample), []);
  });

  it('tests only assumptions that exist, with unique assumption and experiment refs', () => {
    assert.deepEqual(assumptionRefProblems(sample), []);
  });

  it('names only members as submitters, assessors and deciders', () => {
    assert.deepEqual(peopleProblems(sample), []);
  });

  it('uses only the dimension ids of the method', () => {
    assert.deepEqual(dimensionProblems(sample), []);
  });

  it('has decision chains that replay, in order, to each idea’s stage', () => {
    assert.deepEqual(decisionChainProblems(sample), []);
  });

  it('keeps anonymous ideas anonymous', () => {
    assert.deepEqual(anonymityProblems(sample), []);
    assert.ok(sample.opportunities.filter((o) => o.idea.anonymous).length >= 3, 'several anonymous ideas');
  });

  it('keeps dates inside the story and completed experiments complete', () => {
    assert.deepEqual(dateProblems(sample), []);
  });

  it('contains what the product needs to demonstrate', () => {
    const ideas = sample.opportunities;
    const channels = new Set(ideas.map((o) => o.idea.channel));
    assert.deepEqual([...channels].sort(), ['api', 'cli', 'import', 'web']);

    const full = ideas.filter(
      (o) => o.assumptions?.length && o.experiments?.length && o.competitors?.length && o.economics,
    );
    assert.ok(full.length >= 8, `${full.length} ideas with assumptions, experiments, competitors and economics`);

    const yearAgo = `${Number(TODAY.slice(0, 4)) - 1}${TODAY.slice(4)}`;
    const stale = ideas.flatMap((o) => o.evidence ?? []).filter((e) => e.observedOn < yearAgo);
    assert.ok(stale.length >= 3, `${stale.length} pieces of stale evidence`);

    const strengths = new Set(ideas.flatMap((o) => (o.evidence ?? []).map((e) => e.strength)));
    assert.deepEqual([...strengths].sort(), [...EVIDENCE_STRENGTHS].sort(), 'every evidence strength occurs');

    const disagreements = ideas.filter((o) =>
      DIMENSIONS.some((d) => {
        const scores = (o.assessments ?? []).flatMap((a) => a.scores[d.id]?.score ?? []);
        return scores.length >= 2 && Math.max(...scores) - Math.min(...scores) >= 2;
      }),
    );
    assert.ok(disagreements.length >= 2, `${disagreements.length} ideas where assessors disagree by 2 or more`);

    const unbacked = ideas.filter((o) =>
      (o.assessments ?? []).some((a) => Object.values(a.scores).some((s) => s.score >= 4 && !s.evidence?.length)),
    );
    assert.ok(unbacked.length >= 3, `${unbacked.length} ideas with high scores and no evidence`);

    const assessed = ideas.filter((o) => (o.assessments?.length ?? 0) >= 2);
    assert.ok(assessed.length > ideas.length / 2, 'most ideas have two or more assessors');
    assert.ok(
      ideas.some((o) => o.experiments?.some((x) => x.goalpostsMoved)),
      'an experiment whose goalposts were moved',
    );
  });
});

describe('the sample checks catch a broken portfolio', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vetted-sample-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an invalid file, naming the first violations', () => {
    const bad = broken((p) => {
      find(p, 'dock-scheduling').evidence![0]!.strength = 'rumour' as never;
      (p.members![0] as { email?: string }).email = 'not an address';
    });
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(bad));
    assert.throws(
      () => loadSamplePortfolio(path),
      (e: Error) => e.message.includes(path) && /\/members\/0\/email/.test(e.message) && /strength/.test(e.message),
    );
    writeFileSync(path, '{ not json');
    assert.throws(() => loadSamplePortfolio(path), /Cannot read the portfolio/);
  });

  it('notices a missing stage', () => {
    const p = broken((x) => {
      x.opportunities = x.opportunities.filter((o) => stageOf(o) !== 'killed');
    });
    assert.deepEqual(missingStages(p), ['killed']);
  });

  it('notices evidence that does not exist', () => {
    const p = broken((x) => {
      const score = find(x, 'dock-scheduling').assessments![0]!.scores['problem-significance']!;
      score.evidence = ['E99'];
      find(x, 'quick-pay').assumptions![0]!.evidence = ['E42'];
    });
    assert.equal(evidenceRefProblems(p).length, 2);
  });

  it('notices an experiment testing an unknown assumption', () => {
    const p = broken((x) => {
      find(x, 'edi-onboarding-wizard').experiments![0]!.tests = ['A9'];
    });
    assert.equal(assumptionRefProblems(p).length, 1);
  });

  it('notices people who are not members', () => {
    const p = broken((x) => {
      find(x, 'quick-pay').assessments![0]!.assessor = 'Someone Else';
      find(x, 'driver-job-board').decisions![0]!.decidedBy = 'The Board';
      find(x, 'bulk-load-import').idea.submitter = 'A Customer';
    });
    assert.equal(peopleProblems(p).length, 3);
  });

  it('notices unknown dimension ids', () => {
    const p = broken((x) => {
      const scores = find(x, 'reefer-temperature-alerts').assessments![0]!.scores;
      scores['problem-size'] = scores['problem-significance']!;
      find(x, 'reefer-temperature-alerts').evidence![0]!.dimensions = ['pain'];
    });
    assert.equal(dimensionProblems(p).length, 2);
  });

  it('notices decision chains that skip, go backwards in time or end elsewhere', () => {
    const skipped = broken((x) => {
      find(x, 'bulk-load-import').decisions!.splice(1, 1);
    });
    assert.ok(decisionChainProblems(skipped).some((m) => /from realization, but the idea is in validation/.test(m)));

    const reordered = broken((x) => {
      const ds = find(x, 'fuel-card-reconciliation').decisions!;
      [ds[0]!.decidedAt, ds[1]!.decidedAt] = [ds[1]!.decidedAt, ds[0]!.decidedAt];
    });
    assert.ok(decisionChainProblems(reordered).some((m) => /not after/.test(m)));

    const wrongStage = broken((x) => {
      find(x, 'telematics-bundle').idea.stage = 'validation';
    });
    assert.ok(decisionChainProblems(wrongStage).some((m) => /decisions end in parked/.test(m)));

    const impossible = broken((x) => {
      const d = find(x, 'driver-job-board').decisions![1]!;
      d.outcome = 'reopen';
    });
    assert.ok(decisionChainProblems(impossible).some((m) => /Only a parked or killed idea can be reopened/.test(m)));
  });

  it('notices an anonymous idea that names its submitter', () => {
    const p = broken((x) => {
      const anonymous = x.opportunities.find((o) => o.idea.anonymous)!;
      anonymous.idea.submitter = 'Hannah Lindqvist';
    });
    assert.equal(anonymityProblems(p).length, 1);
  });

  it('notices evidence from the future and half-recorded experiments', () => {
    const p = broken((x) => {
      find(x, 'dock-scheduling').evidence![0]!.observedOn = '2027-01-05';
      delete find(x, 'driver-job-board').experiments![0]!.observed;
    });
    assert.equal(dateProblems(p).length, 2);
  });
});
