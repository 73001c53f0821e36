import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, api, describeError } from '../api.ts';
import { NotAllowed, useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { Evidence, EvidenceCreate, Idea } from '../types.ts';
import { describedBy, Empty, ErrorBox, FieldError, fmtDate, Loading } from '../ui.tsx';

const KIND_LABEL: Record<Evidence['kind'], string> = {
  quote: 'Quote',
  'data-point': 'Data point',
  'interview-note': 'Interview note',
  'survey-result': 'Survey result',
  'experiment-result': 'Experiment result',
  'revenue-signal': 'Revenue signal',
};
export const STRENGTH_LABEL: Record<Evidence['strength'], string> = {
  anecdote: 'Anecdote',
  interview: 'Interview',
  survey: 'Survey',
  experiment: 'Experiment',
  paying: 'Paying behaviour',
};

export const useEvidence = (ws: string, number: number) =>
  useQuery({ queryKey: [ws, 'evidence', number], queryFn: () => api.evidence(ws, number) });

export function StrengthMeter({ strength }: { strength: Evidence['strength'] }) {
  const { methodology } = useSession();
  const level = methodology.evidenceStrengths.indexOf(strength) + 1;
  return (
    <span className={`strength strength-${strength}`}>
      <span className="strength-bars" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((n) => (
          <span key={n} className={n <= level ? 'strength-bar on' : 'strength-bar'} />
        ))}
      </span>{' '}
      {STRENGTH_LABEL[strength]}
      <span className="visually-hidden">
        {' '}
        (strength {level} of {methodology.evidenceStrengths.length})
      </span>
    </span>
  );
}

