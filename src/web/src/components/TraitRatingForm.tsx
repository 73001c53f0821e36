import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import { api } from '../api.ts';
import type { TraitFramework, TraitRatingInput } from '../types.ts';
import { ErrorBox, Loading } from '../ui.tsx';

export const useTraitFramework = () =>
  useQuery({ queryKey: ['trait-framework'], queryFn: api.traitFramework, staleTime: Number.POSITIVE_INFINITY });

type Draft = Record<string, { score?: number; example: string }>;

/**
 * The behaviour-anchored scale, one fieldset per trait: five levels, each with the behaviour that marks it
 * (the methodology's anchors), and the example prompt ("when did you see this?"). Used for the self
 * assessment and by raters (signed in or through a one-time link); `about` names whom the rating is of.
 */
export function TraitRatingForm({
  initial = [],
  about,
  submitLabel,
  busy,
  error,
  extra,
  onSubmit,
}: {
  initial?: readonly { trait: string; score: number; example?: string | null }[];
  about: string;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  extra?: ReactNode;
  onSubmit: (ratings: TraitRatingInput[]) => void;
}) {
  const framework = useTraitFramework();
  const [draft, setDraft] = useState<Draft>(() =>
    Object.fromEntries(initial.map((r) => [r.trait, { score: r.score, example: r.example ?? '' }])),
  );
  const [missing, setMissing] = useState(false);
  const id = useId();
  if (framework.isPending) return <Loading what="the traits" />;
  if (framework.error) return <ErrorBox error={framework.error} retry={() => framework.refetch()} />;
  const traits: TraitFramework['traits'] = framework.data.traits;
  const rated = traits.filter((t) => draft[t.id]?.score !== undefined);
  return (
    <form
      className="stack"
      aria-label={`Rate ${about}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (rated.length === 0) {
          setMissing(true);
          return;
        }
        setMissing(false);
        onSubmit(
          rated.map((t) => {
            const d = draft[t.id]!;
            return { trait: t.id, score: d.score!, ...(d.example.trim() ? { example: d.example.trim() } : {}) };
          }),
        );
      }}
    >
      {traits.map((t) => {
        const d = draft[t.id] ?? { example: '' };
        const set = (next: Partial<{ score: number; example: string }>) =>
          setDraft((all) => ({ ...all, [t.id]: { ...d, ...next } }));
        return (
          <fieldset key={t.id} className="card-panel trait-fieldset">
            <legend className="h3">{t.name}</legend>
            <p className="muted small">{t.description}</p>
            {t.anchors.map((anchor, i) => (
              <label key={anchor} className="choice">
                <input
                  type="radio"
                  name={`${id}-${t.id}`}
                  value={i + 1}
                  checked={d.score === i + 1}
                  onChange={() => set({ score: i + 1 })}
                />
                <span>
                  <strong>{i + 1}</strong> {anchor}
                </span>
              </label>
            ))}
            <div className="field">
              <label htmlFor={`${id}-${t.id}-example`}>{t.examplePrompt} (optional)</label>
              <textarea
                id={`${id}-${t.id}-example`}
                rows={2}
                maxLength={1000}
                value={d.example}
                onChange={(e) => set({ example: e.target.value })}
              />
            </div>
          </fieldset>
        );
      })}
      {extra}
      {missing ? (
        <p className="field-error" role="alert">
          Rate at least one trait.
        </p>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      <div className="actions sticky-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        <span className="muted small">
          {rated.length} of {traits.length} rated
        </span>
      </div>
    </form>
  );
}
