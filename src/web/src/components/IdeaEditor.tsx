import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { Idea, IdeaUpdate } from '../types.ts';
import { describedBy, FieldError } from '../ui.tsx';
import { type Errors, FormError, fieldErrors, InputField } from './Fields.tsx';

type Statement = NonNullable<Idea['statement']>;
type Economics = NonNullable<Idea['economics']>;

const STATEMENT_PARTS: { key: keyof Statement; label: string }[] = [
  { key: 'object', label: 'A … (what it is)' },
  { key: 'users', label: 'for … (who)' },
  { key: 'doesWhat', label: 'that … (what it does)' },
  { key: 'goal', label: 'in order to … (the goal)' },
  { key: 'value', label: 'users benefit by … (the value)' },
  { key: 'situation', label: 'when … (the situation)' },
];

/** Money is kept in minor units; people type it in the major unit. */
const toMinor = (s: string) => (s.trim() === '' ? undefined : Math.round(Number(s) * 100));
const fromMinor = (n: number | undefined) => (n === undefined ? '' : String(n / 100));
const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
const str = (n: number | undefined) => (n === undefined ? '' : String(n));

type MoneyKey = 'arpuMonthly' | 'cac' | 'tam' | 'sam' | 'som';
const MONEY: { key: MoneyKey; label: string }[] = [
  { key: 'arpuMonthly', label: 'Revenue per customer a month' },
  { key: 'cac', label: 'Cost to acquire a customer' },
  { key: 'tam', label: 'Total market (TAM)' },
  { key: 'sam', label: 'Serviceable market (SAM)' },
  { key: 'som', label: 'Obtainable market (SOM)' },
];

interface Draft {
  title: string;
  description: string;
  tags: string;
  statement: Record<keyof Statement, string>;
  rice: { reach: string; impact: string; confidence: string; effort: string };
  ice: { impact: string; confidence: string; ease: string };
  economics: Record<MoneyKey, string> & { currency: string; grossMargin: string; monthlyChurn: string; notes: string };
}

const draftOf = (idea: Idea): Draft => {
  const e: Economics = idea.economics ?? {};
  return {
    title: idea.title,
    description: idea.description,
    tags: idea.tags.join(', '),
    statement: Object.fromEntries(STATEMENT_PARTS.map((p) => [p.key, idea.statement?.[p.key] ?? ''])) as Record<
      keyof Statement,
      string
    >,
    rice: {
      reach: str(idea.rice?.reach),
      impact: str(idea.rice?.impact),
      confidence: str(idea.rice?.confidence),
      effort: str(idea.rice?.effort),
    },
    ice: { impact: str(idea.ice?.impact), confidence: str(idea.ice?.confidence), ease: str(idea.ice?.ease) },
    economics: {
      currency: e.currency ?? '',
      arpuMonthly: fromMinor(e.arpuMonthly),
      cac: fromMinor(e.cac),
      tam: fromMinor(e.tam),
      sam: fromMinor(e.sam),
      som: fromMinor(e.som),
      grossMargin: str(e.grossMargin),
      monthlyChurn: str(e.monthlyChurn),
      notes: e.notes ?? '',
    },
  };
};

