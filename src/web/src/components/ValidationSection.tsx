import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError, api, describeError } from '../api.ts';
import { useRemoveWithUndo } from '../removeWithUndo.ts';
import { NotAllowed, useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { AssumptionFields, Idea, Recommendation, StoredAssumption, StoredExperiment } from '../types.ts';
import { describedBy, Empty, ErrorBox, FieldError, fmtDate, Loading, ScrollRegion } from '../ui.tsx';
import { humanize } from './ChallengerSection.tsx';
import { ExperimentForm } from './ExperimentForm.tsx';

const VERDICT_NAME: Record<Recommendation['verdict'], string> = {
  pursue: 'Pursue',
  iterate: 'Iterate',
  pivot: 'Pivot',
  park: 'Park',
  kill: 'Kill',
};
const READING_NAME: Record<Recommendation['reading'], string> = {
  works: 'works',
  'not-working-yet': 'not working yet',
  'wont-work': 'won’t work',
  'not-now': 'not now',
};
const KIND_HINT: Record<AssumptionFields['kind'], string> = {
  risk: 'Risk: known, can be estimated',
  uncertainty: 'Uncertainty: learnable only by testing',
  silent: 'Silent: never said, surfaced by review',
};
const AREAS: AssumptionFields['area'][] = ['desirability', 'viability', 'feasibility', 'usability', 'ethics'];

/** The recommendation, the assumption map (riskiest first) and the experiments with their locked criteria. */
export function ValidationSection({ idea }: { idea: Idea }) {
  return (
    <>
      <RecommendationBlock idea={idea} />
      <AssumptionMap idea={idea} />
      <Experiments idea={idea} />
    </>
  );
}

function RecommendationBlock({ idea }: { idea: Idea }) {
  const { ws } = useSession();
  const rec = useQuery({
    queryKey: [ws, 'recommendation', idea.number],
    queryFn: () => api.recommendation(ws, idea.number),
  });
  return (
    <section aria-labelledby="rec-h" className="validation-part">
      <h3 id="rec-h">Recommendation</h3>
      {rec.isPending ? (
        <Loading what="the recommendation" />
      ) : rec.error ? (
        <ErrorBox error={rec.error} retry={() => rec.refetch()} />
      ) : (
        <div className={`recommendation verdict-${rec.data.verdict}`} data-testid="recommendation">
          <p className="verdict">
            <span className={`badge verdict-badge verdict-${rec.data.verdict}`}>{VERDICT_NAME[rec.data.verdict]}</span>{' '}
            <span>Reading: {READING_NAME[rec.data.reading]}</span>
          </p>
          <p>{rec.data.summary}</p>
          <ul className="reasons">
            {rec.data.reasons.map((r) => (
              <li key={r.code + r.text}>{r.text}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function AssumptionMap({ idea }: { idea: Idea }) {
  const { ws, can } = useSession();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<StoredAssumption | null>(null);
  const [message, setMessage] = useState('');
  const map = useQuery({
    queryKey: [ws, 'assumption-map', idea.number],
    queryFn: () => api.assumptionMap(ws, idea.number),
  });
  const stored = useQuery({
    queryKey: [ws, 'assumptions', idea.number],
    queryFn: () => api.assumptions(ws, idea.number),
    enabled: can('contribute'),
  });
  const byRef = new Map((stored.data ?? []).map((a) => [a.ref, a]));
  const remove = useRemoveWithUndo<StoredAssumption>(idea.number, 'assumptions', (a) => a.ref);
  return (
    <section aria-labelledby="amap-h" className="validation-part">
      <h3 id="amap-h">Assumption map</h3>
      <p className="muted small">Riskiest first: important and least evidenced. Test the top ones first.</p>
      <p role="status" className="status-line">
        {message}
      </p>
      {map.isPending ? (
        <Loading what="the assumption map" />
      ) : map.error ? (
        <ErrorBox error={map.error} retry={() => map.refetch()} />
      ) : map.data.length === 0 ? (
        <Empty title="No assumptions listed yet.">
          <p>What must be true for this idea to work? List it, and how much it matters.</p>
        </Empty>
      ) : (
        <ScrollRegion label="Assumption map, riskiest first">
          <table className="table assumption-map">
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Assumption</th>
                <th scope="col">Kind · area</th>
                <th scope="col" className="num">
                  Importance
                </th>
                <th scope="col" className="num">
                  Risk
                </th>
                <th scope="col">Status</th>
                {can('contribute') ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {map.data.map((a) => (
                <tr key={a.ref} data-ref={a.ref}>
                  <td className="num">{a.rank}</td>
                  <td>
                    <span className="muted">{a.ref}</span> {a.statement}
                    <div className="muted small">{a.why}</div>
                  </td>
                  <td>
                    {humanize(a.kind)} · {a.area}
                  </td>
                  <td className="num">{a.importance} of 5</td>
                  <td className="num">{a.risk.toFixed(1)}</td>
                  <td>
                    {humanize(a.status)}
                    <div className="muted small">{humanize(a.quadrant)}</div>
                  </td>
                  {can('contribute') ? (
                    <td>
                      {byRef.get(a.ref) ? (
                        <div className="row-actions">
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => setEditing(byRef.get(a.ref)!)}
                          >
                            Edit<span className="visually-hidden"> {a.ref}</span>
                          </button>
                          <button
                            type="button"
                            className="button button-small"
                            disabled={remove.isPending}
                            onClick={() => remove.mutate(byRef.get(a.ref)!)}
                          >
                            Remove<span className="visually-hidden"> {a.ref}</span>
                          </button>
                        </div>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {editing ? (
        <AddAssumption
          key={editing.id}
          idea={idea}
          existing={editing}
          onDone={(statement) => {
            setEditing(null);
            setMessage(statement ? `Assumption changed: ${statement.slice(0, 60)}` : '');
          }}
        />
      ) : adding ? (
        <AddAssumption
          idea={idea}
          onDone={(statement) => {
            setAdding(false);
            setMessage(statement ? `Assumption added: ${statement.slice(0, 60)}` : '');
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Add an assumption
        </button>
      )}
    </section>
  );
}

function AddAssumption({
  idea,
  existing,
  onDone,
}: {
  idea: Idea;
  existing?: StoredAssumption | undefined;
  onDone: (statement: string | null) => void;
}) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const [statement, setStatement] = useState(existing?.statement ?? '');
  const [kind, setKind] = useState<AssumptionFields['kind']>(existing?.kind ?? 'uncertainty');
  const [area, setArea] = useState<AssumptionFields['area']>(existing?.area ?? 'desirability');
  const [importance, setImportance] = useState(existing?.importance ?? 3);
  const add = useMutation({
    mutationFn: () => {
      const fields = { statement: statement.trim(), kind, area, importance };
      return existing
        ? api.updateAssumption(ws, idea.number, existing.id, { ...fields, version: existing.version })
        : api.addAssumption(ws, idea.number, fields);
    },
    onSuccess: async (a) => {
      await queryClient.invalidateQueries({ queryKey: [ws] });
      onDone(a.statement);
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors() : {};
  const known = ['statement', 'kind', 'area', 'importance'];
  const unknownError = add.error && !Object.keys(fields).some((k) => known.includes(k));
  return (
    <form
      className="stack card-panel"
      aria-label={existing ? `Edit ${existing.ref}` : 'Add an assumption'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h4 className="h3">{existing ? `Edit ${existing.ref}` : 'Add an assumption'}</h4>
      <NotAllowed permission="contribute" to="add an assumption" />
      <div className="field">
        <label htmlFor={`${id}-statement`}>What must be true</label>
        <textarea
          rows={2}
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
          {...describedBy(`${id}-statement`, false, fields.statement)}
        />
        <FieldError id={`${id}-statement-error`} message={fields.statement} />
      </div>
      <div className="row">
        <fieldset className="field">
          <legend>Kind</legend>
          {(['risk', 'uncertainty', 'silent'] as const).map((k) => (
            <label key={k} className="choice">
              <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />{' '}
              {KIND_HINT[k]}
            </label>
          ))}
          <FieldError id={`${id}-kind-error`} message={fields.kind} />
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-area`}>Area</label>
          <select
            value={area}
            onChange={(e) => setArea(e.target.value as AssumptionFields['area'])}
            {...describedBy(`${id}-area`, false, fields.area)}
          >
            {AREAS.map((a) => (
              <option key={a} value={a}>
                {humanize(a)}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-area-error`} message={fields.area} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-importance`}>Importance (1 to 5)</label>
          <select
            value={importance}
            onChange={(e) => setImportance(Number(e.target.value))}
            {...describedBy(`${id}-importance`, true, fields.importance)}
          >
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <p className="hint" id={`${id}-importance-hint`}>
            5: the idea fails if this is wrong.
          </p>
          <FieldError id={`${id}-importance-error`} message={fields.importance} />
        </div>
      </div>
      {unknownError ? (
        <div className="notice notice-error" role="alert">
          {describeError(add.error)}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={add.isPending || !can('contribute')}>
          {add.isPending ? 'Saving…' : existing ? 'Save assumption' : 'Add assumption'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const fmt = (v: unknown) => (v === null || v === undefined || v === '' ? '–' : String(v));

function Experiments({ idea }: { idea: Idea }) {
  const { ws, can } = useSession();
  const [writing, setWriting] = useState(false);
  const experiments = useQuery({
    queryKey: [ws, 'experiments', idea.number],
    queryFn: () => api.experiments(ws, idea.number),
  });
  return (
    <section aria-labelledby="exp-h" className="validation-part">
      <h3 id="exp-h">Experiments</h3>
      {experiments.isPending ? (
        <Loading what="experiments" />
      ) : experiments.error ? (
        <ErrorBox error={experiments.error} retry={() => experiments.refetch()} />
      ) : experiments.data.length === 0 ? (
        <Empty title="No experiments yet.">
          <p>Write a test card with success and kill thresholds before you run it.</p>
        </Empty>
      ) : (
        <ul className="experiments">
          {experiments.data.map((x) => (
            <ExperimentCard key={x.id} idea={idea} x={x} />
          ))}
        </ul>
      )}
      {writing ? (
        <ExperimentForm
          idea={idea}
          onDone={(saved) => {
            setWriting(false);
            if (saved) showToast(`${saved.ref} written. Start it when you run it: that locks its criteria.`);
          }}
        />
      ) : can('contribute') ? (
        <button type="button" className="button" onClick={() => setWriting(true)}>
          Write a test card
        </button>
      ) : null}
    </section>
  );
}

function ExperimentCard({ idea, x }: { idea: Idea; x: StoredExperiment }) {
  const c = x.locked ?? x;
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const [recording, setRecording] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [ws] });
  const start = useMutation({
    mutationFn: () => api.startExperiment(ws, idea.number, x.id, x.version),
    onSuccess: async (started) => {
      setConfirming(false);
      await refresh();
      showToast(`${started.ref} started: its criteria are now locked.`);
    },
  });
  // Only a planned experiment can be removed here: once started, its registered criteria are the record.
  const remove = useRemoveWithUndo<StoredExperiment>(idea.number, 'experiments', (e) => e.ref);
  if (editing)
    return (
      <li className="experiment">
        <ExperimentForm idea={idea} experiment={x} onDone={() => setEditing(false)} />
      </li>
    );
  return (
    <li className="experiment card-panel" data-ref={x.ref}>
      <p className="experiment-head">
        <span className="muted">{x.ref}</span> <span className={`badge status-${x.status}`}>{humanize(x.status)}</span>{' '}
        <span className="muted">· {humanize(x.method)}</span>
        {x.goalpostsMoved ? <span className="badge goalposts">Goalposts moved</span> : null}
      </p>
      <p>
        <strong>We believe</strong> {x.hypothesis}
      </p>
      {x.because ? (
        <p>
          <strong>Because</strong> {x.because}
        </p>
      ) : null}
      {x.wrongWhen ? (
        <p>
          <strong>We are wrong when</strong> {x.wrongWhen}
        </p>
      ) : null}
      <dl className="criteria-list">
        <div>
          <dt>Metric</dt>
          <dd>{x.metric}</dd>
        </div>
        <div>
          <dt>Success at</dt>
          <dd>
            {fmt(c.successThreshold)} ({c.higherIsBetter === false ? 'lower is better' : 'higher is better'})
          </dd>
        </div>
        <div>
          <dt>Kill at</dt>
          <dd>{c.killThreshold === undefined ? 'No kill threshold' : fmt(c.killThreshold)}</dd>
        </div>
        <div>
          <dt>Minimum sample</dt>
          <dd>{fmt(c.minSample)}</dd>
        </div>
        <div>
          <dt>Deadline</dt>
          <dd>{c.deadline ? fmtDate(c.deadline) : '–'}</dd>
        </div>
        <div>
          <dt>Observed</dt>
          <dd>
            {x.observed === undefined
              ? 'No result yet'
              : `${x.observed}${x.sample !== undefined ? ` (n = ${x.sample})` : ''}`}
          </dd>
        </div>
      </dl>
      {x.locked ? (
        <p className="muted small">
          Criteria locked on {fmtDate(x.locked.lockedOn)}: the result is judged against them.
        </p>
      ) : x.status === 'planned' ? (
        <p className="muted small">Not started: the criteria are locked when it starts.</p>
      ) : null}
      {x.goalpostsMoved && !x.criteriaChanges?.length ? (
        <div className="notice notice-warn" role="note">
          <p>
            <strong>Goalposts moved:</strong> the criteria were changed after the experiment started; the change was not
            recorded field by field.
          </p>
        </div>
      ) : null}
      {x.goalpostsMoved && x.criteriaChanges?.length ? (
        <div className="notice notice-warn" role="note">
          <p>
            <strong>Goalposts moved</strong> after the criteria were locked:
          </p>
          <ul>
            {x.criteriaChanges.map((ch) => (
              <li key={`${ch.on}-${ch.field}-${String(ch.to)}`}>
                {fmtDate(ch.on)}: {ch.field} from {fmt(ch.from)} to {fmt(ch.to)}
                {ch.by ? ` by ${ch.by}` : ''}, because “{ch.reason}”
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {x.learning ? <p className="muted">{x.learning}</p> : null}
      {start.error ? (
        <div className="notice notice-error" role="alert">
          {describeError(start.error)}
        </div>
      ) : null}
      {x.status !== 'completed' ? (
        <div className="actions">
          {x.status === 'planned' && can('contribute') && !confirming ? (
            <>
              <button
                type="button"
                className="button button-small"
                onClick={() => setEditing(true)}
                aria-label={`Edit ${x.ref}`}
              >
                Edit
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() => setConfirming(true)}
                aria-label={`Start ${x.ref} and lock its criteria`}
              >
                Start…
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={remove.isPending}
                onClick={() => remove.mutate(x)}
                aria-label={`Remove ${x.ref}`}
              >
                Remove
              </button>
            </>
          ) : null}
          {x.status === 'running' && !recording ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => setRecording(true)}
              aria-label={`Record a result for ${x.ref}`}
            >
              Record a result…
            </button>
          ) : null}
          {!can('contribute') ? <span className="muted small">Contributors and above act on experiments.</span> : null}
        </div>
      ) : null}
      {confirming ? (
        <section className="notice notice-warn lock-step" aria-label={`Start ${x.ref}`}>
          <p>
            <strong>Starting locks the criteria.</strong> The hypothesis, metric, success and kill thresholds, minimum
            sample and deadline are registered as they are now. The result is judged against them; changing one later
            needs a reason and shows as moved goalposts.
          </p>
          <div className="actions">
            <button
              type="button"
              className="button button-primary button-small"
              disabled={start.isPending}
              onClick={() => start.mutate()}
            >
              {start.isPending ? 'Starting…' : `Start ${x.ref} and lock its criteria`}
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
              Not yet
            </button>
          </div>
        </section>
      ) : null}
      {recording ? <RecordResult idea={idea} x={x} onDone={() => setRecording(false)} /> : null}
      {x.learningCard ? (
        <p>
          We observed {x.learningCard.observed}; therefore we will {x.learningCard.therefore}
        </p>
      ) : null}
    </li>
  );
}

function RecordResult({ idea, x, onDone }: { idea: Idea; x: StoredExperiment; onDone: () => void }) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const [observed, setObserved] = useState('');
  const [sample, setSample] = useState('');
  const [complete, setComplete] = useState(true);
  const [localError, setLocalError] = useState<Record<string, string>>({});
  const record = useMutation({
    mutationFn: () =>
      api.recordResult(ws, idea.number, x.id, {
        version: x.version,
        observed: Number(observed),
        sample: Number(sample),
        complete,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [ws] });
      onDone();
    },
  });
  const fields = { ...(record.error instanceof ApiError ? record.error.fieldErrors() : {}), ...localError };
  const unknownError = record.error && !Object.keys(fields).some((k) => ['observed', 'sample', 'version'].includes(k));
  return (
    <form
      className="stack card-panel"
      aria-label={`Record a result for ${x.ref}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const errors: Record<string, string> = {};
        if (observed.trim() === '' || !Number.isFinite(Number(observed))) errors.observed = 'Enter the observed value.';
        if (sample.trim() === '' || !Number.isInteger(Number(sample))) errors.sample = 'Enter the sample size.';
        setLocalError(errors);
        if (!Object.keys(errors).length) record.mutate();
      }}
    >
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-observed`}>Observed value ({x.metric})</label>
          <input
            type="text"
            inputMode="decimal"
            value={observed}
            onChange={(e) => setObserved(e.target.value)}
            {...describedBy(`${id}-observed`, false, fields.observed)}
          />
          <FieldError id={`${id}-observed-error`} message={fields.observed} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-sample`}>Sample size</label>
          <input
            type="text"
            inputMode="numeric"
            value={sample}
            onChange={(e) => setSample(e.target.value)}
            {...describedBy(`${id}-sample`, false, fields.sample)}
          />
          <FieldError id={`${id}-sample-error`} message={fields.sample} />
        </div>
      </div>
      <label className="choice">
        <input type="checkbox" checked={!complete} onChange={(e) => setComplete(!e.target.checked)} /> An interim
        reading (the experiment goes on)
      </label>
      {unknownError || fields.version ? (
        <div className="notice notice-error" role="alert">
          {describeError(record.error)}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={record.isPending || !can('contribute')}>
          {record.isPending ? 'Recording…' : 'Record result'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
