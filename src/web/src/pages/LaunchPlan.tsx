import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'wouter';
import { economicsReadout, formatMoney, formatShare } from '../../../domain/economics.ts';
import { api } from '../api.ts';
import { type Errors, FormError, fieldErrors, InputField } from '../components/Fields.tsx';
import { NotAllowed, useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { Idea, LaunchPlan } from '../types.ts';
import { describedBy, ErrorBox, FieldError, Loading, Page } from '../ui.tsx';

/** A seat as typed: the share of time as a percentage (50 for half time), blank for full time. */
interface Seat {
  role: string;
  name: string;
  share: string;
}
interface Draft {
  budget: string;
  currency: string;
  people: string;
  months: string;
  buys: string;
  team: Seat[];
  goToMarket: string;
}

function draftOf(p: LaunchPlan): Draft {
  const a = p.ask ?? {};
  return {
    budget: a.budget !== undefined ? String(a.budget / 100) : '',
    currency: a.currency ?? '',
    people: a.people !== undefined ? String(a.people) : '',
    months: a.months !== undefined ? String(a.months) : '',
    buys: a.buys ?? '',
    team: (p.team ?? []).map((t) => ({
      role: t.role,
      name: t.name ?? '',
      share: t.share !== undefined ? String(Math.round(t.share * 1000) / 10) : '',
    })),
    goToMarket: p.goToMarket ?? '',
  };
}

/** The draft as the launch plan; what is typed wrongly is an error on its field, and nothing is sent. */
function planOf(d: Draft): { value: LaunchPlan | null; errors: Errors } {
  const errors: Errors = {};
  const whole = (field: string, s: string, max: number) => {
    const t = s.trim();
    if (!t) return undefined;
    if (!/^\d+$/.test(t) || Number(t) > max) {
      errors[field] = `"${s}" is not a whole number up to ${max}.`;
      return undefined;
    }
    return Number(t);
  };
  const ask: NonNullable<LaunchPlan['ask']> = {};
  const budget = d.budget.trim().replace(/[\s,]/g, '');
  if (budget) {
    if (/^\d+(\.\d{1,2})?$/.test(budget)) ask.budget = Math.round(Number(budget) * 100);
    else errors['ask.budget'] = `"${d.budget}" is not an amount like 180000 or 180000.00.`;
  }
  if (d.currency.trim()) ask.currency = d.currency.trim().toUpperCase();
  const people = whole('ask.people', d.people, 10_000);
  if (people !== undefined) ask.people = people;
  const months = whole('ask.months', d.months, 120);
  if (months !== undefined) ask.months = months;
  if (d.buys.trim()) ask.buys = d.buys.trim();
  const team = d.team
    .filter((t) => t.role.trim() || t.name.trim() || t.share.trim())
    .map((t, i) => {
      if (!t.role.trim()) errors[`team.${i}`] = 'Name the role.';
      const share = t.share.trim() ? Number(t.share.replace(',', '.')) : undefined;
      if (share !== undefined && !(share > 0 && share <= 100)) errors[`team.${i}`] = 'Time is a percentage, 1 to 100.';
      return {
        role: t.role.trim(),
        ...(t.name.trim() ? { name: t.name.trim() } : {}),
        ...(share !== undefined && share < 100 ? { share: share / 100 } : {}),
      };
    });
  const plan: LaunchPlan = {
    ...(Object.keys(ask).length ? { ask } : {}),
    ...(team.length ? { team } : {}),
    ...(d.goToMarket.trim() ? { goToMarket: d.goToMarket.trim() } : {}),
  };
  return { value: Object.keys(plan).length ? plan : null, errors };
}

export default function LaunchPlanPage() {
  const { number } = useParams<{ number: string }>();
  const { ws } = useSession();
  const idea = useQuery({ queryKey: [ws, 'idea', number], queryFn: () => api.idea(ws, number) });
  if (idea.isPending) return <Loading what={`idea #${number}`} />;
  if (idea.error) return <ErrorBox error={idea.error} retry={() => idea.refetch()} />;
  return <LaunchPlanView idea={idea.data} />;
}

/**
 * The launch plan: the ask (budget, people, time, what it buys), the team that would build it and the
 * go-to-market plan. The channels come from the economics and are shown here, not typed twice.
 */
function LaunchPlanView({ idea }: { idea: Idea }) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState(() => draftOf(idea.launchPlan ?? {}));
  const [own, setOwn] = useState<Errors>({});
  const save = useMutation({
    mutationFn: (launchPlan: LaunchPlan | null) =>
      api.updateIdea(ws, idea.number, { version: idea.version, launchPlan }),
    onSuccess: (saved) => {
      queryClient.setQueryData([ws, 'idea', String(idea.number)], saved);
      setDraft(draftOf(saved.launchPlan ?? {}));
      void queryClient.invalidateQueries({ queryKey: [ws, 'ideas'] });
      showToast(`Launch plan of #${saved.number} saved.`);
    },
  });
  const errors = fieldErrors(save.error, own);
  const editable = can('contribute') && !idea.archivedAt;
  const channels = economicsReadout(idea.economics).channels;
  const currency = idea.economics?.currency ?? null;
  const setSeat = (i: number, patch: Partial<Seat>) =>
    setDraft({ ...draft, team: draft.team.map((t, j) => (j === i ? { ...t, ...patch } : t)) });

  return (
    <Page
      title={`#${idea.number} Launch plan`}
      lead={idea.title}
      wide
      actions={
        <>
          <Link className="button" href={`/ideas/${idea.number}`}>
            Back to the idea
          </Link>
          <Link className="button" href={`/ideas/${idea.number}/economics`}>
            Economics
          </Link>
          <Link className="button" href={`/ideas/${idea.number}/pmf`}>
            Product-market fit
          </Link>
        </>
      }
    >
      <p className="muted">
        What the pitch deck and the one-pager ask for, and the PRD's team and go-to-market. Traction comes from the
        product-market fit data and the evidence; the channels from the economics.
      </p>
      <section aria-labelledby={`${id}-channels`} className="section">
        <h2 id={`${id}-channels`}>Channels, from the economics</h2>
        {channels.length ? (
          <ul data-testid="launch-channels">
            {channels.map((c) => (
              <li key={c.channel}>
                {c.channel}: {formatMoney(c.cac, currency)} a customer, {formatShare(c.share)} of new customers
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">
            No channels yet: add them on the <Link href={`/ideas/${idea.number}/economics`}>economics page</Link>.
          </p>
        )}
      </section>
      <section aria-labelledby={`${id}-edit`} className="section">
        <h2 id={`${id}-edit`}>Edit</h2>
        {!editable ? (
          <NotAllowed permission="contribute" to="edit the launch plan" />
        ) : (
          <form
            className="stack card-panel"
            aria-label={`Launch plan of idea #${idea.number}`}
            noValidate
            onSubmit={(ev) => {
              ev.preventDefault();
              const { value, errors: found } = planOf(draft);
              setOwn(found);
              if (Object.values(found).some(Boolean)) return;
              save.mutate(value);
            }}
          >
            <fieldset>
              <legend>The ask</legend>
              <div className="row">
                <InputField
                  label="Budget"
                  inputMode="decimal"
                  value={draft.budget}
                  error={errors['ask.budget'] ?? errors['launchPlan.ask.budget']}
                  onChange={(ev) => setDraft({ ...draft, budget: ev.target.value })}
                />
                <InputField
                  label="Currency (ISO code; the economics currency if blank)"
                  value={draft.currency}
                  maxLength={3}
                  onChange={(ev) => setDraft({ ...draft, currency: ev.target.value })}
                />
                <InputField
                  label="People (full time or the equivalent)"
                  inputMode="numeric"
                  value={draft.people}
                  error={errors['ask.people']}
                  onChange={(ev) => setDraft({ ...draft, people: ev.target.value })}
                />
                <InputField
                  label="Months"
                  inputMode="numeric"
                  value={draft.months}
                  error={errors['ask.months']}
                  onChange={(ev) => setDraft({ ...draft, months: ev.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-buys`}>What it buys: the milestone reached at the end</label>
                <textarea
                  rows={2}
                  maxLength={1000}
                  value={draft.buys}
                  onChange={(ev) => setDraft({ ...draft, buys: ev.target.value })}
                  {...describedBy(`${id}-buys`, false, undefined)}
                />
              </div>
            </fieldset>
            <fieldset>
              <legend>The team that would build it</legend>
              {draft.team.map((t, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: seats have no id; the index is the seat.
                <div className="row" key={i}>
                  <InputField
                    label={`Role ${i + 1}`}
                    value={t.role}
                    maxLength={120}
                    error={errors[`team.${i}`]}
                    onChange={(ev) => setSeat(i, { role: ev.target.value })}
                  />
                  <InputField
                    label={`Person in role ${i + 1} (blank: not staffed yet)`}
                    value={t.name}
                    maxLength={120}
                    onChange={(ev) => setSeat(i, { name: ev.target.value })}
                  />
                  <InputField
                    label={`Time in role ${i + 1}, % (blank: full time)`}
                    inputMode="decimal"
                    value={t.share}
                    onChange={(ev) => setSeat(i, { share: ev.target.value })}
                  />
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setDraft({ ...draft, team: draft.team.filter((_, j) => j !== i) })}
                  >
                    Remove role {i + 1}
                  </button>
                </div>
              ))}
              <button
                type="button"
                className="button"
                onClick={() => setDraft({ ...draft, team: [...draft.team, { role: '', name: '', share: '' }] })}
              >
                Add a role
              </button>
            </fieldset>
            <div className="field">
              <label htmlFor={`${id}-gtm`}>Go-to-market plan: how the first customers hear about it and buy it</label>
              <textarea
                rows={4}
                maxLength={4000}
                value={draft.goToMarket}
                onChange={(ev) => setDraft({ ...draft, goToMarket: ev.target.value })}
                {...describedBy(`${id}-gtm`, false, errors.goToMarket)}
              />
              <FieldError id={`${id}-gtm-error`} message={errors.goToMarket} />
            </div>
            <FormError error={save.error} />
            <div>
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                Save launch plan
              </button>
            </div>
          </form>
        )}
      </section>
    </Page>
  );
}
