import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api } from '../api.ts';
import { DecisionList } from '../components/Decisions.tsx';
import { useSession } from '../session.tsx';
import { Empty, ErrorBox, fmtDate, Loading, Page, ScorePair, StageBadge } from '../ui.tsx';

/** A submitter's own ideas: where each stands, and the reasons for every decision on it. */
export default function MyIdeas() {
  const { ws, actor, stageName, methodology } = useSession();
  const ideas = useQuery({
    queryKey: [ws, 'ideas', 'mine', actor?.id],
    queryFn: () => api.allIdeas(ws, { mine: true, sort: '-updated' }),
    enabled: !!actor,
  });
  const decisions = useQueries({
    queries: (ideas.data ?? []).map((i) => ({
      queryKey: [ws, 'decisions', i.number],
      queryFn: () => api.decisions(ws, i.number),
    })),
  });

  return (
    <Page
      title="My ideas"
      lead={
        actor
          ? `Ideas ${actor.name} submitted, where each stands, and why.`
          : 'Ideas you submitted under your name, where each stands, and why.'
      }
    >
      {!actor ? (
        <p className="notice" role="note">
          You are signed in through your organisation, not as a member of this workspace: no idea is yours here.
        </p>
      ) : ideas.isPending ? (
        <Loading what="your ideas" />
      ) : ideas.error ? (
        <ErrorBox error={ideas.error} retry={() => ideas.refetch()} />
      ) : ideas.data.length === 0 ? (
        <Empty title="You have not submitted an idea under your name yet.">
          <p>
            <Link href="/submit">Submit one</Link>. Ideas sent anonymously are not listed here, because nothing links
            them to you: <Link href="/receipt">follow those with their receipt code</Link>.
          </p>
        </Empty>
      ) : (
        <>
          <p className="muted small">
            Anonymous ideas are not listed (nothing links them to you):{' '}
            <Link href="/receipt">use the receipt code</Link>.
          </p>
          <ul className="plain-list mine">
            {ideas.data.map((idea, n) => {
              const d = decisions[n];
              const last = d?.data?.at(-1);
              const stage = methodology.stages.find((s) => s.id === idea.stage);
              return (
                <li key={idea.id} className="card-panel">
                  <article aria-labelledby={`mine-${idea.number}`}>
                    <h2 id={`mine-${idea.number}`} className="h3">
                      <Link href={`/ideas/${idea.number}`}>
                        #{idea.number} {idea.title}
                      </Link>
                    </h2>
                    <p>
                      <StageBadge stage={idea.stage} name={stageName(idea.stage)} />{' '}
                      <span className="muted">{stage?.purpose}</span>
                    </p>
                    <p className="small">
                      Score: <ScorePair composite={idea.score.composite} adjusted={idea.score.adjusted} /> · submitted{' '}
                      {fmtDate(idea.createdAt)}
                    </p>
                    {d?.isPending ? (
                      <Loading what="decisions" />
                    ) : d?.error ? (
                      <ErrorBox error={d.error} retry={() => d.refetch()} />
                    ) : last ? (
                      <>
                        <p className="small">
                          <strong>Latest decision ({fmtDate(last.createdAt)}):</strong> {last.rationale}
                        </p>
                        <details>
                          <summary>Every decision and its reasons ({d?.data?.length ?? 0})</summary>
                          <DecisionList decisions={d?.data ?? []} />
                        </details>
                      </>
                    ) : (
                      <p className="muted small">No decision yet: it is waiting to be looked at.</p>
                    )}
                  </article>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Page>
  );
}
