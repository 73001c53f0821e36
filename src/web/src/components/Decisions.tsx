import { useSession } from '../session.tsx';
import type { Decision } from '../types.ts';
import { Empty, fmtDate } from '../ui.tsx';

const VERB: Record<Decision['outcome'], string> = {
  advance: 'Advanced',
  park: 'Parked',
  kill: 'Killed',
  merge: 'Merged',
  reopen: 'Reopened',
};

/** The decision history: each move with who made it, when, and every reason given. */
export function DecisionList({ decisions, emptyText }: { decisions: Decision[]; emptyText?: string }) {
  const { stageName } = useSession();
  if (decisions.length === 0) return <Empty title={emptyText ?? 'No decisions yet.'} />;
  return (
    <ol className="decisions">
      {decisions.map((d) => (
        <li key={d.id} className={`decision decision-${d.outcome}`}>
          <p className="decision-head">
            <strong>
              {VERB[d.outcome]}
              {d.outcome === 'merge'
                ? ' into another idea'
                : d.outcome === 'park' || d.outcome === 'kill'
                  ? ` in ${stageName(d.fromStage)}`
                  : ` from ${stageName(d.fromStage)} to ${stageName(d.toStage)}`}
            </strong>{' '}
            <span className="muted">
              on <time dateTime={d.createdAt}>{fmtDate(d.createdAt)}</time>
              {d.decidedBy ? ` by ${d.decidedBy.name}` : ''}
            </span>
          </p>
          <p className="rationale">{d.rationale}</p>
          {d.criteria.length ? (
            <ul className="criteria">
              {d.criteria.map((c) => (
                <li key={c.criterion} className={c.met ? 'met' : 'unmet'}>
                  <span aria-hidden="true">{c.met ? '✓' : '✗'}</span>
                  <span className="visually-hidden">{c.met ? 'Met: ' : 'Not met: '}</span> {c.criterion}
                  {c.note ? <span className="muted"> ({c.note})</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="muted small">
            {d.reversible ? 'Reversible (a two-way door)' : 'Hard to reverse (a one-way door)'}
            {d.reviewOn ? ` · review on ${fmtDate(d.reviewOn)}` : ''}
            {d.recommendation
              ? ` · Vetted recommended "${d.recommendation.verdict}" (${d.recommendation.followed ? 'followed' : 'overridden'})`
              : ''}
          </p>
          {d.recommendation?.overrideReason ? (
            <p className="small">Why it was overridden: {d.recommendation.overrideReason}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
