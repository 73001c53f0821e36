import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { transition } from '../../../domain/stages.ts';
import { ACTIVE_STAGES } from '../../../methodology/stages.ts';
import { ApiError, api, describeError } from '../api.ts';
import { useSession } from '../session.tsx';
import type { BulkDecision, Idea, StageId } from '../types.ts';
import { Dialog } from '../ui.tsx';

type Outcome = BulkDecision['outcome'];
const OUTCOMES: [Outcome, string][] = [
  ['advance', 'Advance each to its next stage'],
  ['park', 'Park: sound, but not now'],
  ['kill', 'Kill: stop for good'],
  ['reopen', 'Reopen'],
];

/** The refusals of a bulk action, each against the idea it names (the API reports them at /ideas/<index>). */
function refusalsOf(error: unknown, ideas: Idea[]): { idea: Idea | undefined; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem.errors ?? []).map((e) => {
    const index = /^\/ideas\/(\d+)$/.exec(e.path)?.[1];
    return { idea: index === undefined ? undefined : ideas[Number(index)], message: e.message };
  });
}

/**
 * What to do with the selected ideas: tag them, or move them with one decision. Once done, the selection
 * ends (and this bar with it), so the outcome is told to the page through `onDone`.
 */
export function BulkActions({ selected, onDone }: { selected: Idea[]; onDone: (text: string) => void }) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const [add, setAdd] = useState('');
  const [remove, setRemove] = useState('');
  const [moving, setMoving] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const split = (s: string) => [
    ...new Set(
      s
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  const tag = useMutation({
    mutationFn: () =>
      api.bulkTag(ws, {
        ideas: selected.map((i) => ({ id: i.id, version: i.version })),
        ...(split(add).length ? { add: split(add) } : {}),
        ...(split(remove).length ? { remove: split(remove) } : {}),
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: [ws] });
      setAdd('');
      setRemove('');
      onDone(`Tags changed on ${r.ideas.length} idea${r.ideas.length === 1 ? '' : 's'}.`);
    },
    onError: (e) => setMessage({ text: describeError(e), error: true }),
  });
  const onTag = (e: FormEvent) => {
    e.preventDefault();
    if (!split(add).length && !split(remove).length)
      return setMessage({ text: 'Type a tag to add or to remove.', error: true });
    tag.mutate();
  };

  return (
    <section className="bulk-bar" aria-labelledby={`${id}h`}>
      <h2 id={`${id}h`} className="bulk-count">
        {selected.length} selected
      </h2>
      {can('contribute') ? (
        <form className="inline-form" onSubmit={onTag}>
          <label htmlFor={`${id}add`}>Add tags</label>
          <input
            id={`${id}add`}
            type="text"
            value={add}
            placeholder="q3, retail"
            onChange={(e) => setAdd(e.target.value)}
          />
          <label htmlFor={`${id}remove`}>Remove tags</label>
          <input id={`${id}remove`} type="text" value={remove} onChange={(e) => setRemove(e.target.value)} />
          <button type="submit" className="button button-small" disabled={tag.isPending || selected.length === 0}>
            {tag.isPending ? 'Tagging…' : 'Apply tags'}
          </button>
        </form>
      ) : null}
      {can('decide') ? (
        <button
          type="button"
          className="button button-small button-primary"
          disabled={selected.length === 0}
          onClick={() => setMoving(true)}
        >
          Move {selected.length}…
        </button>
      ) : null}
      <p role="status" className={message?.error ? 'status-line status-refused' : 'status-line'}>
        {message?.text ?? ''}
      </p>
      {tag.error ? <Refusals items={refusalsOf(tag.error, selected)} /> : null}
      {moving ? <BulkMoveDialog ideas={selected} onClose={() => setMoving(false)} onDone={onDone} /> : null}
    </section>
  );
}

