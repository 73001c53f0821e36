import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api } from '../api.ts';
import { useTraitFramework } from '../components/TraitRatingForm.tsx';
import { useSession } from '../session.tsx';
import type { TraitInsights } from '../types.ts';
import { Empty, ErrorBox, Loading, Page, ScrollRegion } from '../ui.tsx';

type Trait = TraitInsights['traits'][number];
type Group = Trait['groups'][number];

const fmt = (n: number | null | undefined) =>
  n === null || n === undefined ? '–' : n.toFixed(2).replace(/\.?0+$/, '');

/**
 * /growth/summary: what others see, as far as the thresholds let them be seen. Everything here comes from
 * the API's summary: a withheld group arrives as one fixed sentence and nothing else, so the page could not
 * show more if it tried.
 */
export default function GrowthSummary() {
  const { ws } = useSession();
  const insights = useQuery({ queryKey: [ws, 'trait-insights'], queryFn: () => api.traitInsights(ws) });
  const framework = useTraitFramework();
  const groupName = (id: string) => framework.data?.groups.find((g) => g.id === id)?.name ?? id;

  if (insights.isPending) return <Loading what="your summary" />;
  if (insights.error) return <ErrorBox error={insights.error} retry={() => insights.refetch()} />;
  const i = insights.data;
  if (i.cycleId === null)
    return (
      <Page title="360 summary">
        <Empty title="Nothing is rated yet.">
          <p>
            <Link href="/growth">Start your assessment</Link>.
          </p>
        </Empty>
      </Page>
    );
  const groups = i.traits[0]?.groups.map((g) => g.group) ?? [];
  const withheld = new Map<string, string>();
  for (const t of i.traits) for (const g of t.groups) if (!g.shown) withheld.set(g.group, g.message);

  return (
    <Page
      title="360 summary"
      wide
      lead={
        i.closed
          ? "Your latest closed cycle. Others are shown per group only where at least three of the group rated a trait; others' mean uses the shown groups only."
          : 'Your own ratings so far: others are summarised when you close the cycle.'
      }
      actions={
        <Link href="/growth/plan" className="button button-primary">
          Plan for the weakest trait
        </Link>
      }
    >
      <section className="section" aria-labelledby="weakest-h">
        <h2 id="weakest-h">Your weakest trait</h2>
        <p className="explanation">{i.weakest.explanation}</p>
      </section>
      <ScrollRegion label="Ratings per trait">
        <table className="table trait-summary">
          <caption className="visually-hidden">Ratings per trait: you, others, and each group</caption>
          <thead>
            <tr>
              <th scope="col">Trait</th>
              <th scope="col" className="num">
                You
              </th>
              <th scope="col" className="num">
                Others
              </th>
              {groups.map((g) => (
                <th key={g} scope="col" className="num">
                  {groupName(g)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {i.traits.map((t) => (
              <tr key={t.trait} className={t.trait === i.weakest.weakest?.trait ? 'weakest-row' : undefined}>
                <th scope="row">
                  {t.name}
                  {t.trait === i.weakest.weakest?.trait ? <span className="badge">weakest</span> : null}
                </th>
                <td className="num">{fmt(t.self?.score)}</td>
                <td className="num">
                  <strong>{fmt(t.othersMean)}</strong>
                </td>
                {t.groups.map((g) => (
                  <td key={g.group} className="num">
                    <GroupCell g={g} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {withheld.size > 0 ? (
        <ul className="plain-list small muted" aria-label="Withheld groups">
          {[...withheld.values()].map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}

      <div className="grid-2">
        <section className="section" aria-labelledby="blind-h">
          <h2 id="blind-h">Blind spots</h2>
          {i.blindSpots.length === 0 ? (
            <p className="muted">None: nowhere do you rate yourself a point or more above others.</p>
          ) : (
            <ul>
              {i.blindSpots.map((g) => (
                <li key={g.trait}>{g.explanation}</li>
              ))}
            </ul>
          )}
        </section>
        <section className="section" aria-labelledby="hidden-h">
          <h2 id="hidden-h">Hidden strengths</h2>
          {i.hiddenStrengths.length === 0 ? (
            <p className="muted">None: nowhere do others rate you a point or more above yourself.</p>
          ) : (
            <ul>
              {i.hiddenStrengths.map((g) => (
                <li key={g.trait}>{g.explanation}</li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="section" aria-labelledby="examples-h">
        <h2 id="examples-h">What others saw</h2>
        <p className="muted small">Examples from shown groups, unattributed and in alphabetical order.</p>
        {i.traits.map((t) => {
          const examples = t.groups.flatMap((g) => (g.shown ? g.examples : []));
          return examples.length ? (
            <details key={t.trait}>
              <summary>
                {t.name} ({examples.length})
              </summary>
              <ul>
                {examples.map((e, n) => (
                  // Examples may repeat word for word; their order is alphabetical, so the index is stable.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above
                  <li key={n}>{e}</li>
                ))}
              </ul>
            </details>
          ) : null;
        })}
      </section>

      <Observed />

      {i.trends.some((t) => t.points.length > 1) ? (
        <section className="section" aria-labelledby="trend-h">
          <h2 id="trend-h">Trend over cycles</h2>
          <ul>
            {i.trends.map((t) =>
              t.others || t.self ? (
                <li key={t.trait}>
                  {t.name}:{' '}
                  {t.others
                    ? `others ${t.others.from} → ${t.others.to} (${t.others.direction})`
                    : `you ${t.self!.from} → ${t.self!.to} (${t.self!.direction})`}
                </li>
              ) : null,
            )}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

function GroupCell({ g }: { g: Group }) {
  if (!g.shown) return <span className="muted">withheld</span>;
  return (
    <span>
      {fmt(g.mean)}{' '}
      <span className="muted small">{g.attributed ? '(manager)' : `(${g.raters}, ${g.min}–${g.max})`}</span>
    </span>
  );
}

/** Behaviour observed in Vetted: opt-in, yours alone, counts of your own work next to four traits. */
function Observed() {
  const { ws } = useSession();
  const client = useQueryClient();
  const observed = useQuery({ queryKey: [ws, 'observed'], queryFn: () => api.observed(ws) });
  const toggle = useMutation({
    mutationFn: (on: boolean) => api.setObserved(ws, on),
    onSuccess: (data) => client.setQueryData([ws, 'observed'], data),
  });
  if (observed.isPending) return <Loading what="what Vetted observed" />;
  if (observed.error) return <ErrorBox error={observed.error} retry={() => observed.refetch()} />;
  return (
    <section className="section" aria-labelledby="observed-h">
      <h2 id="observed-h">Observed in Vetted</h2>
      <p className="muted small">
        Your own work in Vetted, counted next to four traits: evidence, not a score. Only you see it, and only if you
        choose to.
      </p>
      {observed.data.optedIn ? (
        <ul>
          {observed.data.traits.flatMap((t) =>
            t.observations.map((o) => (
              <li key={o.id}>
                <strong>{t.name}:</strong> {o.text}
              </li>
            )),
          )}
        </ul>
      ) : null}
      {toggle.error ? <ErrorBox error={toggle.error} /> : null}
      <button
        type="button"
        className="button"
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(!observed.data.optedIn)}
      >
        {observed.data.optedIn ? 'Stop showing what Vetted observed' : 'Show me what Vetted observed'}
      </button>
    </section>
  );
}
