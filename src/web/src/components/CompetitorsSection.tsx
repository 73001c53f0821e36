import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '../api.ts';
import { useRemoveWithUndo } from '../removeWithUndo.ts';
import { useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { CompetitorFields, Idea, StoredCompetitor } from '../types.ts';
import { describedBy, Empty, ErrorBox, FieldError, Loading } from '../ui.tsx';
import { FormError, fieldErrors, InputField } from './Fields.tsx';

const KINDS: Record<CompetitorFields['kind'], string> = {
  direct: 'Direct competitor',
  indirect: 'Indirect competitor',
  substitute: 'Substitute (including doing nothing)',
};
const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

type Ratings = NonNullable<CompetitorFields['capabilities']>;
/** Ratings as the form shows them: "speed = 4", one a line. */
const ratingLines = (r: Ratings | undefined) =>
  Object.entries(r ?? {})
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');
/** "speed = 4" lines back into ratings; a line that is not NAME = 0..5 is an error naming it. */
function readRatings(text: string): { ratings: Ratings; error?: string } {
  const ratings: Ratings = {};
  for (const line of lines(text)) {
    const m = /^(.+?)\s*[=:]\s*([0-5])$/.exec(line);
    if (!m) return { ratings, error: `"${line}" is not a capability and a rating 0 to 5, like "speed = 4".` };
    ratings[m[1]!.trim()] = Number(m[2]);
  }
  return { ratings };
}

/** Competitors and alternatives, "do nothing" included: what the PRD and the deck compare the idea with. */
export function CompetitorsSection({ idea }: { idea: Idea }) {
  const { ws, can } = useSession();
  const [form, setForm] = useState<StoredCompetitor | 'new' | null>(null);
  const list = useQuery({
    queryKey: [ws, 'competitors', idea.number],
    queryFn: () => api.competitors(ws, idea.number),
  });
  const remove = useRemoveWithUndo<StoredCompetitor>(idea.number, 'competitors', (c) => c.name);

  if (list.isPending) return <Loading what="competitors" />;
  if (list.error) return <ErrorBox error={list.error} retry={() => list.refetch()} />;
  return (
    <>
      {list.data.length === 0 ? (
        <Empty title="No competitors or alternatives yet.">
          <p>Who or what do people use today instead? "Doing nothing" counts.</p>
        </Empty>
      ) : (
        <ul className="plain-list competitors">
          {list.data.map((c) => (
            <li key={c.id} className="card-panel">
              <p>
                <strong>{c.name}</strong> <span className="muted">· {KINDS[c.kind]}</span>
                {c.price ? <span className="muted"> · {c.price}</span> : null}
              </p>
              {c.strengths?.length ? <p className="small">Strengths: {c.strengths.join('; ')}</p> : null}
              {c.weaknesses?.length ? <p className="small">Weaknesses: {c.weaknesses.join('; ')}</p> : null}
              {c.capabilities && Object.keys(c.capabilities).length ? (
                <p className="small">
                  Rated:{' '}
                  {Object.entries(c.capabilities)
                    .map(([k, v]) => `${k} ${v}`)
                    .join(', ')}
                </p>
              ) : null}
              {can('contribute') ? (
                <div className="actions">
                  <button type="button" className="button button-small" onClick={() => setForm(c)}>
                    Edit<span className="visually-hidden"> {c.name}</span>
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(c)}
                  >
                    Remove<span className="visually-hidden"> {c.name}</span>
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <OurRatings idea={idea} competitors={list.data} />
      {form ? (
        <CompetitorForm
          key={form === 'new' ? 'new' : form.id}
          idea={idea}
          existing={form === 'new' ? undefined : form}
          onDone={() => setForm(null)}
        />
      ) : can('contribute') ? (
        <button type="button" className="button" onClick={() => setForm('new')}>
          Add a competitor or alternative
        </button>
      ) : null}
    </>
  );
}

function CompetitorForm({
  idea,
  existing,
  onDone,
}: {
  idea: Idea;
  existing?: StoredCompetitor | undefined;
  onDone: () => void;
}) {
  const { ws } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState(existing?.name ?? '');
  const [kind, setKind] = useState<CompetitorFields['kind']>(existing?.kind ?? 'direct');
  const [price, setPrice] = useState(existing?.price ?? '');
  const [strengths, setStrengths] = useState((existing?.strengths ?? []).join('\n'));
  const [weaknesses, setWeaknesses] = useState((existing?.weaknesses ?? []).join('\n'));
  const [ratings, setRatings] = useState(ratingLines(existing?.capabilities));
  const [ratingsError, setRatingsError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: () => {
      const read = readRatings(ratings);
      const fields: CompetitorFields = {
        name: name.trim(),
        kind,
        strengths: lines(strengths),
        weaknesses: lines(weaknesses),
        ...(price.trim() ? { price: price.trim() } : {}),
        // The API merges an edit into the record: ratings emptied in the form are sent as none, not left out.
        ...(Object.keys(read.ratings).length || existing?.capabilities ? { capabilities: read.ratings } : {}),
      };
      return existing
        ? api.updateCompetitor(ws, idea.number, existing.id, { ...fields, version: existing.version })
        : api.addCompetitor(ws, idea.number, fields);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [ws] });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <form
      className="stack card-panel"
      aria-label={existing ? `Edit ${existing.name}` : 'Add a competitor'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const error = readRatings(ratings).error;
        setRatingsError(error);
        if (!error) save.mutate();
      }}
    >
      <InputField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as CompetitorFields['kind'])}>
          {Object.entries(KINDS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <InputField
        label="Price (optional)"
        value={price}
        onChange={(e) => setPrice(e.target.value)}
        error={errors.price}
      />
      <div className="field">
        <label htmlFor={`${id}-strengths`}>Strengths (one a line)</label>
        <textarea
          rows={2}
          value={strengths}
          onChange={(e) => setStrengths(e.target.value)}
          {...describedBy(`${id}-strengths`, false, errors.strengths)}
        />
        <FieldError id={`${id}-strengths-error`} message={errors.strengths} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-weaknesses`}>Weaknesses (one a line)</label>
        <textarea
          rows={2}
          value={weaknesses}
          onChange={(e) => setWeaknesses(e.target.value)}
          {...describedBy(`${id}-weaknesses`, false, errors.weaknesses)}
        />
        <FieldError id={`${id}-weaknesses-error`} message={errors.weaknesses} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-ratings`}>Capability ratings, 0 (none) to 5 (best): "speed = 4", one a line</label>
        <textarea
          rows={3}
          value={ratings}
          onChange={(e) => setRatings(e.target.value)}
          {...describedBy(`${id}-ratings`, false, ratingsError ?? errors.capabilities)}
        />
        <FieldError id={`${id}-ratings-error`} message={ratingsError ?? errors.capabilities} />
      </div>
      <FormError error={save.error} shown={['name', 'price', 'strengths', 'weaknesses', 'capabilities']} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : existing ? 'Save competitor' : 'Add competitor'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * Our own product rated on the same capabilities as the alternatives, so that the positioning chart and the
 * capability matrix can place it beside them. A blank rating is "not rated", never zero.
 */
function OurRatings({ idea, competitors }: { idea: Idea; competitors: StoredCompetitor[] }) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const names = [
    ...new Set([
      ...Object.keys(idea.capabilities ?? {}),
      ...competitors.flatMap((c) => Object.keys(c.capabilities ?? {})),
    ]),
  ];
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(names.map((k) => [k, idea.capabilities?.[k] !== undefined ? String(idea.capabilities[k]) : ''])),
  );
  const save = useMutation({
    mutationFn: () => {
      const rated = Object.entries(draft).filter(([, v]) => v !== '');
      const capabilities = rated.length ? Object.fromEntries(rated.map(([k, v]) => [k, Number(v)])) : null;
      return api.updateIdea(ws, idea.number, { version: idea.version, capabilities });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData([ws, 'idea', String(idea.number)], saved);
      void queryClient.invalidateQueries({ queryKey: [ws, 'ideas'] });
      showToast(`Our own ratings on #${saved.number} saved.`);
    },
  });
  if (!names.length) return null;
  const editable = can('contribute') && !idea.archivedAt;
  return (
    <form
      className="stack card-panel"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3 id={`${id}-title`}>Our own product</h3>
      <p className="small muted">
        Rate the idea on the capabilities the alternatives are rated on, 0 (none) to 5 (best). It is plotted as "(ours)"
        on the positioning chart; documents say it is our own rating, not a measurement.
      </p>
      <div className="row">
        {names.map((k) => (
          <div className="field" key={k}>
            <label htmlFor={`${id}-${k}`}>{k}</label>
            <select
              id={`${id}-${k}`}
              value={draft[k] ?? ''}
              disabled={!editable}
              onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
            >
              <option value="">not rated</option>
              {[0, 1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={String(n)}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <FormError error={save.error} />
      {editable ? (
        <div>
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save our ratings'}
          </button>
        </div>
      ) : null}
    </form>
  );
}