function Refusals({ items }: { items: { idea: Idea | undefined; message: string }[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="refusals" aria-label="Ideas that could not take the change">
      {items.map((r) => (
        <li key={`${r.idea?.id ?? ''}${r.message}`}>
          {r.idea ? <strong>#{r.idea.number}</strong> : null} {r.message}
        </li>
      ))}
    </ul>
  );
}

/**
 * One decision on many ideas: each goes through the same gate as a single move and gets its own record
 * with this rationale. The ideas the gate would refuse are named before anything is sent; the API checks
 * again, and records all of them or none.
 */
function BulkMoveDialog({
  ideas,
  onClose,
  onDone,
}: {
  ideas: Idea[];
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const { ws, stageName } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [toStage, setToStage] = useState<StageId | ''>('');
  const [rationale, setRationale] = useState('');
  const [reversible, setReversible] = useState<'yes' | 'no' | ''>('');
  const [reviewOn, setReviewOn] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [problem, setProblem] = useState('');
  const blocked = outcome
    ? ideas.flatMap((i) => {
        const r = transition(i.stage, outcome, { ...(toStage ? { toStage } : {}) });
        return r.ok ? [] : [{ idea: i, message: r.reason }];
      })
    : [];
  const move = useMutation({
    mutationFn: (body: BulkDecision) => api.bulkDecide(ws, body),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: [ws] });
      onDone(
        `Recorded ${r.decided.length} decision${r.decided.length === 1 ? '' : 's'}: ${r.decided
          .map((d) => `#${d.idea.number} to ${stageName(d.idea.stage)}`)
          .join(', ')}.`,
      );
      onClose();
    },
    onError: (e) => setProblem(describeError(e)),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!outcome) return setProblem('Choose a decision.');
    if (!rationale.trim()) return setProblem('Give the reasons for the decision.');
    if (!reversible) return setProblem('Say whether it can be undone.');
    setProblem('');
    move.mutate({
      ideas: ideas.map((i) => ({ id: i.id, version: i.version })),
      outcome,
      rationale: rationale.trim(),
      reversible: reversible === 'yes',
      ...(outcome === 'reopen' && toStage ? { toStage } : {}),
      ...(reviewOn ? { reviewOn } : {}),
      ...(overrideReason.trim() ? { overrideReason: overrideReason.trim() } : {}),
    });
  };

  return (
    <Dialog title={`Move ${ideas.length} idea${ideas.length === 1 ? '' : 's'}`} onClose={onClose} wide>
      <p className="muted">
        One decision on each of {ideas.map((i) => `#${i.number}`).join(', ')}, with the rationale below. Each goes
        through the same gate as a single move; if any cannot, none moves.
      </p>
      <form onSubmit={onSubmit} noValidate className="stack">
        <fieldset>
          <legend>Decision</legend>
          {OUTCOMES.map(([value, label]) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={`${id}outcome`}
                value={value}
                checked={outcome === value}
                onChange={() => setOutcome(value)}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        {outcome === 'reopen' ? (
          <div className="field">
            <label htmlFor={`${id}to`}>Reopen into</label>
            <select id={`${id}to`} value={toStage} onChange={(e) => setToStage(e.target.value as StageId | '')}>
              <option value="">Where each was parked from (killed ones: Discovery)</option>
              {ACTIVE_STAGES.map((s) => (
                <option key={s} value={s}>
                  {stageName(s)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {blocked.length ? (
          <div className="notice notice-warn" data-testid="bulk-blocked">
            <p>
              The gate refuses this for {blocked.length} of {ideas.length}; nothing will move while they are selected:
            </p>
            <Refusals items={blocked} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}rationale`}>Rationale</label>
          <p className="hint" id={`${id}rationale-hint`}>
            Recorded on each idea, and shown to each submitter.
          </p>
          <textarea
            id={`${id}rationale`}
            rows={3}
            aria-describedby={`${id}rationale-hint`}
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
          />
        </div>
        <fieldset>
          <legend>Can it be undone cheaply?</legend>
          <label className="choice">
            <input
              type="radio"
              name={`${id}rev`}
              checked={reversible === 'yes'}
              onChange={() => setReversible('yes')}
            />{' '}
            Yes, reversible (a two-way door)
          </label>
          <label className="choice">
            <input type="radio" name={`${id}rev`} checked={reversible === 'no'} onChange={() => setReversible('no')} />{' '}
            No, hard to reverse (a one-way door)
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}override`}>Where this goes against Vetted's recommendation, why? (optional)</label>
          <p className="hint" id={`${id}override-hint`}>
            Kept with each decision that overrides its idea's recommendation.
          </p>
          <textarea
            id={`${id}override`}
            rows={2}
            aria-describedby={`${id}override-hint`}
            value={overrideReason}
            onChange={(e) => setOverrideReason(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}review`}>Review on (optional)</label>
          <input id={`${id}review`} type="date" value={reviewOn} onChange={(e) => setReviewOn(e.target.value)} />
        </div>
        {problem ? (
          <div className="notice notice-error" role="alert">
            <p>{problem}</p>
            <Refusals items={refusalsOf(move.error, ideas)} />
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={move.isPending}>
            {move.isPending ? 'Recording…' : `Record ${ideas.length} decision${ideas.length === 1 ? '' : 's'}`}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
