import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { Link } from 'wouter';
import {
  MOSCOW,
  MOSCOW_NAMES,
  MVP_LIMITS,
  type MvpStepId,
  PMF_SIGNALS,
  STORY_CRITERIA,
  STORY_SCALE,
  STORY_SCALES,
} from '../../../methodology/index.ts';
import { ApiError, api } from '../api.ts';
import { useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { Idea, MvpData, MvpMetric, MvpReadout } from '../types.ts';
import { FormError, InputField } from './Fields.tsx';

type Step = NonNullable<MvpData['stories']>[number];
type UserClass = NonNullable<MvpData['userClasses']>[number];
type OutOfScope = NonNullable<MvpData['outOfScope']>[number];

/** A blank field is left out, not stored as "": a step counts only what was said. */
const said = (s: string | undefined): string | undefined => (s?.trim() ? s.trim() : undefined);
const lines = (s: string): string[] =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
/** The next free ref of a kind (U3, S7): one more than the highest, so a removed ref is never reused. */
const nextRef = (prefix: string, refs: string[]) =>
  `${prefix}${Math.max(0, ...refs.map((r) => Number(r.slice(1)) || 0)) + 1}`;

/** One step's form: each edits its part of the definition and saves the whole under the idea's version. */
export function StepForm({ step, idea, r }: { step: MvpStepId; idea: Idea; r: MvpReadout }) {
  const { ws } = useSession();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (mvp: MvpData) => api.updateIdea(ws, idea.number, { version: idea.version, mvp }),
    onSuccess: (saved) => {
      queryClient.setQueryData([ws, 'idea', String(idea.number)], saved);
      showToast('Step saved.');
    },
  });
  const mvp = idea.mvp ?? {};
  const props = { mvp, idea, r, save: (next: MvpData) => save.mutate(next), pending: save.isPending };
  const forms: Record<MvpStepId, ReactNode> = {
    context: <ContextStep {...props} />,
    users: <UsersStep {...props} />,
    market: <MarketStep {...props} />,
    concept: <ConceptStep {...props} />,
    backlog: <BacklogStep {...props} />,
    mvp: <CutStep {...props} />,
    success: <SuccessStep {...props} />,
  };
  return (
    <>
      {forms[step]}
      <FormError error={save.error} />
      {save.error instanceof ApiError ? <FieldList error={save.error} /> : null}
    </>
  );
}

