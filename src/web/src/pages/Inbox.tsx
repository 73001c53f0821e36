import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api.ts';
import { FormError } from '../components/Fields.tsx';
import { useSession } from '../session.tsx';
import type { InboxItem, InboxPage, InboxUnread } from '../types.ts';
import { Empty, ErrorBox, fmtDate, Loading, Page } from '../ui.tsx';

const KIND: Record<InboxItem['kind'], string> = {
  mention: 'mentioned you',
  comment: 'commented',
  decision: 'decided',
  result: 'recorded a result',
  merge: 'merged',
};

/** The member's inbox: what changed on ideas they follow or were mentioned on, newest first. */
export default function Inbox() {
  const { ws } = useSession();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const pages = useInfiniteQuery({
    queryKey: [ws, 'inbox', 'items', unreadOnly],
    queryFn: ({ pageParam }) =>
      api.inbox(ws, { ...(unreadOnly ? { unread: true } : {}), ...(pageParam ? { before: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const read = useMutation({
    mutationFn: (ids: string[] | 'all') => api.markRead(ws, ids === 'all' ? { all: true } : { ids }),
    onSuccess: (counted: InboxUnread, ids) => {
      // The items turn read in the same render as the header's count; the refetch after only confirms it.
      const readAt = new Date().toISOString();
      const marked = (item: InboxItem) => !item.readAt && (ids === 'all' || ids.includes(item.id));
      queryClient.setQueriesData<InfiniteData<InboxPage>>({ queryKey: [ws, 'inbox', 'items'] }, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((p) => ({
                ...p,
                unread: counted.unread,
                items: p.items.map((item) => (marked(item) ? { ...item, readAt } : item)),
              })),
            }
          : data,
      );
      queryClient.setQueryData([ws, 'inbox', 'unread'], counted);
      void queryClient.invalidateQueries({ queryKey: [ws, 'inbox', 'items'] });
    },
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = pages.data?.pages[0]?.unread ?? 0;

  return (
    <Page
      title="Inbox"
      lead="Decisions, results, merges and comments on ideas you submitted, follow or were mentioned on."
      actions={
        <button
          type="button"
          className="button"
          disabled={unread === 0 || read.isPending}
          onClick={() => read.mutate('all')}
        >
          Mark all read
        </button>
      }
    >
      <p className="inbox-summary">
        <strong>{unread}</strong> unread ·{' '}
        <label className="inline-check">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Only unread
        </label>
      </p>
      <FormError error={read.error} />
      {pages.isPending ? (
        <Loading what="your inbox" />
      ) : pages.error ? (
        <ErrorBox error={pages.error} retry={() => pages.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={unreadOnly ? 'Nothing unread.' : 'Nothing here yet.'}>
          <p>Follow an idea from its page, or wait for someone to mention you, and what changes shows here.</p>
        </Empty>
      ) : (
        <ol className="plain-list inbox-list">
          {items.map((item) => (
            <li key={item.id} className={`inbox-item card-panel${item.readAt ? '' : ' unread'}`}>
              <p className="inbox-head">
                {item.readAt ? null : <span className="visually-hidden">Unread: </span>}
                <strong>{item.actor?.name ?? 'Someone'}</strong> {KIND[item.kind]} on{' '}
                <Link
                  href={`/ideas/${item.idea.number}${item.kind === 'comment' || item.kind === 'mention' ? '#together' : ''}`}
                  className="title-link"
                  onClick={() => {
                    if (!item.readAt) read.mutate([item.id]);
                  }}
                >
                  #{item.idea.number} {item.idea.title}
                </Link>{' '}
                <span className="muted small">
                  <time dateTime={item.createdAt}>{fmtDate(item.createdAt)}</time>
                </span>
              </p>
              <p className="inbox-text">{item.summary}</p>
              {item.readAt ? null : (
                <button
                  type="button"
                  className="button button-small"
                  disabled={read.isPending}
                  onClick={() => read.mutate([item.id])}
                >
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {pages.hasNextPage ? (
        <button
          type="button"
          className="button"
          disabled={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
        >
          {pages.isFetchingNextPage ? 'Loading…' : 'Older'}
        </button>
      ) : null}
    </Page>
  );
}
