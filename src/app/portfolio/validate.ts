import { assumptionRef } from '../../domain/assumptions.ts';
import { mvpProblems } from '../../domain/mvp.ts';
import { transition } from '../../domain/stages.ts';
import type { StageId } from '../../methodology/index.ts';
import { Opportunity } from '../../schema/index.ts';
import { check, type FieldError } from '../../schema/validate.ts';

export interface RowError extends FieldError {
  /** 1-based position of the opportunity in the file (the data row, for CSV). */
  row: number;
}

/**
 * Everything an opportunity file must satisfy beyond its shape: references that resolve, dimensions the
 * workspace knows, and a decision history that replays to the stage it claims.
 */
export function validateOpportunity(
  raw: unknown,
  row: number,
  dimensionIds: ReadonlySet<string>,
): { value?: Opportunity; errors: RowError[] } {
  const shaped = check<Opportunity>(Opportunity, raw);
  if (!shaped.ok) return { errors: shaped.errors.map((e) => ({ ...e, row })) };
  const o = shaped.value;
  const errors: RowError[] = [];
  const err = (path: string, message: string) => errors.push({ row, path, message });

  const refs = new Set<string>();
  (o.evidence ?? []).forEach((e, i) => {
    if (refs.has(e.ref)) err(`/evidence/${i}/ref`, `duplicates ref "${e.ref}"`);
    refs.add(e.ref);
    (e.dimensions ?? []).forEach((d, j) => {
      if (!dimensionIds.has(d)) err(`/evidence/${i}/dimensions/${j}`, `unknown dimension "${d}"`);
    });
  });
  (o.assessments ?? []).forEach((a, i) => {
    for (const [dim, s] of Object.entries(a.scores)) {
      if (!dimensionIds.has(dim)) err(`/assessments/${i}/scores/${dim}`, `unknown dimension "${dim}"`);
      (s.evidence ?? []).forEach((r, j) => {
        if (!refs.has(r)) err(`/assessments/${i}/scores/${dim}/evidence/${j}`, `no evidence with ref "${r}"`);
      });
    }
  });
  const assumptionRefs = new Set((o.assumptions ?? []).map((a) => a.ref).filter(Boolean));
  (o.assumptions ?? []).forEach((a, i) => {
    (a.evidence ?? []).forEach((r, j) => {
      if (!refs.has(r)) err(`/assumptions/${i}/evidence/${j}`, `no evidence with ref "${r}"`);
    });
  });
  (o.experiments ?? []).forEach((x, i) => {
    (x.tests ?? []).forEach((r, j) => {
      if (!assumptionRefs.has(r)) err(`/experiments/${i}/tests/${j}`, `no assumption with ref "${r}"`);
    });
  });
  if (o.mvp) {
    const refsOrPositions = new Set((o.assumptions ?? []).map((a, i) => assumptionRef(a, i)));
    const metrics = (o.idea.successMetrics ?? []).map((m) => m.metric);
    for (const p of mvpProblems(o.mvp, refsOrPositions, metrics)) err(p.path, p.message);
  }

  let stage: StageId = 'discovery';
  let parkedFrom: StageId | null = null;
  (o.decisions ?? []).forEach((d, i) => {
    if (d.fromStage !== stage)
      err(`/decisions/${i}/fromStage`, `is ${d.fromStage}, but the idea is ${stage} at that point`);
    if (d.outcome === 'merge') {
      err(`/decisions/${i}/outcome`, 'merges cannot be imported; merge after importing');
      return;
    }
    const move = transition(d.fromStage, d.outcome, { toStage: d.toStage, parkedFrom });
    if (!move.ok) err(`/decisions/${i}`, move.reason);
    parkedFrom = d.outcome === 'park' ? d.fromStage : null;
    stage = d.toStage;
  });
  if (o.decisions?.length && o.idea.stage && o.idea.stage !== stage) {
    err('/idea/stage', `is ${o.idea.stage}, but the decisions lead to ${stage}`);
  }
  if (o.idea.anonymous && o.idea.submitter) err('/idea/submitter', 'must be absent for an anonymous idea');
  return errors.length ? { errors } : { value: o, errors };
}

/** The stage an imported idea ends in: the last decision's, else the one it names, else Discovery. */
export const finalStage = (o: Opportunity): StageId => o.decisions?.at(-1)?.toStage ?? o.idea.stage ?? 'discovery';
export const parkedFromOf = (o: Opportunity): StageId | null => {
  const last = o.decisions?.at(-1);
  return last?.outcome === 'park' ? last.fromStage : null;
};
