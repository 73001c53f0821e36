import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { api, describeError } from '../api.ts';
import { useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { Idea } from '../types.ts';
import { Empty, ErrorBox, fmtDate, Loading, Page, StageBadge } from '../ui.tsx';

/** Archived ideas, newest change first, each with a way back. */
export default function Archived() {
  const { ws, can, stageName } = useSession();
  const queryClient = useQueryClient();
  const archived = useQuery({
    queryKey: [ws, 'ideas', 'archived'],
    queryFn: () => api.allIdeas(ws, { archived: true, sort: '-updated' }),
  });
  const restore = useMutation({
    mutationFn: (idea: Idea) => api.restoreIdea(ws, idea.number, idea.version),
    onSuccess: (saved) => {
      queryClient.setQueryData([ws, 'idea', String(saved.number)], saved);
      void queryClient.invalidateQueries({ queryKey: [ws, 'ideas'] });
      showToast(`#${saved.number} restored: it is back on the board.`, {
        label: 'Undo',
        run: async () => {
          const again = await api.archiveIdea(ws, saved.number, saved.version);
          queryClient.setQueryData([ws, 'idea', String(again.number)], again);
          await queryClient.invalidateQueries({ queryKey: [ws, 'ideas'] });
        },
      });
    },
    onError: (e) => showToast(describeError(e), undefined, 'error'),
  });

  return (
    <Page
      title="Archived ideas"
      lead="Ideas taken off the board. Nothing linked to them was lost; restore one to bring it back."
    >
      <nav aria-label="Portfolio views" className="tabs">
        <Link href="/">Board</Link>
        <Link href="/list">List</Link>
        <Link href="/archived" aria-current="page">
          Archived
        </Link>
      </nav>
      {archived.isPending ? (
        <Loading what="archived ideas" />
      ) : archived.error ? (
        <ErrorBox error={archived.error} retry={() => archived.refetch()} />
      ) : archived.data.length === 0 ? (
        <Empty title="No archived ideas.">
          <p>An idea archived from its page shows here until it is restored.</p>
        </Empty>
      ) : (
        <ul className="plain-list archived-list">
          {archived.data.map((idea) => (
            <li key={idea.id} className="card-panel archived-item">
              <Link href={`/ideas/${idea.number}`} className="title-link">
                #{idea.number} {idea.title}
              </Link>{' '}
              <StageBadge stage={idea.stage} name={stageName(idea.stage)} />
              <span className="muted small"> · archived {fmtDate(idea.archivedAt)}</span>
              {can('decide') ? (
                <button
                  type="button"
                  className="button button-small"
                  disabled={restore.isPending}
                  onClick={() => restore.mutate(idea)}
                >
                  Restore #{idea.number}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
