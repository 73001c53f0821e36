import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { ApiError, api, describeError } from '../api.ts';
import { NotAllowed, useSession } from '../session.tsx';
import type { Idea, IdeaUpdate } from '../types.ts';

type Metric = Idea['successMetrics'][number];
type Kill = Idea['killCriteria'][number];

const metricText = (m: Metric) =>
  `${m.metric}: ${m.higherIsBetter === false ? 'down to' : 'up to'} ${m.target}${m.unit ? ` ${m.unit}` : ''}` +
  `${m.baseline !== undefined ? ` (from ${m.baseline})` : ''}${m.byWhen ? ` by ${m.byWhen}` : ''}`;
const killText = (k: Kill) =>
  `${k.statement}${k.metric !== undefined && k.threshold !== undefined ? ` (${k.metric} ${k.higherIsBetter === false ? '≥' : '≤'} ${k.threshold})` : ''}${k.byWhen ? ` by ${k.byWhen}` : ''}`;

const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

/**
 * The idea's success metrics and kill criteria: what success is in a number, and when the team stops. Required
 * from Validation on by the challenger; each change is saved at once, against the idea's version.
 */
export function CriteriaSection({ idea }: { idea: Idea }) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const [status, setStatus] = useState('');
  const [m, setM] = useState({ metric: '', target: '', baseline: '', unit: '', byWhen: '', lower: false });
  const [k, setK] = useState({ statement: '', metric: '', threshold: '', byWhen: '' });
  const save = useMutation({
    mutationFn: (body: Omit<IdeaUpdate, 'version'>) =>
      api.updateIdea(ws, idea.number, { version: idea.version, ...body }),
    onSuccess: async (_idea, body) => {
      setStatus(body.successMetrics ? 'Success metrics saved.' : 'Kill criteria saved.');
      await queryClient.invalidateQueries({ queryKey: [ws] });
    },
  });
  const errors = save.error instanceof ApiError ? (save.error.problem.errors ?? []) : [];
  const errorText = save.error
    ? errors.length
      ? errors.map((e) => `${e.path}: ${e.message}`).join('; ')
      : describeError(save.error)
    : '';
  const disabled = save.isPending || !can('contribute');

  const addMetric = () => {
    const target = num(m.target);
    if (!m.metric.trim() || target === undefined || !Number.isFinite(target)) {
      setStatus('A success metric needs a name and a target number.');
      return;
    }
    const baseline = num(m.baseline);
    const metric: Metric = {
      metric: m.metric.trim(),
      target,
      ...(m.unit.trim() ? { unit: m.unit.trim() } : {}),
      ...(baseline !== undefined ? { baseline } : {}),
      ...(m.byWhen ? { byWhen: m.byWhen } : {}),
      ...(m.lower ? { higherIsBetter: false } : {}),
    };
    save.mutate(
      { successMetrics: [...idea.successMetrics, metric] },
      { onSuccess: () => setM({ metric: '', target: '', baseline: '', unit: '', byWhen: '', lower: false }) },
    );
  };
  const addKill = () => {
    if (!k.statement.trim()) {
      setStatus('A kill criterion needs its sentence: "We stop if …".');
      return;
    }
    const threshold = num(k.threshold);
    const kill: Kill = {
      statement: k.statement.trim(),
      ...(k.metric.trim() ? { metric: k.metric.trim() } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      ...(k.byWhen ? { byWhen: k.byWhen } : {}),
    };
    save.mutate(
      { killCriteria: [...idea.killCriteria, kill] },
      { onSuccess: () => setK({ statement: '', metric: '', threshold: '', byWhen: '' }) },
    );
  };
  const field = (name: string, label: string, input: React.ReactNode) => (
    <div className="field" key={name}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {input}
    </div>
  );

  return (
    <>
      <p className="muted small">
        What success is, in a number, and when you stop. The challenger asks for both in Discovery and requires them
        from Validation on.
      </p>
      <p role="status" className="status-line">
        {status}
      </p>
      {errorText ? (
        <div className="notice notice-error" role="alert">
          {errorText}
        </div>
      ) : null}
      <NotAllowed permission="contribute" to="change the criteria" />
      <h3 id={`${id}-sm`}>Success metrics</h3>
      <RemovableList
        items={idea.successMetrics}
        labelledBy={`${id}-sm`}
        testId="success-metrics"
        text={metricText}
        name={(s) => `success metric “${s.metric}”`}
        disabled={disabled}
        onRemove={(i) => save.mutate({ successMetrics: idea.successMetrics.filter((_, j) => j !== i) })}
      />
      <form
        className="stack card-panel"
        aria-label="Add a success metric"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          addMetric();
        }}
      >
        <div className="metric-fields">
          {field(
            'metric',
            'Metric',
            <input id={`${id}-metric`} value={m.metric} onChange={(e) => setM({ ...m, metric: e.target.value })} />,
          )}
          {field(
            'target',
            'Target',
            <input
              id={`${id}-target`}
              type="number"
              step="any"
              value={m.target}
              onChange={(e) => setM({ ...m, target: e.target.value })}
            />,
          )}
          {field(
            'baseline',
            'Baseline (today)',
            <input
              id={`${id}-baseline`}
              type="number"
              step="any"
              value={m.baseline}
              onChange={(e) => setM({ ...m, baseline: e.target.value })}
            />,
          )}
          {field(
            'unit',
            'Unit',
            <input id={`${id}-unit`} value={m.unit} onChange={(e) => setM({ ...m, unit: e.target.value })} />,
          )}
          {field(
            'by',
            'By when',
            <input
              id={`${id}-by`}
              type="date"
              value={m.byWhen}
              onChange={(e) => setM({ ...m, byWhen: e.target.value })}
            />,
          )}
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={m.lower} onChange={(e) => setM({ ...m, lower: e.target.checked })} /> Lower is
          better
        </label>
        <div className="actions">
          <button type="submit" className="button" disabled={disabled}>
            Add success metric
          </button>
        </div>
      </form>
      <h3 id={`${id}-kc`}>Kill criteria</h3>
      <RemovableList
        items={idea.killCriteria}
        labelledBy={`${id}-kc`}
        testId="kill-criteria"
        text={killText}
        name={(c) => `kill criterion “${c.statement}”`}
        disabled={disabled}
        onRemove={(i) => save.mutate({ killCriteria: idea.killCriteria.filter((_, j) => j !== i) })}
      />
      <form
        className="stack card-panel"
        aria-label="Add a kill criterion"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          addKill();
        }}
      >
        {field(
          'kill',
          'We stop if …',
          <input id={`${id}-kill`} value={k.statement} onChange={(e) => setK({ ...k, statement: e.target.value })} />,
        )}
        <div className="metric-fields">
          {field(
            'kill-metric',
            'Metric (optional)',
            <input
              id={`${id}-kill-metric`}
              value={k.metric}
              onChange={(e) => setK({ ...k, metric: e.target.value })}
            />,
          )}
          {field(
            'kill-threshold',
            'Stop at or below (optional)',
            <input
              id={`${id}-kill-threshold`}
              type="number"
              step="any"
              value={k.threshold}
              onChange={(e) => setK({ ...k, threshold: e.target.value })}
            />,
          )}
          {field(
            'kill-by',
            'By when (optional)',
            <input
              id={`${id}-kill-by`}
              type="date"
              value={k.byWhen}
              onChange={(e) => setK({ ...k, byWhen: e.target.value })}
            />,
          )}
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={disabled}>
            Add kill criterion
          </button>
        </div>
      </form>
    </>
  );
}

/** A stated list with a Remove button per item, or a line saying nothing is stated yet. */
function RemovableList<T>(props: {
  items: readonly T[];
  labelledBy: string;
  testId: string;
  text: (item: T) => ReactNode;
  /** What the item is called in its Remove button's accessible name. */
  name: (item: T) => string;
  disabled: boolean;
  onRemove: (index: number) => void;
}) {
  if (!props.items.length) return <p className="muted">None stated yet.</p>;
  return (
    <ul className="plain-list" aria-labelledby={props.labelledBy} data-testid={props.testId}>
      {props.items.map((item, i) => (
        <li key={JSON.stringify(item)}>
          {props.text(item)}{' '}
          <button
            type="button"
            className="button button-small"
            disabled={props.disabled}
            aria-label={`Remove ${props.name(item)}`}
            onClick={() => props.onRemove(i)}
          >
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
