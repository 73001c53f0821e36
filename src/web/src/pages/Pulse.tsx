import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { PulseOverview, PulseRound } from '../types.ts';
import { Empty, ErrorBox, fmtDate, Loading, Page, ScrollRegion } from '../ui.tsx';

const AGREEMENT = ['Strongly disagree', 'Disagree', 'Neither', 'Agree', 'Strongly agree'];

/**
 * /growth/pulse: the team's psychological-safety pulse. Answered anonymously and once; a round is shown
 * only once a leader closes it, and only with enough answers (the API withholds it otherwise).
 */
export default function Pulse() {
  const { ws, can } = useSession();
  const client = useQueryClient();
  const pulse = useQuery({ queryKey: [ws, 'pulse'], queryFn: () => api.pulse(ws) });
  const refresh = () => client.invalidateQueries({ queryKey: [ws, 'pulse'] });
  const openRound = useMutation({ mutationFn: () => api.openPulse(ws), onSuccess: refresh });
  const closeRound = useMutation({
    mutationFn: (r: PulseRound) => api.closePulse(ws, r.id, r.version),
    onSuccess: refresh,
  });
  if (pulse.isPending) return <Loading what="the pulse" />;
  if (pulse.error) return <ErrorBox error={pulse.error} retry={() => pulse.refetch()} />;
  const p = pulse.data;
  const open = p.rounds.find((r) => !r.closedAt);
  const closed = p.rounds.filter((r) => r.closedAt).reverse();
  return (
    <Page
      title="Team pulse"
      lead={`How safe it feels to speak up on this team. Anonymous; a round is shown once closed, with at least ${p.minAnswers} answers.`}
    >
      {open ? (
        <section className="section" aria-labelledby="answer-h">
          <h2 id="answer-h">This round (opened {fmtDate(open.openedAt)})</h2>
          {open.answeredByMe ? (
            <p className="notice" role="status">
              You answered this round. Nobody, leaders and owners included, can see which answer is yours.
            </p>
          ) : (
            <AnswerForm overview={p} round={open} onDone={refresh} />
          )}
          {can('decide') ? (
            <p>
              <button
                type="button"
                className="button"
                disabled={closeRound.isPending}
                onClick={() => closeRound.mutate(open)}
              >
                Close this round and show the result
              </button>
            </p>
          ) : null}
          {closeRound.error ? <ErrorBox error={closeRound.error} /> : null}
        </section>
      ) : can('decide') ? (
        <p>
          <button
            type="button"
            className="button button-primary"
            disabled={openRound.isPending}
            onClick={() => openRound.mutate()}
          >
            Open a pulse round
          </button>
          {openRound.error ? <ErrorBox error={openRound.error} /> : null}
        </p>
      ) : (
        <p className="muted">No round is open. A leader opens one.</p>
      )}

      <section className="section" aria-labelledby="results-h">
        <h2 id="results-h">Results</h2>
        {p.trend.change ? (
          <p>
            Safety index {p.trend.change.from} → {p.trend.change.to} ({p.trend.change.direction}) since the previous
            shown round.
          </p>
        ) : null}
        {closed.length === 0 ? (
          <Empty title="No closed round yet." />
        ) : (
          closed.map((r) => <RoundResult key={r.id} round={r} />)
        )}
      </section>
    </Page>
  );
}

function AnswerForm({ overview, round, onDone }: { overview: PulseOverview; round: PulseRound; onDone: () => void }) {
  const { ws } = useSession();
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const send = useMutation({
    mutationFn: () => api.answerPulse(ws, round.id, answers),
    onSuccess: () => {
      showToast('Thank you: your answer is in, anonymously.');
      onDone();
    },
  });
  return (
    <form
      className="stack"
      aria-label="Answer the pulse"
      onSubmit={(e) => {
        e.preventDefault();
        if (Object.keys(answers).length) send.mutate();
      }}
    >
      {overview.statements.map((s) => (
        <fieldset key={s.id} className="card-panel">
          <legend>{s.text}</legend>
          {AGREEMENT.map((label, i) => (
            <label key={label} className="choice choice-inline">
              <input
                type="radio"
                name={`pulse-${s.id}`}
                checked={answers[s.id] === i + 1}
                onChange={() => setAnswers((a) => ({ ...a, [s.id]: i + 1 }))}
              />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
      ))}
      {send.error ? <ErrorBox error={send.error} /> : null}
      <div className="actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={send.isPending || Object.keys(answers).length === 0}
        >
          Send anonymously
        </button>
      </div>
    </form>
  );
}

function RoundResult({ round }: { round: PulseRound }) {
  const r = round.result;
  return (
    <article className="card-panel" aria-labelledby={`round-${round.id}`}>
      <h3 id={`round-${round.id}`} className="h3">
        Round closed {fmtDate(round.closedAt)}
      </h3>
      {!r?.shown ? (
        <p className="muted">{r?.message ?? 'Withheld.'}</p>
      ) : (
        <>
          <p>
            Safety index <strong>{r.index ?? '–'}</strong> of 5, from {r.answers} answers.
          </p>
          <ScrollRegion label={`Round closed ${fmtDate(round.closedAt)}`}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Statement</th>
                  <th scope="col" className="num">
                    Safety (1-5)
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.statements.map((s) => (
                  <tr key={s.id}>
                    <td>{s.text}</td>
                    <td className="num">{s.shown ? s.safety : <span className="muted">withheld</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </article>
  );
}
