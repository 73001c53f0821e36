import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '../api.ts';
import { NotAllowed, useSession } from '../session.tsx';
import type { ExperimentCreate, Idea, StoredExperiment } from '../types.ts';
import { describedBy, FieldError } from '../ui.tsx';
import { FormError, fieldErrors, InputField } from './Fields.tsx';

type Method = ExperimentCreate['method'];
/** Every method the test card allows (the record's type makes the list complete). */
const METHODS: Record<Method, string> = {
  interviews: 'Interviews',
  survey: 'Survey',
  'smoke-test': 'Smoke test',
  'fake-door': 'Fake door',
  concierge: 'Concierge',
  'wizard-of-oz': 'Wizard of Oz',
  'prototype-test': 'Prototype test',
  'a-b-test': 'A/B test',
  'pre-sale': 'Pre-sale',
  other: 'Other',
};

const text = (v: string | undefined) => v ?? '';
const numText = (v: number | undefined) => (v === undefined ? '' : String(v));
const optNum = (s: string) => (s.trim() === '' ? undefined : Number(s));

/**
 * A test card, written before the experiment runs: "We believe … because …; we are wrong when …", the method,
 * the metric with its success and kill thresholds, a minimum sample and a deadline, and the assumptions it
 * tests. Before it starts every field may change; starting it locks the criteria.
 */
export function ExperimentForm({
  idea,
  experiment,
  onDone,
}: {
  idea: Idea;
  experiment?: StoredExperiment | undefined;
  onDone: (saved: StoredExperiment | null) => void;
}) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const x = experiment;
  const [hypothesis, setHypothesis] = useState(text(x?.hypothesis));
  const [because, setBecause] = useState(text(x?.because));
  const [wrongWhen, setWrongWhen] = useState(text(x?.wrongWhen));
  const [method, setMethod] = useState<Method>(x?.method ?? 'interviews');
  const [metric, setMetric] = useState(text(x?.metric));
  const [success, setSuccess] = useState(numText(x?.successThreshold));
  const [kill, setKill] = useState(numText(x?.killThreshold));
  const [higherIsBetter, setHigher] = useState(x?.higherIsBetter !== false);
  const [minSample, setMinSample] = useState(numText(x?.minSample));
  const [deadline, setDeadline] = useState(text(x?.deadline));
  const [tests, setTests] = useState<string[]>(x?.tests ?? []);
  const assumptions = useQuery({
    queryKey: [ws, 'assumption-map', idea.number],
    queryFn: () => api.assumptionMap(ws, idea.number),
  });

  const save = useMutation({
    mutationFn: () => {
      const card = {
        hypothesis: hypothesis.trim(),
        method,
        metric: metric.trim(),
        higherIsBetter,
        tests,
        ...(because.trim() ? { because: because.trim() } : {}),
      };
      if (!x) {
        const body: ExperimentCreate = {
          ...card,
          ...(wrongWhen.trim() ? { wrongWhen: wrongWhen.trim() } : {}),
          ...(optNum(success) !== undefined ? { successThreshold: optNum(success) } : {}),
          ...(optNum(kill) !== undefined ? { killThreshold: optNum(kill) } : {}),
          ...(optNum(minSample) !== undefined ? { minSample: optNum(minSample) } : {}),
          ...(deadline ? { deadline } : {}),
        };
        return api.addExperiment(ws, idea.number, body);
      }
      return api.updateExperiment(ws, idea.number, x.id, {
        ...card,
        version: x.version,
        wrongWhen: wrongWhen.trim() || null,
        successThreshold: optNum(success) ?? null,
        killThreshold: optNum(kill) ?? null,
        minSample: optNum(minSample) ?? null,
        deadline: deadline || null,
      });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: [ws] });
      onDone(saved);
    },
  });
  const errors = fieldErrors(save.error);
  const title = x ? `Edit ${x.ref}` : 'Write a test card';

  return (
    <form
      className="stack card-panel"
      aria-label={title}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h4 className="h3">{title}</h4>
      <NotAllowed permission="contribute" to="write a test card" />
      <div className="field">
        <label htmlFor={`${id}-hypothesis`}>We believe…</label>
        <textarea
          rows={2}
          value={hypothesis}
          onChange={(e) => setHypothesis(e.target.value)}
          {...describedBy(`${id}-hypothesis`, false, errors.hypothesis)}
        />
        <FieldError id={`${id}-hypothesis-error`} message={errors.hypothesis} />
      </div>
      <InputField label="Because… (optional)" value={because} onChange={(e) => setBecause(e.target.value)} />
      <InputField
        label="We are wrong when… (optional)"
        value={wrongWhen}
        onChange={(e) => setWrongWhen(e.target.value)}
        error={errors.wrongWhen}
      />
      <div className="grid-2">
        <div className="field">
          <label htmlFor={`${id}-method`}>Method</label>
          <select id={`${id}-method`} value={method} onChange={(e) => setMethod(e.target.value as Method)}>
            {Object.entries(METHODS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <InputField label="Metric" value={metric} onChange={(e) => setMetric(e.target.value)} error={errors.metric} />
        <InputField
          label="Success at"
          inputMode="decimal"
          value={success}
          onChange={(e) => setSuccess(e.target.value)}
          error={errors.successThreshold}
        />
        <InputField
          label="Kill at"
          inputMode="decimal"
          value={kill}
          onChange={(e) => setKill(e.target.value)}
          error={errors.killThreshold}
        />
        <InputField
          label="Minimum sample"
          inputMode="numeric"
          value={minSample}
          onChange={(e) => setMinSample(e.target.value)}
          error={errors.minSample}
        />
        <InputField
          label="Deadline"
          type="date"
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          error={errors.deadline}
        />
      </div>
      <label className="choice">
        <input type="checkbox" checked={higherIsBetter} onChange={(e) => setHigher(e.target.checked)} /> Higher is
        better
      </label>
      {assumptions.data?.length ? (
        <fieldset>
          <legend>Assumptions it tests</legend>
          {assumptions.data.map((a) => (
            <label key={a.ref} className="choice">
              <input
                type="checkbox"
                checked={tests.includes(a.ref)}
                onChange={(e) => setTests(e.target.checked ? [...tests, a.ref] : tests.filter((t) => t !== a.ref))}
              />{' '}
              {a.ref}: {a.statement}
            </label>
          ))}
        </fieldset>
      ) : null}
      <FormError
        error={save.error}
        shown={['hypothesis', 'wrongWhen', 'metric', 'successThreshold', 'killThreshold', 'minSample', 'deadline']}
      />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.isPending || !can('contribute')}>
          {save.isPending ? 'Saving…' : x ? 'Save test card' : 'Add test card'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