/** The fields of an idea as an update: every group all-or-nothing (a half-written statement is none). */
function changesOf(d: Draft, kept: Economics | null): { body: Omit<IdeaUpdate, 'version'>; errors: Errors } {
  const errors: Errors = {};
  const tags = d.tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const parts = STATEMENT_PARTS.map((p) => d.statement[p.key].trim());
  let statement: Statement | null = null;
  if (parts.some(Boolean)) {
    if (parts.every(Boolean))
      statement = Object.fromEntries(STATEMENT_PARTS.map((p, i) => [p.key, parts[i]])) as Statement;
    else errors.statement = 'Fill in every part of the statement, or none.';
  }
  const riceValues = Object.values(d.rice).map((v) => v.trim());
  let rice: Idea['rice'] = null;
  if (riceValues.some(Boolean)) {
    if (riceValues.every(Boolean))
      rice = {
        reach: Number(d.rice.reach),
        impact: Number(d.rice.impact),
        confidence: Number(d.rice.confidence),
        effort: Number(d.rice.effort),
      };
    else errors.rice = 'Give reach, impact, confidence and effort, or none of them.';
  }
  const iceValues = Object.values(d.ice).map((v) => v.trim());
  let ice: Idea['ice'] = null;
  if (iceValues.some(Boolean)) {
    if (iceValues.every(Boolean))
      ice = { impact: Number(d.ice.impact), confidence: Number(d.ice.confidence), ease: Number(d.ice.ease) };
    else errors.ice = 'Give impact, confidence and ease, or none of them.';
  }
  const e = d.economics;
  // Channels, scenarios, sources and structured sizing are edited on the economics page: kept as they are.
  const { cacChannels, basis, scenarios, sizing } = kept ?? {};
  const economics: Economics = {
    ...(cacChannels ? { cacChannels } : {}),
    ...(basis ? { basis } : {}),
    ...(scenarios ? { scenarios } : {}),
    ...(sizing ? { sizing } : {}),
  };
  if (e.currency.trim()) economics.currency = e.currency.trim().toUpperCase();
  for (const m of MONEY) {
    const v = toMinor(e[m.key]);
    if (v !== undefined) economics[m.key] = v;
  }
  const margin = num(e.grossMargin);
  if (margin !== undefined) economics.grossMargin = margin;
  const churn = num(e.monthlyChurn);
  if (churn !== undefined) economics.monthlyChurn = churn;
  if (e.notes.trim()) economics.notes = e.notes.trim();
  return {
    body: {
      title: d.title.trim(),
      description: d.description,
      tags,
      statement,
      rice,
      ice,
      economics: Object.keys(economics).length ? economics : null,
    },
    errors,
  };
}

