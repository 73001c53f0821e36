import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useSearchParams } from 'wouter';
import { PORTFOLIO_FILTERS } from '../../../methodology/index.ts';
import { api, describeError } from '../api.ts';
import { useSession } from '../session.tsx';
import type { IdeaFilters, IdeaListQuery } from '../types.ts';

/**
 * The list's filters and sort live in the address, so a list can be shared, bookmarked, and saved as a
 * named view (which keeps exactly these filters: src/schema/view.ts).
 */
type Sort = NonNullable<IdeaListQuery['sort']>;
const TEXT_KEYS = ['q', 'stage', 'tag', 'submitter', 'sort'] as const;
const NUMBER_KEYS = ['scoreMin', 'scoreMax'] as const;
const FLAG_KEYS = ['hasFindings', 'stale'] as const;
export const FILTER_KEYS = [...TEXT_KEYS, ...NUMBER_KEYS, ...FLAG_KEYS] as const;
export const DEFAULT_SORT: Sort = '-adjusted';

export function filtersOf(params: URLSearchParams): IdeaFilters {
  const out: Record<string, unknown> = {};
  for (const k of TEXT_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  for (const k of NUMBER_KEYS) {
    const v = params.get(k);
    if (v !== null && v !== '' && Number.isFinite(Number(v))) out[k] = Number(v);
  }
  for (const k of FLAG_KEYS) {
    const v = params.get(k);
    if (v === 'true' || v === 'false') out[k] = v === 'true';
  }
  return out as IdeaFilters;
}

export function useListFilters() {
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const update = (changes: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  /** Replace every filter with a saved view's. */
  const apply = (view: IdeaFilters) =>
    setParams(() => {
      const next = new URLSearchParams();
      for (const [k, v] of Object.entries(view)) if (v !== undefined) next.set(k, String(v));
      return next;
    });
  const filtered = FILTER_KEYS.some((k) => k !== 'sort' && filters[k] !== undefined);
  return { filters, page, update, apply, filtered, sort: filters.sort ?? DEFAULT_SORT };
}

export type ListFilterState = ReturnType<typeof useListFilters>;

const SORTS: [Sort, string][] = [
  ['-adjusted', 'Confidence-adjusted score, highest first'],
  ['adjusted', 'Confidence-adjusted score, lowest first'],
  ['-composite', 'Score, highest first'],
  ['composite', 'Score, lowest first'],
  ['-updated', 'Recently updated'],
  ['updated', 'Least recently updated'],
  ['number', 'Number, oldest first'],
  ['-number', 'Number, newest first'],
];

/** Search, the filters and the sort: every change goes to the address at once (typing after a pause). */
export function FilterForm({ state, tags }: { state: ListFilterState; tags: string[] }) {
  const { methodology, members } = useSession();
  const { filters, update, filtered, sort } = state;
  const q = filters.q ?? '';
  const [text, setText] = useState(q);
  // The address changed by itself (back, forward, a tag link, a saved view): show its search in the box.
  const [shownQ, setShownQ] = useState(q);
  if (shownQ !== q) {
    setShownQ(q);
    if (text.trim() !== q) setText(q);
  }
  useEffect(() => {
    if (text.trim() === q) return;
    const t = setTimeout(() => update({ q: text.trim() }), 250);
    return () => clearTimeout(t);
  });
  const id = useId();
  const flag = (v: boolean | undefined) => (v === undefined ? '' : String(v));
  const score = (v: number | undefined) => (v === undefined ? '' : String(v));

  return (
    <search aria-label="Filter ideas">
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field field-search">
          <label htmlFor={`${id}q`}>Search</label>
          <input
            id={`${id}q`}
            type="search"
            data-shortcut="search"
            aria-keyshortcuts="/"
            value={text}
            placeholder="Title, description, tags or evidence"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}stage`}>Stage</label>
          <select id={`${id}stage`} value={filters.stage ?? ''} onChange={(e) => update({ stage: e.target.value })}>
            <option value="">All stages</option>
            {methodology.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}tag`}>Tag</label>
          <select id={`${id}tag`} value={filters.tag ?? ''} onChange={(e) => update({ tag: e.target.value })}>
            <option value="">All tags</option>
            {[...new Set([...tags, ...(filters.tag ? [filters.tag] : [])])].sort().map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}submitter`}>Submitter</label>
          <select
            id={`${id}submitter`}
            value={filters.submitter ?? ''}
            onChange={(e) => update({ submitter: e.target.value })}
          >
            <option value="">Anyone</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field-range">
          <legend>Adjusted score</legend>
          <label htmlFor={`${id}min`}>from</label>
          <input
            id={`${id}min`}
            type="number"
            min={0}
            max={5}
            step={0.1}
            inputMode="decimal"
            value={score(filters.scoreMin)}
            onChange={(e) => update({ scoreMin: e.target.value })}
          />
          <label htmlFor={`${id}max`}>to</label>
          <input
            id={`${id}max`}
            type="number"
            min={0}
            max={5}
            step={0.1}
            inputMode="decimal"
            value={score(filters.scoreMax)}
            onChange={(e) => update({ scoreMax: e.target.value })}
          />
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}findings`}>Challenger</label>
          <select
            id={`${id}findings`}
            value={flag(filters.hasFindings)}
            onChange={(e) => update({ hasFindings: e.target.value })}
          >
            <option value="">Any findings</option>
            <option value="true">Open {PORTFOLIO_FILTERS.findingSeverities.join(' or ')} findings</option>
            <option value="false">No {PORTFOLIO_FILTERS.findingSeverities.join(' or ')} findings</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}stale`}>Activity</label>
          <select id={`${id}stale`} value={flag(filters.stale)} onChange={(e) => update({ stale: e.target.value })}>
            <option value="">Any</option>
            <option value="true">Stale: unchanged for {PORTFOLIO_FILTERS.staleAfterDays} days</option>
            <option value="false">Changed in the last {PORTFOLIO_FILTERS.staleAfterDays} days</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}sort`}>Sort by</label>
          <select id={`${id}sort`} value={sort} onChange={(e) => update({ sort: e.target.value })}>
            {SORTS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {filtered ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setText('');
              update(Object.fromEntries(FILTER_KEYS.filter((k) => k !== 'sort').map((k) => [k, ''])));
            }}
          >
            Clear filters
          </button>
        ) : null}
      </form>
    </search>
  );
}

