import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { ApiError, api, describeError } from '../api.ts';
import { NotAllowed, useSession } from '../session.tsx';
import type { Assessment, AssessmentPut, DimensionScore, DimensionSpec, Evidence, Idea } from '../types.ts';
import { ErrorBox, FieldError, fmtPct, fmtScore, Loading, ScrollRegion } from '../ui.tsx';
import { STRENGTH_LABEL, useEvidence } from './EvidenceSection.tsx';

type Level = '' | '1' | '2' | '3' | '4' | '5';
interface DimValues {
  score: Level;
  confidence: DimensionScore['confidence'];
  evidenceIds: string[];
  note: string;
}
interface Values {
  dims: Record<string, DimValues>;
  reason: string;
}

/** The nine-dimension assessment: the result with its spread and explanation, then the person's own scores. */
export function AssessmentSection({ idea }: { idea: Idea }) {
  const { ws, actor } = useSession();
  const score = useQuery({ queryKey: [ws, 'score', idea.number], queryFn: () => api.score(ws, idea.number) });
  const assessments = useQuery({
    queryKey: [ws, 'assessments', idea.number],
    queryFn: () => api.assessments(ws, idea.number),
  });
  const [scoring, setScoring] = useState(false);
  const [message, setMessage] = useState('');

  if (score.isPending || assessments.isPending) return <Loading what="the assessment" />;
  if (score.error || assessments.error)
    return (
      <ErrorBox
        error={score.error ?? assessments.error}
        retry={() => {
          score.refetch();
          assessments.refetch();
        }}
      />
    );
  const s = score.data;
  const mine = actor ? assessments.data.find((a) => a.assessor.id === actor.id) : undefined;

  return (
    <>
      <div className="score-summary">
        <div className="score-big">
          <span className="score-label">Composite</span>
          <span className="score-value" data-testid="composite">
            {fmtScore(s.composite)}
          </span>
          <span className="muted small">of 5</span>
        </div>
        <div className="score-big score-adjusted">
          <span className="score-label">Confidence-adjusted</span>
          <span className="score-value" data-testid="adjusted">
            {fmtScore(s.adjusted)}
          </span>
          <span className="muted small">of 5</span>
        </div>
        <div className="score-facts">
          <p>
            {fmtPct(s.coverage)} of dimensions scored by {s.assessors} assessor{s.assessors === 1 ? '' : 's'}.
          </p>
          {s.rice !== null ? <p>RICE {Math.round(s.rice)}</p> : null}
          {s.ice !== null ? <p>ICE {Math.round(s.ice)}</p> : null}
        </div>
      </div>
      <details className="explanation" open>
        <summary>How these numbers were computed</summary>
        <ul>
          {s.explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>

      <ScrollRegion label="Scores by dimension">
        <table className="table dims-table">
          <caption className="visually-hidden">Scores by dimension, with the spread between assessors</caption>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">Weight</th>
              <th scope="col">Scores</th>
              <th scope="col">Mean</th>
              <th scope="col">Spread</th>
              <th scope="col">Best evidence</th>
              <th scope="col">Adjusted</th>
            </tr>
          </thead>
          <tbody>
            {s.dimensions.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.name}</th>
                <td className="num">×{d.weight}</td>
                <td>{d.scores.length ? d.scores.join(', ') : <span className="muted">none</span>}</td>
                <td className="num">{fmtScore(d.mean)}</td>
                <td>
                  {d.spread === null ? (
                    '–'
                  ) : d.spread >= 2 ? (
                    <span className="disagree">
                      {d.spread} ({d.min}–{d.max}): assessors disagree
                    </span>
                  ) : (
                    `${d.spread} (${d.min}–${d.max})`
                  )}
                </td>
                <td>{d.evidenceStrength ? STRENGTH_LABEL[d.evidenceStrength as Evidence['strength']] : 'none'}</td>
                <td className="num">{fmtScore(d.adjusted)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      {assessments.data.length ? <ByAssessor assessments={assessments.data} /> : null}

      <p role="status" className="status-line">
        {message}
      </p>
      {scoring ? (
        <ScoreForm
          idea={idea}
          mine={mine}
          onDone={(m) => {
            setScoring(false);
            setMessage(m);
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setScoring(true)}>
          {mine ? 'Change my scores' : 'Score this idea'}
        </button>
      )}
    </>
  );
}

function ByAssessor({ assessments }: { assessments: Assessment[] }) {
  const { workspace } = useSession();
  return (
    <details className="by-assessor">
      <summary>Scores by assessor</summary>
      <ScrollRegion label="Scores by assessor">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              {assessments.map((a) => (
                <th key={a.id} scope="col">
                  {a.assessor.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {workspace.dimensions.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.name}</th>
                {assessments.map((a) => {
                  const v = a.scores[d.id];
                  return (
                    <td key={a.id}>
                      {v ? (
                        <>
                          {v.score} <span className="muted small">({v.confidence} confidence)</span>
                        </>
                      ) : (
                        <span className="muted">–</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}

type FormProps = { idea: Idea; mine: Assessment | undefined; onDone: (m: string) => void };

function ScoreForm(props: FormProps) {
  const { ws } = useSession();
  const evidence = useEvidence(ws, props.idea.number);
  if (evidence.isPending) return <Loading what="evidence to cite" />;
  if (evidence.error) return <ErrorBox error={evidence.error} retry={() => evidence.refetch()} />;
  return <ScoreFormWith {...props} evidence={evidence.data} />;
}

function ScoreFormWith({ idea, mine, onDone, evidence }: FormProps & { evidence: Evidence[] }) {
  const { ws, workspace, actor, can } = useSession();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(mine?.version ?? 0);
  const [notice, setNotice] = useState<string | null>(null);
  const [dimErrors, setDimErrors] = useState<Record<string, string>>({});

  const initial: Values = {
    reason: '',
    dims: Object.fromEntries(
      workspace.dimensions.map((d) => {
        const s = mine?.scores[d.id];
        const linked = evidence
          .filter((e) => e.links.some((l) => l.ideaId === idea.id && l.dimensions.includes(d.id)))
          .map((e) => e.id);
        return [
          d.id,
          {
            score: (s ? String(s.score) : '') as Level,
            confidence: s?.confidence ?? 'medium',
            evidenceIds: s?.evidenceIds ?? linked,
            note: s?.note ?? '',
          },
        ];
      }),
    ),
  };
  const form = useForm<Values>({ defaultValues: initial });
  const { register, handleSubmit, control } = form;

  const save = useMutation({
    mutationFn: (body: AssessmentPut) => api.putAssessment(ws, idea.number, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [ws] });
      onDone('Your scores are saved.');
    },
    onError: async (error) => {
      setDimErrors({});
      if (error instanceof ApiError && error.isConflict) {
        const fresh = await api.assessments(ws, idea.number).catch(() => null);
        const latest = fresh?.find((a) => a.assessor.id === actor?.id);
        setVersion(latest?.version ?? 0);
        setNotice(
          'Your scores were changed elsewhere (another tab or window) while this form was open. Nothing was saved; your choices here are kept. Save again to replace them with these.',
        );
        return;
      }
      if (error instanceof ApiError) {
        const byDim: Record<string, string> = {};
        for (const e of error.problem.errors ?? []) {
          const [, dim] = e.path.replace(/^\//, '').split('/');
          if (dim) byDim[dim] = byDim[dim] ? `${byDim[dim]}; ${e.message}` : e.message;
        }
        setDimErrors(byDim);
      }
      setNotice(describeError(error));
    },
  });

  const onSubmit = handleSubmit((v) => {
    setNotice(null);
    const scores: AssessmentPut['scores'] = {};
    for (const d of workspace.dimensions) {
      const x = v.dims[d.id];
      if (!x) continue;
      if (x.score) {
        scores[d.id] = {
          score: Number(x.score),
          confidence: x.confidence,
          ...(x.note.trim() ? { note: x.note.trim() } : {}),
          ...(x.evidenceIds.length ? { evidenceIds: x.evidenceIds } : {}),
        };
      } else if (mine?.scores[d.id]) scores[d.id] = null;
    }
    if (Object.keys(scores).length === 0) {
      setNotice('Choose a level for at least one dimension.');
      return;
    }
    save.mutate({ scores, version, ...(v.reason.trim() ? { reason: v.reason.trim() } : {}) });
  });

  const scored = useWatchCount(control, workspace.dimensions);

  return (
    <form onSubmit={onSubmit} noValidate className="stack score-form" aria-label="Your scores">
      <h3>Your scores{actor ? `, ${actor.name}` : ''}</h3>
      <p className="muted">
        Choose the level whose description fits best: each level's meaning is shown as you choose. Say how confident you
        are, and cite the evidence behind the score; scores without evidence are discounted.
      </p>
      <NotAllowed permission="contribute" to="score this idea" />
      {workspace.dimensions.map((d) => (
        <DimensionScorer
          key={d.id}
          dim={d}
          evidence={evidence}
          register={register}
          control={control}
          error={dimErrors[d.id]}
        />
      ))}
      <div className="field">
        <label htmlFor="score-reason">Why these scores (optional, kept in the score history)</label>
        <input id="score-reason" type="text" {...register('reason')} />
      </div>
      {notice ? (
        <div
          className={
            save.error instanceof ApiError && save.error.isConflict ? 'notice notice-warn' : 'notice notice-error'
          }
          role="alert"
        >
          {notice}
        </div>
      ) : null}
      <div className="actions sticky-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending || !can('contribute')}>
          {save.isPending ? 'Saving…' : 'Save my scores'}
        </button>
        <button type="button" className="button" onClick={() => onDone('')}>
          Cancel
        </button>
        <span className="muted small">
          {scored} of {workspace.dimensions.length} dimensions scored
        </span>
      </div>
    </form>
  );
}

function useWatchCount(control: ReturnType<typeof useForm<Values>>['control'], dims: DimensionSpec[]) {
  const dimsValues = useWatch({ control, name: 'dims' });
  return dims.filter((d) => dimsValues?.[d.id]?.score).length;
}

function DimensionScorer({
  dim,
  evidence,
  register,
  control,
  error,
}: {
  dim: DimensionSpec;
  evidence: Evidence[];
  register: ReturnType<typeof useForm<Values>>['register'];
  control: ReturnType<typeof useForm<Values>>['control'];
  error: string | undefined;
}) {
  const selected = useWatch({ control, name: `dims.${dim.id}.score` });
  const [peek, setPeek] = useState<number | null>(null);
  const shown = peek ?? (selected ? Number(selected) : null);
  const base = `dim-${dim.id}`;
  return (
    <fieldset className="dimension" aria-describedby={`${base}-desc${error ? ` ${base}-error` : ''}`}>
      <legend>
        {dim.name} <span className="muted small">(weight ×{dim.weight})</span>
      </legend>
      <p className="hint" id={`${base}-desc`}>
        {dim.description}
      </p>
      <div className="levels" role="radiogroup" aria-label={`${dim.name}: level`}>
        {dim.anchors.map((_anchor, i) => {
          const level = i + 1;
          return (
            <label key={level} className="level" onMouseEnter={() => setPeek(level)} onMouseLeave={() => setPeek(null)}>
              <input
                type="radio"
                value={String(level)}
                {...register(`dims.${dim.id}.score`)}
                onFocus={() => setPeek(level)}
                onBlur={() => setPeek(null)}
                aria-describedby={`${base}-anchor-${level}`}
              />
              <span>{level}</span>
            </label>
          );
        })}
      </div>
      <div className="visually-hidden">
        {dim.anchors.map((anchor, i) => (
          <span key={anchor} id={`${base}-anchor-${i + 1}`}>
            {anchor}
          </span>
        ))}
      </div>
      <p className="anchor" data-testid={`anchor-${dim.id}`}>
        {shown ? (
          <>
            <strong>Level {shown}:</strong> {dim.anchors[shown - 1]}
          </>
        ) : (
          <span className="muted">Not scored. Each level's description appears here as you choose.</span>
        )}
      </p>
      <div className="row">
        <div className="field">
          <label htmlFor={`${base}-confidence`}>Confidence</label>
          <select id={`${base}-confidence`} {...register(`dims.${dim.id}.confidence`)}>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${base}-note`}>Note (optional)</label>
          <input id={`${base}-note`} type="text" {...register(`dims.${dim.id}.note`)} />
        </div>
      </div>
      {evidence.length ? (
        <fieldset className="cite">
          <legend>Evidence behind this score</legend>
          {evidence.map((e) => (
            <label key={e.id} className="choice">
              <input type="checkbox" value={e.id} {...register(`dims.${dim.id}.evidenceIds`)} />{' '}
              <span className="muted">[{STRENGTH_LABEL[e.strength]}]</span> {e.summary.slice(0, 90)}
              {e.summary.length > 90 ? '…' : ''}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="muted small">No evidence on this idea yet to cite: add some under Evidence.</p>
      )}
      <FieldError id={`${base}-error`} message={error} />
    </fieldset>
  );
}