/** Edit everything an idea is: title, description, tags, its one-sentence statement, RICE/ICE and economics. */
export function IdeaEditor({ idea, onDone }: { idea: Idea; onDone: () => void }) {
  const { ws } = useSession();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => draftOf(idea));
  const [own, setOwn] = useState<Errors>({});
  const form = useRef<HTMLFormElement>(null);
  const before = useRef(idea);
  const id = useId();
  const key = [ws, 'idea', String(idea.number)];

  const save = useMutation({
    mutationFn: (body: IdeaUpdate) => api.updateIdea(ws, idea.number, body),
    onSuccess: (saved) => {
      // The answer is the idea as stored: show it at once, then let lists catch up.
      queryClient.setQueryData(key, saved);
      void queryClient.invalidateQueries({ queryKey: [ws, 'ideas'] });
      const old = before.current;
      showToast(`Saved #${saved.number}.`, {
        label: 'Undo',
        run: async () => {
          const current = queryClient.getQueryData<Idea>(key) ?? saved;
          const restored = await api.updateIdea(ws, idea.number, {
            version: current.version,
            title: old.title,
            description: old.description,
            tags: old.tags,
            statement: old.statement,
            rice: old.rice,
            ice: old.ice,
            economics: old.economics,
          });
          queryClient.setQueryData(key, restored);
          showToast(`Changes to #${restored.number} undone.`);
        },
      });
      onDone();
    },
  });
  const errors = fieldErrors(save.error, own);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  return (
    <form
      ref={form}
      className="stack card-panel idea-editor"
      aria-label={`Edit idea #${idea.number}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const { body, errors: found } = changesOf(draft, idea.economics);
        if (!body.title) found.title = 'Give the idea a title.';
        setOwn(found);
        if (Object.values(found).some(Boolean)) {
          requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
          return;
        }
        save.mutate({ ...body, version: idea.version });
      }}
    >
      <InputField
        label="Title"
        value={draft.title}
        maxLength={200}
        onChange={(e) => set('title', e.target.value)}
        error={errors.title}
      />
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          rows={5}
          value={draft.description}
          onChange={(e) => set('description', e.target.value)}
          {...describedBy(`${id}-description`, false, errors.description)}
        />
        <FieldError id={`${id}-description-error`} message={errors.description} />
      </div>
      <InputField
        label="Tags"
        hint="Separated by commas."
        value={draft.tags}
        onChange={(e) => set('tags', e.target.value)}
        error={errors.tags}
      />

      <fieldset aria-describedby={errors.statement ? `${id}-statement-error` : undefined}>
        <legend>One-sentence statement</legend>
        <div className="grid-2">
          {STATEMENT_PARTS.map((p) => (
            <InputField
              key={p.key}
              label={p.label}
              value={draft.statement[p.key]}
              error={errors.statement && !draft.statement[p.key].trim() ? 'Missing.' : undefined}
              onChange={(e) => set('statement', { ...draft.statement, [p.key]: e.target.value })}
            />
          ))}
        </div>
        <FieldError id={`${id}-statement-error`} message={errors.statement} />
      </fieldset>

      <fieldset aria-describedby={errors.rice ? `${id}-rice-error` : undefined}>
        <legend>RICE</legend>
        <div className="grid-4">
          <InputField
            label="Reach per period"
            inputMode="decimal"
            value={draft.rice.reach}
            onChange={(e) => set('rice', { ...draft.rice, reach: e.target.value })}
          />
          <InputField
            label="Impact (0.25 to 3)"
            inputMode="decimal"
            value={draft.rice.impact}
            onChange={(e) => set('rice', { ...draft.rice, impact: e.target.value })}
          />
          <InputField
            label="Confidence (0 to 1)"
            inputMode="decimal"
            value={draft.rice.confidence}
            onChange={(e) => set('rice', { ...draft.rice, confidence: e.target.value })}
          />
          <InputField
            label="Effort (person-months)"
            inputMode="decimal"
            value={draft.rice.effort}
            onChange={(e) => set('rice', { ...draft.rice, effort: e.target.value })}
          />
        </div>
        <FieldError id={`${id}-rice-error`} message={errors.rice} />
      </fieldset>

      <fieldset aria-describedby={errors.ice ? `${id}-ice-error` : undefined}>
        <legend>ICE (1 to 10 each)</legend>
        <div className="grid-4">
          {(['impact', 'confidence', 'ease'] as const).map((k) => (
            <InputField
              key={k}
              label={`ICE ${k}`}
              inputMode="numeric"
              value={draft.ice[k]}
              onChange={(e) => set('ice', { ...draft.ice, [k]: e.target.value })}
            />
          ))}
        </div>
        <FieldError id={`${id}-ice-error`} message={errors.ice} />
      </fieldset>

      <fieldset aria-describedby={errors.economics ? `${id}-economics-error` : undefined}>
        <legend>Economics and market size</legend>
        <div className="grid-4">
          <InputField
            label="Currency (ISO code)"
            maxLength={3}
            value={draft.economics.currency}
            onChange={(e) => set('economics', { ...draft.economics, currency: e.target.value })}
          />
          {MONEY.map((m) => (
            <InputField
              key={m.key}
              label={m.label}
              inputMode="decimal"
              value={draft.economics[m.key]}
              onChange={(e) => set('economics', { ...draft.economics, [m.key]: e.target.value })}
            />
          ))}
          <InputField
            label="Gross margin (0 to 1)"
            inputMode="decimal"
            value={draft.economics.grossMargin}
            onChange={(e) => set('economics', { ...draft.economics, grossMargin: e.target.value })}
          />
          <InputField
            label="Monthly churn (0 to 1)"
            inputMode="decimal"
            value={draft.economics.monthlyChurn}
            onChange={(e) => set('economics', { ...draft.economics, monthlyChurn: e.target.value })}
          />
        </div>
        <FieldError id={`${id}-economics-error`} message={errors.economics} />
      </fieldset>

      <FormError error={save.error} shown={['title', 'description', 'tags', 'statement', 'rice', 'ice', 'economics']} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