/** The API's field messages in a list: a step's rows have no single field to show them next to. */
function FieldList({ error }: { error: ApiError }) {
  const messages = Object.values(error.fieldErrors());
  if (!messages.length) return null;
  return (
    <ul className="field-error">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

interface StepProps {
  mvp: MvpData;
  idea: Idea;
  r: MvpReadout;
  save: (next: MvpData) => void;
  pending: boolean;
}

function StepShell({
  label,
  pending,
  children,
  onSave,
}: {
  label: string;
  pending: boolean;
  children: ReactNode;
  onSave: () => void;
}) {
  return (
    <form
      className="stack card-panel"
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      {children}
      <div>
        <button type="submit" className="button button-primary" disabled={pending}>
          Save step
        </button>
      </div>
    </form>
  );
}

function TextArea({
  label,
  value,
  onChange,
  hint,
  rows = 3,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  rows?: number;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea
        id={id}
        rows={rows}
        value={value}
        maxLength={4000}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function ContextStep({ mvp, idea, save, pending }: StepProps) {
  const c = mvp.context ?? {};
  const [d, setD] = useState({
    headline: c.headline ?? '',
    problem: c.problem ?? '',
    market: c.market ?? '',
    keyPlayers: c.keyPlayers ?? '',
    conditions: c.conditions ?? '',
  });
  const set = (k: keyof typeof d) => (v: string) => setD({ ...d, [k]: v });
  return (
    <StepShell
      label="Set the context"
      pending={pending}
      onSave={() =>
        save({
          ...mvp,
          context: {
            headline: said(d.headline),
            problem: said(d.problem),
            market: said(d.market),
            keyPlayers: said(d.keyPlayers),
            conditions: said(d.conditions),
          },
        })
      }
    >
      <InputField
        label="Headline"
        hint="A few words; the documents use it as their title."
        value={d.headline}
        maxLength={80}
        onChange={(e) => set('headline')(e.target.value)}
      />
      <TextArea label="Problem" value={d.problem} onChange={set('problem')} />
      <TextArea label="Market" value={d.market} onChange={set('market')} />
      <TextArea label="Key players" value={d.keyPlayers} onChange={set('keyPlayers')} />
      <TextArea label="Conditions" value={d.conditions} onChange={set('conditions')} />
      <p className="small">
        The problem framing itself lives in the idea's <Link href={`/ideas/${idea.number}#frame`}>problem frame</Link>.
      </p>
    </StepShell>
  );
}

function UsersStep({ mvp, save, pending }: StepProps) {
  const [rows, setRows] = useState<UserClass[]>(mvp.userClasses ?? []);
  const edit = (i: number, patch: Partial<UserClass>) =>
    setRows(rows.map((u, j) => (j === i ? { ...u, ...patch } : u)));
  return (
    <StepShell
      label="Understand users"
      pending={pending}
      onSave={() =>
        save({
          ...mvp,
          userClasses: rows.map((u) => ({
            ref: u.ref,
            name: u.name.trim(),
            needs: said(u.needs),
            pains: said(u.pains),
            successCriteria: said(u.successCriteria),
          })),
        })
      }
    >
      {rows.map((u, i) => (
        <fieldset key={u.ref} className="stack mvp-row">
          <legend>
            {u.ref} {u.name || 'New user class'}
          </legend>
          <InputField
            label="User class"
            value={u.name}
            maxLength={120}
            onChange={(e) => edit(i, { name: e.target.value })}
          />
          <TextArea label="Needs" rows={2} value={u.needs ?? ''} onChange={(v) => edit(i, { needs: v })} />
          <TextArea label="Pains" rows={2} value={u.pains ?? ''} onChange={(v) => edit(i, { pains: v })} />
          <TextArea
            label="Success criteria"
            rows={2}
            value={u.successCriteria ?? ''}
            onChange={(v) => edit(i, { successCriteria: v })}
          />
          <div>
            <button type="button" className="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              Remove {u.ref}
            </button>
          </div>
        </fieldset>
      ))}
      {rows.length < MVP_LIMITS.userClasses ? (
        <div>
          <button
            type="button"
            className="button"
            onClick={() =>
              setRows([
                ...rows,
                {
                  ref: nextRef(
                    'U',
                    rows.map((u) => u.ref),
                  ),
                  name: '',
                },
              ])
            }
          >
            Add a user class
          </button>
        </div>
      ) : null}
    </StepShell>
  );
}

function MarketStep({ mvp, idea, r, save, pending }: StepProps) {
  const [whyNow, setWhyNow] = useState(mvp.whyNow ?? '');
  return (
    <StepShell label="Understand the market" pending={pending} onSave={() => save({ ...mvp, whyNow: said(whyNow) })}>
      <ul>
        <li>
          Alternatives and competitors: {r.competitors} recorded.{' '}
          <Link href={`/ideas/${idea.number}#competitors`}>Competitors and alternatives</Link>
        </li>
        <li>
          Market size: {r.sized ? 'recorded' : 'not recorded yet'}.{' '}
          <Link href={`/ideas/${idea.number}/economics`}>Economics and market size</Link>
        </li>
      </ul>
      <TextArea label="Why now" value={whyNow} onChange={setWhyNow} />
    </StepShell>
  );
}

function ConceptStep({ mvp, save, pending }: StepProps) {
  const c = mvp.concept ?? {};
  const [d, setD] = useState({
    valueProposition: c.valueProposition ?? '',
    formFactor: c.formFactor ?? '',
    happyPath: (c.happyPath ?? []).join('\n'),
    statement: c.statement ?? '',
  });
  return (
    <StepShell
      label="Refine the concept"
      pending={pending}
      onSave={() =>
        save({
          ...mvp,
          concept: {
            valueProposition: said(d.valueProposition),
            formFactor: said(d.formFactor),
            happyPath: lines(d.happyPath).length ? lines(d.happyPath) : undefined,
            statement: said(d.statement),
          },
        })
      }
    >
      <TextArea
        label="Value proposition"
        value={d.valueProposition}
        onChange={(v) => setD({ ...d, valueProposition: v })}
      />
      <InputField
        label="Form factor"
        hint="App, service, device, add-on…"
        value={d.formFactor}
        maxLength={300}
        onChange={(e) => setD({ ...d, formFactor: e.target.value })}
      />
      <TextArea
        label="Happy path"
        hint="One step a line, in order, from the need to the value."
        rows={5}
        value={d.happyPath}
        onChange={(v) => setD({ ...d, happyPath: v })}
      />
      <TextArea label="The idea in one sentence" value={d.statement} onChange={(v) => setD({ ...d, statement: v })} />
    </StepShell>
  );
}

function BacklogStep({ mvp, idea, save, pending }: StepProps) {
  const [rows, setRows] = useState<Step[]>(mvp.stories ?? []);
  const classes = mvp.userClasses ?? [];
  const edit = (i: number, patch: Partial<Step>) => setRows(rows.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  if (!classes.length)
    return (
      <p className="notice notice-warn">
        A story belongs to a user class: add one in step 2 first (
        <Link href={`/ideas/${idea.number}/mvp/users`}>Understand users</Link>).
      </p>
    );
  return (
    <StepShell
      label="Frame the complete product"
      pending={pending}
      onSave={() =>
        save({ ...mvp, stories: rows.map((s) => ({ ...s, iWant: s.iWant.trim(), soThat: s.soThat.trim() })) })
      }
    >
      {rows.map((s, i) => (
        <fieldset key={s.ref} className="stack mvp-row">
          <legend>{s.ref}</legend>
          <div className="row">
            <Select
              label="As"
              value={s.userClass}
              options={classes.map((c) => [c.ref, c.name] as const)}
              onChange={(v) => edit(i, { userClass: v })}
            />
            <InputField
              label="I want"
              value={s.iWant}
              maxLength={500}
              onChange={(e) => edit(i, { iWant: e.target.value })}
            />
            <InputField
              label="So that"
              value={s.soThat}
              maxLength={500}
              onChange={(e) => edit(i, { soThat: e.target.value })}
            />
          </div>
          <div>
            <button type="button" className="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              Remove {s.ref}
            </button>
          </div>
        </fieldset>
      ))}
      {rows.length < MVP_LIMITS.stories ? (
        <div>
          <button
            type="button"
            className="button"
            onClick={() =>
              setRows([
                ...rows,
                {
                  ref: nextRef(
                    'S',
                    rows.map((s) => s.ref),
                  ),
                  userClass: classes[0]!.ref,
                  iWant: '',
                  soThat: '',
                },
              ])
            }
          >
            Add a story
          </button>
        </div>
      ) : null}
    </StepShell>
  );
}

const SCORES = Array.from({ length: STORY_SCALE.max - STORY_SCALE.min + 1 }, (_, i) => String(STORY_SCALE.min + i));

function CutStep({ mvp, idea, r, save, pending }: StepProps) {
  const { ws } = useSession();
  const assumptions = useQuery({
    queryKey: [ws, 'assumptions', idea.number],
    queryFn: () => api.assumptions(ws, idea.number),
  });
  const [rows, setRows] = useState(
    (mvp.stories ?? []).map((s) => ({ ...s, acceptanceText: (s.acceptance ?? []).join('\n') })),
  );
  const [scope, setScope] = useState<OutOfScope[]>(mvp.outOfScope ?? []);
  const edit = (i: number, patch: Partial<(typeof rows)[number]>) =>
    setRows(rows.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const sentence = new Map(r.stories.map((s) => [s.ref, s]));
  const refs = (assumptions.data ?? []).map((a) => [a.ref, `${a.ref} ${a.statement.slice(0, 60)}`] as const);
  if (!rows.length)
    return (
      <p className="notice notice-warn">
        Write the stories first, in step 5 (
        <Link href={`/ideas/${idea.number}/mvp/backlog`}>Frame the complete product</Link>).
      </p>
    );
  return (
    <StepShell
      label="Synthesize the MVP"
      pending={pending}
      onSave={() =>
        save({
          ...mvp,
          stories: rows.map(({ acceptanceText, ...s }) => ({
            ...s,
            acceptance: lines(acceptanceText).length ? lines(acceptanceText) : undefined,
          })),
          outOfScope: scope.map((o) => ({ item: o.item.trim(), why: o.why.trim() })),
        })
      }
    >
      {rows.map((s, i) => (
        <fieldset key={s.ref} className="stack mvp-row" data-testid={`cut-${s.ref}`}>
          <legend>
            {s.ref} {sentence.get(s.ref)?.text}
            {sentence.get(s.ref)?.priority != null ? ` (priority ${sentence.get(s.ref)?.priority})` : ''}
          </legend>
          <div className="row">
            {STORY_CRITERIA.map((c) => (
              <Select
                key={c}
                label={STORY_SCALES[c].name}
                value={s[c] === undefined ? '' : String(s[c])}
                options={[['', '–'], ...SCORES.map((n) => [n, n] as const)]}
                onChange={(v) => edit(i, { [c]: v ? Number(v) : undefined })}
              />
            ))}
          </div>
          <div className="row">
            <Select
              label="Riskiest assumption it tests"
              value={s.tests ?? ''}
              options={[['', 'none'], ...refs]}
              onChange={(v) => edit(i, { tests: v || undefined })}
            />
            <Select
              label="Cut"
              value={s.moscow ?? ''}
              options={[['', 'not cut yet'], ...MOSCOW.map((m) => [m, MOSCOW_NAMES[m]] as const)]}
              onChange={(v) => edit(i, { moscow: (v || undefined) as Step['moscow'] })}
            />
          </div>
          <TextArea
            label="Acceptance criteria"
            hint="One a line; every must-have story needs at least one."
            rows={2}
            value={s.acceptanceText}
            onChange={(v) => edit(i, { acceptanceText: v })}
          />
        </fieldset>
      ))}
      <h3>Not doing (out of scope)</h3>
      {scope.map((o, i) => (
        <fieldset key={`scope-${i.toString()}`} className="row mvp-row">
          <legend className="visually-hidden">Out of scope {i + 1}</legend>
          <InputField
            label="Not doing"
            value={o.item}
            maxLength={300}
            onChange={(e) => setScope(scope.map((x, j) => (j === i ? { ...x, item: e.target.value } : x)))}
          />
          <InputField
            label="Why"
            value={o.why}
            maxLength={1000}
            onChange={(e) => setScope(scope.map((x, j) => (j === i ? { ...x, why: e.target.value } : x)))}
          />
          <button type="button" className="button" onClick={() => setScope(scope.filter((_, j) => j !== i))}>
            Remove
          </button>
        </fieldset>
      ))}
      <div>
        <button type="button" className="button" onClick={() => setScope([...scope, { item: '', why: '' }])}>
          Add to "not doing"
        </button>
      </div>
    </StepShell>
  );
}

const PMF_OPTIONS = [['', 'none'], ...PMF_SIGNALS.map((s) => [s.id, s.name] as const)] as const;

function SuccessStep({ mvp, idea, save, pending }: StepProps) {
  const [rows, setRows] = useState((mvp.metrics ?? []).map((m) => ({ ...m, thresholdText: String(m.threshold) })));
  const [own, setOwn] = useState<string | null>(null);
  const edit = (i: number, patch: Partial<(typeof rows)[number]>) =>
    setRows(rows.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const metrics = idea.successMetrics.map((m) => [m.metric, m.metric] as const);
  return (
    <StepShell
      label="Define success"
      pending={pending}
      onSave={() => {
        const bad = rows.findIndex((m) => !Number.isFinite(Number(m.thresholdText)) || !m.thresholdText.trim());
        if (bad >= 0) return setOwn(`Metric ${bad + 1}: the threshold must be a number.`);
        setOwn(null);
        save({
          ...mvp,
          metrics: rows.map(
            ({ thresholdText, ...m }): MvpMetric => ({
              ...m,
              metric: m.metric.trim(),
              threshold: Number(thresholdText),
            }),
          ),
        });
      }}
    >
      {metrics.length ? null : (
        <p className="small">
          The idea has no success metric yet to tie to: add one in{' '}
          <Link href={`/ideas/${idea.number}#criteria`}>Success and kill criteria</Link>.
        </p>
      )}
      {rows.map((m, i) => (
        <fieldset key={`metric-${i.toString()}`} className="stack mvp-row">
          <legend>Metric {i + 1}</legend>
          <div className="row">
            <InputField
              label="Metric"
              value={m.metric}
              maxLength={200}
              onChange={(e) => edit(i, { metric: e.target.value })}
            />
            <InputField
              label="Threshold"
              inputMode="decimal"
              value={m.thresholdText}
              onChange={(e) => edit(i, { thresholdText: e.target.value })}
            />
            <InputField
              label="Unit"
              value={m.unit ?? ''}
              maxLength={40}
              onChange={(e) => edit(i, { unit: said(e.target.value) })}
            />
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={m.higherIsBetter === false}
              onChange={(e) => edit(i, { higherIsBetter: e.target.checked ? false : undefined })}
            />{' '}
            Lower is better
          </label>
          <div className="row">
            <Select
              label="Feeds the idea's success metric"
              value={m.successMetric ?? ''}
              options={[['', 'none'], ...metrics]}
              onChange={(v) => edit(i, { successMetric: v || undefined })}
            />
            <Select
              label="Feeds the product-market fit signal"
              value={m.pmfSignal ?? ''}
              options={PMF_OPTIONS}
              onChange={(v) => edit(i, { pmfSignal: (v || undefined) as MvpMetric['pmfSignal'] })}
            />
          </div>
          <div>
            <button type="button" className="button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              Remove metric {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      {own ? (
        <p className="field-error" role="alert">
          {own}
        </p>
      ) : null}
      <div>
        <button
          type="button"
          className="button"
          onClick={() => setRows([...rows, { metric: '', threshold: 0, thresholdText: '' }])}
        >
          Add a metric
        </button>
      </div>
    </StepShell>
  );
}