/** One piece of evidence, with its corrections and its removal from this idea (undoable). */
function EvidenceItem({ idea, e, dimName }: { idea: Idea; e: Evidence; dimName: (id: string) => string }) {
  const { ws, can, methodology } = useSession();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const fromEvidence = () => ({
    summary: e.summary,
    source: e.source,
    strength: e.strength,
    kind: e.kind,
    observedOn: e.observedOn,
    url: e.url ?? '',
  });
  const [draft, setDraft] = useState(fromEvidence);
  const link = e.links.find((l) => l.ideaId === idea.id);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [ws] });
  const save = useMutation({
    mutationFn: () =>
      api.updateEvidence(ws, idea.number, e.id, {
        version: e.version,
        summary: draft.summary.trim(),
        source: draft.source.trim(),
        strength: draft.strength,
        kind: draft.kind,
        observedOn: draft.observedOn,
        ...(draft.url.trim() ? { url: draft.url.trim() } : {}),
      }),
    onSuccess: async () => {
      setEditing(false);
      await refresh();
      showToast('Evidence corrected; scores computed again.');
    },
  });
  const remove = useMutation({
    mutationFn: () => api.unlinkEvidence(ws, idea.number, e.id),
    onSuccess: async () => {
      await refresh();
      showToast(`Evidence removed from #${idea.number}.`, {
        label: 'Undo',
        run: async () => {
          await api.linkEvidence(ws, idea.number, e.id, link?.dimensions ?? []);
          await refresh();
        },
      });
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const fid = `ev-${e.id}`;
  return (
    <li className="evidence">
      <p className="evidence-head">
        <StrengthMeter strength={e.strength} /> <span className="muted">· {KIND_LABEL[e.kind]}</span>
        <span className="muted"> · {fmtDate(e.observedOn)}</span>
      </p>
      {editing ? (
        <form
          className="stack"
          aria-label="Correct evidence"
          noValidate
          onSubmit={(ev) => {
            ev.preventDefault();
            save.mutate();
          }}
        >
          <div className="field">
            <label htmlFor={`${fid}-summary`}>Summary</label>
            <textarea
              rows={2}
              value={draft.summary}
              onChange={(ev) => setDraft({ ...draft, summary: ev.target.value })}
              {...describedBy(`${fid}-summary`, false, errors.summary)}
            />
            <FieldError id={`${fid}-summary-error`} message={errors.summary} />
          </div>
          <div className="field">
            <label htmlFor={`${fid}-source`}>Source</label>
            <input
              type="text"
              value={draft.source}
              onChange={(ev) => setDraft({ ...draft, source: ev.target.value })}
              {...describedBy(`${fid}-source`, false, errors.source)}
            />
            <FieldError id={`${fid}-source-error`} message={errors.source} />
          </div>
          <div className="field">
            <label htmlFor={`${fid}-strength`}>Strength</label>
            <select
              id={`${fid}-strength`}
              value={draft.strength}
              onChange={(ev) => setDraft({ ...draft, strength: ev.target.value as Evidence['strength'] })}
            >
              {methodology.evidenceStrengths.map((s) => (
                <option key={s} value={s}>
                  {STRENGTH_LABEL[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="row">
            <div className="field">
              <label htmlFor={`${fid}-kind`}>Kind</label>
              <select
                id={`${fid}-kind`}
                value={draft.kind}
                onChange={(ev) => setDraft({ ...draft, kind: ev.target.value as Evidence['kind'] })}
              >
                {methodology.evidenceKinds.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABEL[k]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${fid}-observedOn`}>Observed on</label>
              <input
                type="date"
                value={draft.observedOn}
                onChange={(ev) => setDraft({ ...draft, observedOn: ev.target.value })}
                {...describedBy(`${fid}-observedOn`, false, errors.observedOn)}
              />
              <FieldError id={`${fid}-observedOn-error`} message={errors.observedOn} />
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${fid}-url`}>Link (optional)</label>
            <input
              type="url"
              value={draft.url}
              onChange={(ev) => setDraft({ ...draft, url: ev.target.value })}
              {...describedBy(`${fid}-url`, false, errors.url)}
            />
            <FieldError id={`${fid}-url-error`} message={errors.url} />
          </div>
          {save.error && !Object.keys(errors).length ? (
            <div className="notice notice-error" role="alert">
              {describeError(save.error)}
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className="button button-primary button-small" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save evidence'}
            </button>
            <button type="button" className="button button-small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p>{e.summary}</p>
          <p className="muted small">
            Source: {e.url ? <a href={e.url}>{e.source}</a> : e.source}
            {link?.dimensions.length ? ` · supports ${link.dimensions.map(dimName).join(', ')}` : ''}
          </p>
          {can('contribute') ? (
            <div className="actions">
              <button
                type="button"
                className="button button-small"
                onClick={() => {
                  setDraft(fromEvidence());
                  setEditing(true);
                }}
              >
                Edit<span className="visually-hidden"> evidence: {e.summary.slice(0, 40)}</span>
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                Remove<span className="visually-hidden"> evidence: {e.summary.slice(0, 40)}</span>
              </button>
            </div>
          ) : null}
          {remove.error ? (
            <div className="notice notice-error" role="alert">
              {describeError(remove.error)}
            </div>
          ) : null}
        </>
      )}
    </li>
  );
}

interface Values {
  kind: Evidence['kind'];
  strength: Evidence['strength'];
  summary: string;
  source: string;
  observedOn: string;
  url: string;
  dimensions: string[];
}

/** What we know and how strong it is: what people do outweighs what they say. */
export function EvidenceSection({ idea }: { idea: Idea }) {
  const { ws, workspace, methodology } = useSession();
  const evidence = useEvidence(ws, idea.number);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState('');
  const dimName = (id: string) => workspace.dimensions.find((d) => d.id === id)?.name ?? id;

  if (evidence.isPending) return <Loading what="evidence" />;
  if (evidence.error) return <ErrorBox error={evidence.error} retry={() => evidence.refetch()} />;
  const items = [...evidence.data].sort(
    (a, b) => methodology.evidenceStrengths.indexOf(b.strength) - methodology.evidenceStrengths.indexOf(a.strength),
  );

  return (
    <>
      <p className="muted small">
        Strength, weakest to strongest: {methodology.evidenceStrengths.map((s) => STRENGTH_LABEL[s]).join(' < ')}. The
        strongest evidence linked to a dimension decides how much of its score the adjusted score keeps.
      </p>
      <p role="status" className="status-line">
        {message}
      </p>
      {items.length === 0 ? (
        <Empty title="No evidence yet.">
          <p>Scores without evidence are discounted. Add what you have seen, heard or measured.</p>
        </Empty>
      ) : (
        <ul className="evidence-list">
          {items.map((e) => (
            <EvidenceItem key={e.id} idea={idea} e={e} dimName={dimName} />
          ))}
        </ul>
      )}
      {adding ? (
        <AddEvidence
          idea={idea}
          onDone={(e) => {
            setAdding(false);
            setMessage(e ? `Evidence added: ${e.summary.slice(0, 60)}` : '');
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Add evidence
        </button>
      )}
    </>
  );
}

function AddEvidence({ idea, onDone }: { idea: Idea; onDone: (e: Evidence | null) => void }) {
  const { ws, workspace, can, methodology } = useSession();
  const queryClient = useQueryClient();
  const today = new Date().toISOString().slice(0, 10);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    defaultValues: {
      kind: 'interview-note',
      strength: 'interview',
      summary: '',
      source: '',
      observedOn: today,
      url: '',
      dimensions: [],
    },
  });
  const errors = formState.errors;
  const add = useMutation({
    mutationFn: (body: EvidenceCreate) => api.addEvidence(ws, idea.number, body),
    onSuccess: async (e) => {
      await queryClient.invalidateQueries({ queryKey: [ws] });
      onDone(e);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const fields = error.fieldErrors();
      for (const k of ['kind', 'strength', 'summary', 'source', 'observedOn', 'url', 'dimensions'] as const) {
        if (fields[k]) setError(k, { type: 'server', message: fields[k] });
      }
    },
  });
  const onSubmit = handleSubmit((v) =>
    add.mutate({
      kind: v.kind,
      strength: v.strength,
      summary: v.summary.trim(),
      source: v.source.trim(),
      observedOn: v.observedOn,
      ...(v.url.trim() ? { url: v.url.trim() } : {}),
      dimensions: v.dimensions,
    }),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="stack card-panel" aria-label="Add evidence">
      <h3>Add evidence</h3>
      <NotAllowed permission="contribute" to="add evidence" />
      <div className="row">
        <div className="field">
          <label htmlFor="ev-kind">Kind</label>
          <select {...register('kind')} {...describedBy('ev-kind', false, errors.kind?.message)}>
            {methodology.evidenceKinds.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
          <FieldError id="ev-kind-error" message={errors.kind?.message} />
        </div>
        <div className="field">
          <label htmlFor="ev-strength">Strength</label>
          <select {...register('strength')} {...describedBy('ev-strength', false, errors.strength?.message)}>
            {methodology.evidenceStrengths.map((s) => (
              <option key={s} value={s}>
                {STRENGTH_LABEL[s]}
              </option>
            ))}
          </select>
          <FieldError id="ev-strength-error" message={errors.strength?.message} />
        </div>
        <div className="field">
          <label htmlFor="ev-observedOn">Observed on</label>
          <input
            type="date"
            {...register('observedOn', { required: 'Say when it was observed.' })}
            {...describedBy('ev-observedOn', false, errors.observedOn?.message)}
          />
          <FieldError id="ev-observedOn-error" message={errors.observedOn?.message} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="ev-summary">What was seen, heard or measured</label>
        <textarea
          rows={3}
          {...register('summary', { validate: (v) => v.trim().length > 0 || 'Describe the evidence.' })}
          {...describedBy('ev-summary', false, errors.summary?.message)}
        />
        <FieldError id="ev-summary-error" message={errors.summary?.message} />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="ev-source">Source</label>
          <input
            type="text"
            {...register('source', { validate: (v) => v.trim().length > 0 || 'Say where it comes from.' })}
            {...describedBy('ev-source', false, errors.source?.message)}
          />
          <FieldError id="ev-source-error" message={errors.source?.message} />
        </div>
        <div className="field">
          <label htmlFor="ev-url">Link (optional)</label>
          <input type="url" {...register('url')} {...describedBy('ev-url', false, errors.url?.message)} />
          <FieldError id="ev-url-error" message={errors.url?.message} />
        </div>
      </div>
      <fieldset>
        <legend>Dimensions it supports</legend>
        <div className="checks">
          {workspace.dimensions.map((d) => (
            <label key={d.id} className="choice choice-inline">
              <input type="checkbox" value={d.id} {...register('dimensions')} /> {d.name}
            </label>
          ))}
        </div>
        <FieldError id="ev-dimensions-error" message={errors.dimensions?.message} />
      </fieldset>
      {add.error && !(add.error instanceof ApiError && add.error.problem.errors?.length) ? (
        <div className="notice notice-error" role="alert">
          {describeError(add.error)}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={add.isPending || !can('contribute')}>
          {add.isPending ? 'Adding…' : 'Add evidence'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
