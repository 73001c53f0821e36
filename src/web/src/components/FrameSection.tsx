import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, api, describeError } from '../api.ts';
import { threeWay } from '../merge.ts';
import { NotAllowed, useSession } from '../session.tsx';
import type { Frame, FramePut, Idea } from '../types.ts';
import { describedBy, ErrorBox, FieldError, fmtDate, Loading } from '../ui.tsx';

const TEXT_FIELDS = [
  'who',
  'currentState',
  'idealState',
  'gap',
  'environment',
  'dynamics',
  'coping',
  'painEvidence',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type Values = Record<TextField | 'metric' | 'current' | 'target' | 'unit', string>;
const KEY: TextField[] = ['currentState', 'idealState', 'gap'];

const valuesOf = (f: Frame | null): Values => ({
  who: f?.who ?? '',
  currentState: f?.currentState ?? '',
  idealState: f?.idealState ?? '',
  gap: f?.gap ?? '',
  environment: f?.environment ?? '',
  dynamics: f?.dynamics ?? '',
  coping: f?.coping ?? '',
  painEvidence: f?.painEvidence ?? '',
  metric: f?.gapMetric?.metric ?? '',
  current: f?.gapMetric ? String(f.gapMetric.current) : '',
  target: f?.gapMetric ? String(f.gapMetric.target) : '',
  unit: f?.gapMetric?.unit ?? '',
});

interface Conflict {
  by: string;
  takenFromThem: string[];
  bothChanged: { field: string; theirs: string }[];
}

/** The problem frame: current state, ideal state and the gap first, then the rest of the template. */
export function FrameSection({ idea }: { idea: Idea }) {
  const { ws, can, methodology } = useSession();
  const queryClient = useQueryClient();
  const frame = useQuery({ queryKey: [ws, 'frame', idea.number], queryFn: () => api.frame(ws, idea.number) });
  const [editing, setEditing] = useState(false);
  const [base, setBase] = useState<{ values: Values; version: number }>({ values: valuesOf(null), version: 0 });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState('');
  const form = useForm<Values>();
  const { register, handleSubmit, setError, getValues, setValue, reset, formState } = form;
  const errors = formState.errors;
  const meta = (id: string) => methodology.frameFields.find((f) => f.id === id);
  const label = (id: string) =>
    meta(id)?.label ?? { metric: 'Gap metric', current: 'Now', target: 'Target', unit: 'Unit' }[id] ?? id;

  const startEditing = () => {
    const values = valuesOf(frame.data ?? null);
    setBase({ values, version: frame.data?.version ?? 0 });
    reset(values);
    setConflict(null);
    setSaved('');
    setEditing(true);
  };

  const save = useMutation({
    mutationFn: (body: FramePut) => api.putFrame(ws, idea.number, body),
    onSuccess: async (f) => {
      queryClient.setQueryData([ws, 'frame', idea.number], f);
      setEditing(false);
      setConflict(null);
      setSaved('Frame saved.');
      await queryClient.invalidateQueries({ queryKey: [ws] });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isConflict) {
        // Someone saved first. Bring in what they changed where this person did not type; keep everything typed.
        const latest = await api.frame(ws, idea.number).catch(() => null);
        if (!latest) return;
        const theirs = valuesOf(latest);
        const { merged, takenFromThem, bothChanged } = threeWay(base.values, getValues(), theirs);
        for (const k of takenFromThem) setValue(k, merged[k]);
        setBase({ values: theirs, version: latest.version });
        setConflict({
          by: latest.updatedBy?.name ?? 'Someone',
          takenFromThem: takenFromThem.map(String),
          bothChanged: bothChanged.map((k) => ({ field: String(k), theirs: theirs[k] })),
        });
        queryClient.setQueryData([ws, 'frame', idea.number], latest);
        return;
      }
      if (error instanceof ApiError) {
        for (const e of error.problem.errors ?? []) {
          const [field, sub] = e.path.replace(/^\//, '').split('/');
          const key = (field === 'gapMetric' ? (sub ?? 'metric') : field) as keyof Values;
          setError(key, { type: 'server', message: e.message });
        }
      }
    },
  });

  const onSubmit = handleSubmit((v) => {
    const body: FramePut = { version: base.version };
    for (const k of TEXT_FIELDS) body[k] = v[k].trim();
    body.gapMetric = v.metric.trim()
      ? { metric: v.metric.trim(), current: Number(v.current), target: Number(v.target), unit: v.unit.trim() }
      : null;
    save.mutate(body);
  });

  if (frame.isPending) return <Loading what="the problem frame" />;
  if (frame.error) return <ErrorBox error={frame.error} retry={() => frame.refetch()} />;
  const f = frame.data;

  if (!editing) {
    return (
      <>
        <p role="status" className="status-line">
          {saved}
        </p>
        {f ? (
          <>
            <div className="gap-grid">
              {KEY.map((k) => (
                <div key={k} className={`gap-cell gap-${k}`}>
                  <h3>{label(k)}</h3>
                  <p>{f[k] || <span className="muted">Not written yet.</span>}</p>
                </div>
              ))}
            </div>
            {f.gapMetric ? (
              <p className="gap-metric">
                <strong>{f.gapMetric.metric}:</strong> {f.gapMetric.current} {f.gapMetric.unit} now, target{' '}
                {f.gapMetric.target} {f.gapMetric.unit}
              </p>
            ) : null}
            <dl className="frame-rest">
              {TEXT_FIELDS.filter((k) => !KEY.includes(k)).map((k) => (
                <div key={k}>
                  <dt>{label(k)}</dt>
                  <dd>{f[k] || <span className="muted">Not written yet.</span>}</dd>
                </div>
              ))}
            </dl>
            <p className="muted small">
              Version {f.version}, last saved {fmtDate(f.updatedAt)}
              {f.updatedBy ? ` by ${f.updatedBy.name}` : ''}.
            </p>
          </>
        ) : (
          <div className="empty">
            <p className="empty-title">Not framed yet.</p>
            <p>Frame it as a problem: what happens today, what good would look like, and the gap between them.</p>
          </div>
        )}
        <button type="button" className="button" onClick={startEditing}>
          {f ? 'Edit frame' : 'Frame this problem'}
        </button>
      </>
    );
  }

  const textField = (k: TextField, rows = 3) => {
    const m = meta(k);
    const theirs = conflict?.bothChanged.find((c) => c.field === k);
    const id = `frame-${k}`;
    return (
      <div className="field" key={k}>
        <label htmlFor={id}>{label(k)}</label>
        {m ? (
          <p className="hint" id={`${id}-hint`}>
            {m.prompt}
          </p>
        ) : null}
        <textarea rows={rows} {...register(k)} {...describedBy(id, !!m, errors[k]?.message)} />
        <FieldError id={`${id}-error`} message={errors[k]?.message} />
        {theirs ? (
          <div className="theirs">
            <strong>{conflict?.by} saved this meanwhile:</strong> {theirs.theirs || <em>(empty)</em>}
          </div>
        ) : null}
      </div>
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="stack frame-form" aria-label="Edit the problem frame">
      <NotAllowed permission="contribute" to="save the frame" />
      {conflict ? (
        <div className="notice notice-warn" role="alert">
          <p>
            <strong>{conflict.by} saved this frame while you were editing.</strong> Nothing of yours was lost: your text
            is still in the form, and nothing was saved yet.
          </p>
          {conflict.takenFromThem.length ? (
            <p>
              Their changes to fields you had not touched are now in the form:{' '}
              {conflict.takenFromThem.map(label).join(', ')}.
            </p>
          ) : null}
          {conflict.bothChanged.length ? (
            <p>
              You both changed {conflict.bothChanged.map((c) => label(c.field)).join(', ')}: your text is kept, theirs
              is shown under the field.
            </p>
          ) : null}
          <p>Check the form, then save again to keep the combination.</p>
        </div>
      ) : null}
      <div className="gap-grid">{KEY.map((k) => textField(k, 5))}</div>
      <fieldset className="metric">
        <legend>Gap in figures (optional)</legend>
        <div className="metric-fields">
          {(['metric', 'current', 'target', 'unit'] as const).map((k) => (
            <div className="field" key={k}>
              <label htmlFor={`frame-${k}`}>{label(k)}</label>
              <input
                type={k === 'current' || k === 'target' ? 'number' : 'text'}
                step="any"
                {...register(k, {
                  validate: (v, all) =>
                    k !== 'metric' && all.metric.trim() && (k === 'current' || k === 'target') && v.trim() === ''
                      ? 'Give a number, or clear the metric name.'
                      : true,
                })}
                {...describedBy(`frame-${k}`, false, errors[k]?.message)}
              />
              <FieldError id={`frame-${k}-error`} message={errors[k]?.message} />
            </div>
          ))}
        </div>
      </fieldset>
      {TEXT_FIELDS.filter((k) => !KEY.includes(k)).map((k) => textField(k))}
      {save.error &&
      !(save.error instanceof ApiError && (save.error.isConflict || save.error.problem.errors?.length)) ? (
        <div className="notice notice-error" role="alert">
          {describeError(save.error)}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.isPending || !can('contribute')}>
          {save.isPending ? 'Saving…' : 'Save frame'}
        </button>
        <button type="button" className="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
