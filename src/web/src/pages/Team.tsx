import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import type { TeamView } from '../types.ts';
import { Empty, ErrorBox, Loading, Page, ScrollRegion } from '../ui.tsx';

type Person = TeamView['members'][number];

const fmt = (n: number | null) => (n === null ? '–' : n.toFixed(1));
/** Heat by level, light tints only, so the ink on every cell keeps its contrast. */
const heat = (n: number | null) => (n === null ? 'heat-none' : `heat-${Math.min(5, Math.max(1, Math.round(n)))}`);

/**
 * /growth/team: sharing your own summary, and the team view of the people who shared theirs with you: a
 * heatmap (people × traits) and a radar per person, both from others' mean of their latest closed cycle,
 * thresholded by the API. Nobody appears here without having chosen to.
 */
export default function Team() {
  const { ws } = useSession();
  const team = useQuery({ queryKey: [ws, 'team-view'], queryFn: () => api.teamView(ws) });
  return (
    <Page
      title="Team view"
      wide
      lead="People who chose to show you their 360 summary: others' mean per trait from their latest closed cycle."
    >
      <Sharing />
      {team.isPending ? (
        <Loading what="your team" />
      ) : team.error ? (
        <ErrorBox error={team.error} retry={() => team.refetch()} />
      ) : team.data.members.length === 0 ? (
        <Empty title="Nobody has shared their summary with you yet.">
          <p>A person shares theirs from this page; you see only what their own summary shows them.</p>
        </Empty>
      ) : (
        <>
          <section className="section" aria-labelledby="heat-h">
            <h2 id="heat-h">Heatmap</h2>
            <ScrollRegion label="Team heatmap">
              <table className="table heatmap">
                <caption className="visually-hidden">Others' mean per person and trait (1 to 5)</caption>
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    {team.data.traits.map((t) => (
                      <th key={t.id} scope="col" className="num">
                        {t.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {team.data.members.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">{m.name}</th>
                      {m.scores.map((s) => (
                        <td key={s.trait} className={`num ${heat(s.others)}`}>
                          {fmt(s.others)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <p className="muted small">– : no closed cycle, or no rater group large enough to show for that trait.</p>
          </section>
          <section className="section" aria-labelledby="radar-h">
            <h2 id="radar-h">Radar per person</h2>
            <div className="radars">
              {team.data.members.map((m) => (
                <Radar key={m.id} person={m} traits={team.data.traits} />
              ))}
            </div>
          </section>
        </>
      )}
    </Page>
  );
}

function Sharing() {
  const { ws, members, actor } = useSession();
  const client = useQueryClient();
  const shares = useQuery({ queryKey: [ws, 'shares'], queryFn: () => api.shares(ws) });
  const [who, setWho] = useState('');
  const set = (data: Awaited<ReturnType<typeof api.shares>>) => client.setQueryData([ws, 'shares'], data);
  const add = useMutation({ mutationFn: () => api.share(ws, who), onSuccess: set });
  const stop = useMutation({ mutationFn: (id: string) => api.unshare(ws, id), onSuccess: set });
  const sharedWith = new Set((shares.data ?? []).map((s) => s.memberId));
  const candidates = members.filter((m) => m.id !== actor?.id && !sharedWith.has(m.id));
  return (
    <section className="section" aria-labelledby="share-h">
      <h2 id="share-h">Share my summary</h2>
      <p className="muted">
        Whom you choose sees your others' mean per trait in their team view: never your own ratings, a group, or an
        example. You can stop at any time.
      </p>
      {shares.data && shares.data.length > 0 ? (
        <ul className="plain-list">
          {shares.data.map((s) => (
            <li key={s.memberId} className="row">
              <span className="grow">Shared with {s.name}</span>
              <button
                type="button"
                className="button button-small"
                disabled={stop.isPending}
                onClick={() => stop.mutate(s.memberId)}
              >
                Stop sharing with {s.name}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>You share your summary with nobody.</p>
      )}
      <form
        className="inline-form"
        aria-label="Share my summary"
        onSubmit={(e) => {
          e.preventDefault();
          if (who) add.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="share-with">Share with</label>
          <select id="share-with" value={who} onChange={(e) => setWho(e.target.value)}>
            <option value="">Choose a member</option>
            {candidates.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={!who || add.isPending}>
          Share
        </button>
      </form>
      {add.error ? <ErrorBox error={add.error} /> : null}
      {stop.error ? <ErrorBox error={stop.error} /> : null}
    </section>
  );
}

/** A nine-axis radar of one person's others' mean (1-5); the heatmap above carries the same figures as text. */
function Radar({ person, traits }: { person: Person; traits: TeamView['traits'] }) {
  const size = 260;
  const c = size / 2;
  const r = 90;
  const point = (i: number, v: number) => {
    const a = (Math.PI * 2 * i) / traits.length - Math.PI / 2;
    return [c + Math.cos(a) * r * (v / 5), c + Math.sin(a) * r * (v / 5)] as const;
  };
  const values = person.scores.map((s) => s.others ?? 0);
  const shape = values.map((v, i) => point(i, v).join(',')).join(' ');
  const described = person.scores.map((s, i) => `${traits[i]?.name}: ${fmt(s.others)}`).join('; ');
  return (
    <figure className="card-panel radar">
      <svg
        viewBox={`0 0 ${size} ${size}`}
        width={size}
        height={size}
        role="img"
        aria-label={`${person.name}: ${described}`}
      >
        {[1, 2, 3, 4, 5].map((level) => (
          <polygon
            key={level}
            points={traits.map((_, i) => point(i, level).join(',')).join(' ')}
            className="radar-ring"
          />
        ))}
        {traits.map((t, i) => {
          const [x, y] = point(i, 5);
          const [lx, ly] = point(i, 6.1);
          return (
            <g key={t.id}>
              <line x1={c} y1={c} x2={x} y2={y} className="radar-axis" />
              <text x={lx} y={ly} textAnchor="middle" dominantBaseline="middle" className="radar-label">
                {i + 1}
              </text>
            </g>
          );
        })}
        <polygon points={shape} className="radar-shape" />
      </svg>
      <figcaption>
        <strong>{person.name}</strong>
        {person.closedOn ? <span className="muted small"> · cycle closed {person.closedOn}</span> : null}
        <ol className="radar-key small">
          {traits.map((t, i) => (
            <li key={t.id}>
              {t.name}: {fmt(person.scores[i]?.others ?? null)}
            </li>
          ))}
        </ol>
      </figcaption>
    </figure>
  );
}