/** The member's own saved views: open one, save the current filters under a name, delete one. */
export function SavedViews({ state }: { state: ListFilterState }) {
  const { ws, actor } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState('');
  const [naming, setNaming] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const key = [ws, 'views', actor?.id ?? 'me'];
  const views = useQuery({ queryKey: key, queryFn: () => api.views(ws), enabled: !!actor });
  const current = (views.data ?? []).find((v) => sameFilters(v.filters, state.filters));
  const save = useMutation({
    mutationFn: (viewName: string) => api.saveView(ws, { name: viewName, filters: state.filters }),
    onSuccess: (view) => {
      queryClient.setQueryData(
        key,
        [...(views.data ?? []), view].sort((a, b) => a.name.localeCompare(b.name)),
      );
      setNaming(false);
      setName('');
      setMessage({ text: `Saved as “${view.name}”.` });
    },
    onError: (e) => setMessage({ text: describeError(e), error: true }),
  });
  const remove = useMutation({
    mutationFn: (viewId: string) => api.deleteView(ws, viewId),
    onSuccess: (view) => {
      queryClient.setQueryData(
        key,
        (views.data ?? []).filter((v) => v.id !== view.id),
      );
      setMessage({ text: `Deleted the view “${view.name}”.` });
    },
    onError: (e) => setMessage({ text: describeError(e), error: true }),
  });
  // Saved views are a member's own; the machine's own user, naming no member, has none.
  if (!actor) return null;

  const onSave = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) save.mutate(name.trim());
    else setMessage({ text: 'Give the view a name.', error: true });
  };

  return (
    <section className="saved-views" aria-labelledby={`${id}h`}>
      <h2 id={`${id}h`} className="visually-hidden">
        Saved views
      </h2>
      <div className="field field-inline">
        <label htmlFor={`${id}open`}>Saved view</label>
        <select
          id={`${id}open`}
          value={current?.id ?? ''}
          onChange={(e) => {
            const v = views.data?.find((x) => x.id === e.target.value);
            if (v) state.apply(v.filters);
          }}
        >
          <option value="">{views.isPending ? 'Loading…' : current ? '' : 'Choose a view'}</option>
          {(views.data ?? []).map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </div>
      {current ? (
        <button
          type="button"
          className="button button-small"
          disabled={remove.isPending}
          onClick={() => remove.mutate(current.id)}
        >
          Delete “{current.name}”
        </button>
      ) : naming ? (
        <form className="inline-form" onSubmit={onSave}>
          <label htmlFor={`${id}name`}>Name</label>
          <input
            id={`${id}name`}
            type="text"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the field the person just asked for
            autoFocus
          />
          <button type="submit" className="button button-small button-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save view'}
          </button>
          <button type="button" className="button button-small" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="button button-small" onClick={() => setNaming(true)}>
          Save these filters…
        </button>
      )}
      <p role="status" className={message?.error ? 'status-line status-refused' : 'status-line'}>
        {message?.text ?? ''}
      </p>
    </section>
  );
}

const sameFilters = (a: IdeaFilters, b: IdeaFilters) =>
  FILTER_KEYS.every((k) => (k === 'sort' ? (a.sort ?? DEFAULT_SORT) === (b.sort ?? DEFAULT_SORT) : a[k] === b[k]));
