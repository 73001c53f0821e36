import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { ApiError, api, describeError } from '../api.ts';
import { CopyField, FormError, fieldErrors, InputField, When } from '../components/Fields.tsx';
import { NotAllowed, useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { Roadmap as RoadmapData, RoadmapShareCreated } from '../types.ts';
import { Empty, ErrorBox, fmtDate, Loading, Page } from '../ui.tsx';

/** Each column takes the colour of the stage most of its ideas are in (the board's colours). */
const COLUMN_STAGE = { now: 'realization', next: 'validation', later: 'discovery' } as const;
const STAGE_WORDS: Record<string, string> = {
  discovery: 'Discovery',
  validation: 'Validation',
  realization: 'Realization',
  parked: 'Parked',
};

/**
 * Now / Next / Later, as members see it and as a share link shows it to someone without an account: the same
 * view, fed by the same answer, so what a stakeholder sees is exactly what the team sees. `link` makes idea
 * numbers links into the app (members only).
 */
function RoadmapView({ roadmap, link }: { roadmap: RoadmapData; link: boolean }) {
  return (
    <>
      {roadmap.northStar ? (
        <p className="north-star">
          North Star: <strong>{roadmap.northStar}</strong>
        </p>
      ) : null}
      <div className="roadmap-columns">
        {roadmap.columns.map((c) => (
          <section key={c.id} className={`column column-${COLUMN_STAGE[c.id]}`} aria-labelledby={`road-${c.id}`}>
            <h2 id={`road-${c.id}`} className="column-head">
              <span>{c.name}</span>
              <span className="count">{c.items.length + c.more}</span>
            </h2>
            <p className="small muted">{c.meaning}</p>
            {c.items.length === 0 ? (
              <p className="column-empty muted">Nothing here.</p>
            ) : (
              <ul className="cards">
                {c.items.map((i) => (
                  <li key={i.number} className="card roadmap-item">
                    <p className="card-title">
                      {link ? <Link href={`/ideas/${i.number}`}>{i.title}</Link> : i.title}{' '}
                      <span className="num">#{i.number}</span>
                    </p>
                    <p className="card-meta muted">
                      {STAGE_WORDS[i.stage] ?? i.stage} since {fmtDate(i.since)}
                      {i.reviewOn ? `, review ${fmtDate(i.reviewOn)}` : ''}
                    </p>
                    {i.objectives.length ? <p className="card-meta">Serves: {i.objectives.join('; ')}</p> : null}
                  </li>
                ))}
              </ul>
            )}
            {c.more ? <p className="small muted">…and {c.more} more</p> : null}
          </section>
        ))}
      </div>
    </>
  );
}

/** /w/:ws/roadmap: the roadmap, and (leaders and owners) the read-only links handed out. */
export default function Roadmap() {
  const { ws } = useSession();
  const q = useQuery({ queryKey: [ws, 'roadmap'], queryFn: () => api.roadmap(ws) });
  return (
    <Page
      title="Roadmap"
      lead="Now, Next and Later, from the pipeline: what is being built, tested, and understood."
      wide
    >
      {q.isPending ? <Loading what="the roadmap" /> : null}
      {q.error ? <ErrorBox error={q.error} retry={() => q.refetch()} /> : null}
      {q.data ? <RoadmapView roadmap={q.data} link /> : null}
      <ShareLinks />
    </Page>
  );
}

function ShareLinks() {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const shares = useQuery({
    queryKey: [ws, 'roadmap-shares'],
    queryFn: () => api.roadmapShares(ws),
    enabled: can('decide'),
  });
  const [label, setLabel] = useState('');
  const [made, setMade] = useState<RoadmapShareCreated | null>(null);
  const create = useMutation({
    mutationFn: () => api.shareRoadmap(ws, label),
    onSuccess: async (r) => {
      setMade(r);
      setLabel('');
      await queryClient.invalidateQueries({ queryKey: [ws, 'roadmap-shares'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.revokeRoadmapShare(ws, id),
    onSuccess: async (s) => {
      showToast(`Link “${s.label}” revoked.`);
      if (made?.share.id === s.id) setMade(null);
      await queryClient.invalidateQueries({ queryKey: [ws, 'roadmap-shares'] });
    },
  });
  return (
    <section className="section" aria-labelledby="shares-h">
      <h2 id="shares-h">Share the roadmap</h2>
      <p>
        A read-only link shows this roadmap to someone without an account: titles, stages, dates and objectives, nothing
        else. Revoke it and it stops working at once.
      </p>
      <NotAllowed permission="decide" to="make or revoke links" />
      {can('decide') ? (
        <>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate();
            }}
          >
            <InputField
              label="Who the link is for"
              value={label}
              maxLength={120}
              required
              onChange={(e) => setLabel(e.target.value)}
              error={fieldErrors(create.error).label}
            />
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              Make a link
            </button>
          </form>
          <FormError error={create.error} shown={['label']} />
          {made ? (
            <CopyField
              label={`Link for ${made.share.label}`}
              value={made.url}
              hint="Shown once: copy it now. Only a fingerprint of it is kept."
            />
          ) : null}
          {shares.error ? <ErrorBox error={shares.error} /> : null}
          {revoke.error ? <ErrorBox error={revoke.error} /> : null}
          {shares.data?.length ? (
            <table className="table">
              <caption>Links handed out</caption>
              <thead>
                <tr>
                  <th scope="col">For</th>
                  <th scope="col">Made</th>
                  <th scope="col">By</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {shares.data.map((s) => (
                  <tr key={s.id}>
                    <td>{s.label}</td>
                    <td>
                      <When iso={s.createdAt} />
                    </td>
                    <td>{s.createdBy?.name ?? ''}</td>
                    <td>
                      {s.revokedAt ? (
                        <>
                          Revoked <When iso={s.revokedAt} />
                        </>
                      ) : (
                        <button
                          type="button"
                          className="button button-danger"
                          aria-label={`Revoke the link for ${s.label}`}
                          disabled={revoke.isPending}
                          onClick={() => revoke.mutate(s.id)}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/**
 * /roadmap#<code>: the roadmap through a share link, for someone without an account. The code travels in the
 * fragment (never sent to a server in a URL) and then in a POST body; the page offers nothing to change.
 */
export function SharedRoadmap() {
  const [code] = useState(() => decodeURIComponent(window.location.hash.replace(/^#/, '')).trim());
  const q = useQuery({
    queryKey: ['shared-roadmap', code],
    queryFn: () => api.sharedRoadmap(code),
    enabled: code.length >= 10,
    retry: false,
  });
  if (code.length < 10)
    return (
      <Page title="Roadmap">
        <Empty title="This address has no roadmap code.">
          <p>Open the whole link you were given: it ends with # and a long code.</p>
        </Empty>
      </Page>
    );
  if (q.isPending) return <Loading what="the roadmap" />;
  if (q.error)
    return (
      <Page title="Roadmap">
        {q.error instanceof ApiError && q.error.status === 404 ? (
          <div className="notice notice-error" role="alert">
            <p>{describeError(q.error)}</p>
          </div>
        ) : (
          <ErrorBox error={q.error} />
        )}
      </Page>
    );
  return (
    <Page title={`Roadmap: ${q.data.workspace}`} lead="Read-only, shared with you by the team." wide>
      <RoadmapView roadmap={q.data} link={false} />
    </Page>
  );
}
