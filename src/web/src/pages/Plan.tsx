import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { ApiError, api } from '../api.ts';
import { InputField } from '../components/Fields.tsx';
import { useTraitFramework } from '../components/TraitRatingForm.tsx';
import { useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { PlanCreate, Plan as PlanRecord } from '../types.ts';
import { ErrorBox, fmtDate, Loading, Page } from '../ui.tsx';

/**
 * /growth/plan: a development plan for the weakest trait at your career stage (stretch experiences in
 * Vetted first), the learning cards it suggests, a check-in date and progress notes. Yours alone.
 */
export default function Plan() {
  const { ws } = useSession();
  const plan = useQuery({ queryKey: [ws, 'plan'], queryFn: () => api.plan(ws), retry: false });
  const none = plan.error instanceof ApiError && plan.error.status === 404;
  const [remaking, setRemaking] = useState(false);
  return (
    <Page
      title="Development plan"
      lead="Two or three goals that stretch your weakest trait, at your career stage. Only you see it."
    >
      {plan.isPending ? (
        <Loading what="your plan" />
      ) : none || remaking ? (
        <MakePlan onMade={() => setRemaking(false)} />
      ) : plan.error ? (
        <ErrorBox error={plan.error} retry={() => plan.refetch()} />
      ) : (
        <>
          <ShowPlan plan={plan.data} />
          <p>
            <button type="button" className="button button-quiet" onClick={() => setRemaking(true)}>
              Make a new plan (after a reassessment)
            </button>
          </p>
        </>
      )}
    </Page>
  );
}

function MakePlan({ onMade }: { onMade: () => void }) {
  const { ws } = useSession();
  const client = useQueryClient();
  const framework = useTraitFramework();
  const [stage, setStage] = useState<PlanCreate['stage']>('mid');
  const [idea, setIdea] = useState('');
  const make = useMutation({
    mutationFn: () => api.makePlan(ws, { stage, ...(idea.trim() ? { idea: idea.trim() } : {}) }),
    onSuccess: (p) => {
      client.setQueryData([ws, 'plan'], p);
      onMade();
    },
  });
  const stages = (framework.data?.stages ?? []).filter((s) => s.id !== 'always');
  return (
    <form
      className="card-panel stack"
      aria-label="Make a plan"
      onSubmit={(e) => {
        e.preventDefault();
        make.mutate();
      }}
    >
      <p>
        The plan starts from your <Link href="/growth/summary">summary</Link>: the lowest others' mean, or your own
        rating before any 360.
      </p>
      <fieldset>
        <legend>Your career stage</legend>
        {stages.map((s) => (
          <label key={s.id} className="choice">
            <input
              type="radio"
              name="stage"
              value={s.id}
              checked={stage === s.id}
              onChange={() => setStage(s.id as PlanCreate['stage'])}
            />
            <span>
              <strong>{s.name}</strong> <span className="muted">develops {s.develops.join(', ')}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <InputField
        label="An idea you own (optional)"
        hint='Stretch experiences in Vetted name it, e.g. "idea #14".'
        value={idea}
        maxLength={100}
        onChange={(e) => setIdea(e.target.value)}
      />
      {make.error ? <ErrorBox error={make.error} /> : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={make.isPending}>
          Make my plan
        </button>
      </div>
    </form>
  );
}

function ShowPlan({ plan }: { plan: PlanRecord }) {
  const { ws } = useSession();
  const client = useQueryClient();
  const [text, setText] = useState('');
  const [checkIn, setCheckIn] = useState(false);
  const note = useMutation({
    mutationFn: () => api.notePlan(ws, plan.version, text.trim(), checkIn),
    onSuccess: (p) => {
      client.setQueryData([ws, 'plan'], p);
      setText('');
      setCheckIn(false);
      showToast(checkIn ? `Checked in. Next check-in: ${fmtDate(p.plan.checkInOn)}.` : 'Note added.');
    },
  });
  const d = plan.plan;
  return (
    <>
      <p className="explanation">{d.explanation}</p>
      <p>
        <strong>Check in on {fmtDate(d.checkInOn)}.</strong>{' '}
        <span className="muted">
          At the {d.stage} stage you develop {d.stageFocus.join(', ')}.
        </span>
      </p>
      <section className="section" aria-labelledby="goals-h">
        <h2 id="goals-h">Goals</h2>
        <ol className="stack">
          {d.goals.map((g) => (
            <li key={g.stretchId} className="card-panel">
              <h3 className="h3">
                {g.traitName}: from {g.from} to {g.target}
              </h3>
              <p>{g.stretch}</p>
              <p className="muted small">
                Level {g.target} looks like this: {g.targetBehaviour}
                {g.inVetted ? ' · done in Vetted' : ''}
              </p>
            </li>
          ))}
        </ol>
      </section>
      <section className="section" aria-labelledby="cards-h">
        <h2 id="cards-h">From the learning library</h2>
        <div className="grid-2">
          {plan.cards.map((c) => (
            <article key={c.id} className="card-panel" aria-labelledby={`card-${c.id}`}>
              <h3 id={`card-${c.id}`} className="h3">
                {c.title}
              </h3>
              <p>{c.body}</p>
            </article>
          ))}
        </div>
      </section>
      <section className="section" aria-labelledby="notes-h">
        <h2 id="notes-h">Progress</h2>
        {d.notes.length === 0 ? (
          <p className="muted">No notes yet.</p>
        ) : (
          <ul>
            {d.notes.map((n, i) => (
              // Notes are only ever appended, so the index is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i}>
                <span className="muted small">{fmtDate(n.on)}</span> {n.text}
              </li>
            ))}
          </ul>
        )}
        <form
          className="card-panel stack"
          aria-label="Add a progress note"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) note.mutate();
          }}
        >
          <div className="field">
            <label htmlFor="plan-note">What happened?</label>
            <textarea id="plan-note" rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <label className="choice">
            <input type="checkbox" checked={checkIn} onChange={(e) => setCheckIn(e.target.checked)} />
            <span>This is my check-in (sets the next one)</span>
          </label>
          {note.error ? <ErrorBox error={note.error} /> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={note.isPending || !text.trim()}>
              Add the note
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
