import type { Comment, FollowState, InboxPage, InboxUnread } from '../../schema/index.ts';
import type { Session } from '../context.ts';
import { CliError, json, print, table } from '../output.ts';

const ideaPath = async (s: Session, ref: string) => s.ws(`/ideas/${encodeURIComponent(ref)}`);

/** `comment 12 "text"` adds a comment (Markdown, @Name mentions); `comment 12` lists them. */
export async function comment(s: Session, ref: string | undefined, text: string | undefined) {
  if (!ref) throw new CliError('Usage: vetted comment <idea> ["Markdown text; @Name mentions a member"]', 2);
  const base = await ideaPath(s, ref);
  if (text === undefined) {
    const list = await s.call<Comment[]>('GET', `${base}/comments`);
    if (s.flags.json) return json(list);
    if (list.length === 0) return print(`No comments on #${ref} yet.`);
    for (const c of list) print(`${c.createdAt.slice(0, 16).replace('T', ' ')}  ${c.author.name}\n${c.body}\n`);
    return;
  }
  const added = await s.call<Comment>('POST', `${base}/comments`, { body: text }, await s.actor());
  if (s.flags.json) return json(added);
  const mentioned = added.mentions.length ? ` Told: ${added.mentions.map((m) => m.name).join(', ')}.` : '';
  print(`Commented on #${ref}.${mentioned}`);
}

export async function follow(s: Session, ref: string | undefined, on: boolean) {
  if (!ref) throw new CliError(`Usage: vetted ${on ? 'follow' : 'unfollow'} <idea>`, 2);
  const state = await s.call<FollowState>(on ? 'PUT' : 'DELETE', `${await ideaPath(s, ref)}/follow`, undefined, {
    ...(await s.actor()),
  });
  if (s.flags.json) return json(state);
  const others = `${state.followers} follower${state.followers === 1 ? '' : 's'}`;
  print(state.following ? `Following #${ref} (${others}).` : `No longer following #${ref} (${others}).`);
}

/** `inbox` lists what changed, newest first; `--unread` only the unread; `--read-all` marks everything read. */
export async function inbox(s: Session, o: { unread?: boolean; limit?: string; 'read-all'?: boolean }) {
  const actor = await s.actor();
  if (o['read-all']) {
    const r = await s.call<InboxUnread>('POST', await s.ws('/inbox/read'), { all: true }, actor);
    if (s.flags.json) return json(r);
    return print('Marked everything read.');
  }
  const query = new URLSearchParams();
  if (o.unread) query.set('unread', 'true');
  if (o.limit) query.set('limit', o.limit);
  const page = await s.call<InboxPage>('GET', await s.ws(`/inbox${query.size ? `?${query}` : ''}`), undefined, actor);
  if (s.flags.json) return json(page);
  print(`${page.unread} unread.`);
  if (page.items.length === 0) return;
  print(
    table(
      page.items.map((i) => ({
        when: i.createdAt.slice(0, 16).replace('T', ' '),
        new: i.readAt ? '' : '•',
        what: i.kind,
        idea: `#${i.idea.number} ${i.idea.title}`,
        by: i.actor?.name ?? '',
        summary: i.summary,
      })),
      ['new', 'when', 'what', 'idea', 'by', 'summary'],
    ),
  );
}
