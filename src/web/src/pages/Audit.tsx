import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearch } from 'wouter';
import { api, auditCsvUrl } from '../api.ts';
import { When } from '../components/Fields.tsx';
import { NotAllowed, useSession } from '../session.tsx';
import type { AuditEntry } from '../types.ts';
import { Empty, ErrorBox, Loading, Page } from '../ui.tsx';

/** What a route did, in words (the raw method and route are shown beside it). */
const ACTIONS: Record<string, string> = {
  'POST /auth/setup': 'set up Vetted',
  'POST /auth/sign-in': 'signed in',
  'POST /auth/demo': 'entered the sample',
  'POST /auth/sign-out-everywhere': 'signed out everywhere',
  'PUT /auth/password': 'changed their password',
  'POST /auth/links/use': 'used a link (joined, or reset a password)',
  'POST /auth/tokens': 'made an API token',
  'DELETE /auth/tokens/:id': 'revoked an API token',
  'PUT /auth/oidc/settings': 'changed the single sign-on settings',
  'POST /workspaces': 'created a workspace',
  'PATCH /workspaces/:ws': 'changed the workspace settings',
  'POST /workspaces/:ws/members': 'added a member',
  'PATCH /workspaces/:ws/members/:member': "changed a member's role",
  'DELETE /workspaces/:ws/members/:member': 'removed a member',
  'POST /workspaces/:ws/members/:member/password-reset': 'made a password reset link',
  'POST /workspaces/:ws/invites': 'made an invitation link',
  'DELETE /workspaces/:ws/invites/:invite': 'revoked an invitation',
  'POST /workspaces/:ws/ideas': 'submitted an idea',
  'PATCH /workspaces/:ws/ideas/:idea': 'edited an idea',
  'PUT /workspaces/:ws/ideas/:idea/frame': 'framed the problem',
  'POST /workspaces/:ws/ideas/:idea/evidence': 'added evidence',
  'PUT /workspaces/:ws/ideas/:idea/assessments/mine': 'scored an idea',
  'POST /workspaces/:ws/ideas/:idea/decisions': 'recorded a decision',
  'POST /workspaces/:ws/ideas/:idea/merge': 'merged ideas',
  'POST /workspaces/:ws/ideas/:idea/challenge/dismissals': 'dismissed a finding',
  'POST /workspaces/:ws/import': 'imported ideas',
};

/** Keys that say nothing a reader of the log needs. */
const QUIET = new Set([
  'id',
  'version',
  'workspaceId',
  'createdAt',
  'updatedAt',
  'via',
  'setupRequired',
  'demo',
  'oidc',
  'memberships',
]);
/** Keys that best say what a created record is, in this order. */
const TELLING = ['name', 'title', 'user', 'role', 'slug', 'scope', 'outcome', 'stage', 'email', 'rationale', 'kind'];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function short(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'string') {
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v) && !Number.isNaN(Date.parse(v)))
      return new Date(v).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    return v.length > 70 ? `${v.slice(0, 67)}…` : v;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const simple = v.every((x) => typeof x === 'string' || typeof x === 'number');
    const text = simple ? v.join(', ') : `${v.length} item${v.length === 1 ? '' : 's'}`;
    return short(text || 'none');
  }
  if (isObject(v)) {
    const named = v.name ?? v.title ?? v.slug;
    return typeof named === 'string' ? short(named) : '{…}';
  }
  return String(v);
}

interface Change {
  key: string;
  from?: string;
  to?: string;
}

/** Before and after, compactly: the fields that changed, or what was made or removed. */
export function changesOf(before: unknown, after: unknown): Change[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !QUIET.has(k));
    return keys
      .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      .map((k) => ({ key: k, from: short(before[k]), to: short(after[k]) }));
  }
  const one = isObject(after) ? after : isObject(before) ? before : null;
  if (!one) return after !== null && after !== undefined ? [{ key: 'result', to: short(after) }] : [];
  const side = one === after ? 'to' : 'from';
  const keys = Object.keys(one).filter((k) => !QUIET.has(k) && one[k] !== null && one[k] !== undefined);
  const rank = (k: string) => (TELLING.includes(k) ? TELLING.indexOf(k) : TELLING.length);
  return keys.sort((a, b) => rank(a) - rank(b)).map((k) => ({ key: k, [side]: short(one[k]) }));
}

function Changes({ entry }: { entry: AuditEntry }) {
  const all = changesOf(entry.before, entry.after);
  if (!all.length) return null;
  const row = (c: Change) => (
    <div key={c.key} className="audit-change">
      <dt>{c.key}</dt>
      <dd>
        {c.from !== undefined && c.to !== undefined ? (
          <>
            <span className="visually-hidden">from </span>
            <del>{c.from}</del> <span aria-hidden="true">→</span>
            <span className="visually-hidden"> to </span> <ins>{c.to}</ins>
          </>
        ) : c.to !== undefined ? (
          c.to
        ) : (
          <>
            <span className="visually-hidden">was </span>
            <del>{c.from}</del>
          </>
        )}
      </dd>
    </div>
  );
  return (
    <>
      <dl className="audit-changes">{all.slice(0, 3).map(row)}</dl>
      {all.length > 3 ? (
        <details className="small">
          <summary>{all.length - 3} more</summary>
          <dl className="audit-changes">{all.slice(3).map(row)}</dl>
        </details>
      ) : null}
    </>
  );
}

/**
 * The audit log (owners): every change, newest first, a page at a time, with who made it and what it
 * changed; exported as CSV. The install's own entries (workspaces created, tokens, sign-ins, first run)
 * are in a log of their own.
 */
export default function Audit() {
  const { ws, workspace, can } = useSession();
  const install = new URLSearchParams(useSearch()).get('scope') === 'install';
  const scope = install ? null : ws;
  const log = useInfiniteQuery({
    queryKey: [ws, 'audit', install ? 'install' : 'workspace'],
    queryFn: ({ pageParam }) => api.audit(scope, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: can('administer'),
    staleTime: 0,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Page
      title="Audit log"
      lead={
        install
          ? 'Install-wide: first run, sign-ins, workspaces created, API tokens and sign-in settings. Newest first.'
          : `Every change in ${workspace.name}: who, when, what, and what it changed. Newest first.`
      }
      actions={
        can('administer') ? (
          <a className="button" href={auditCsvUrl(scope)} download>
            Export CSV
          </a>
        ) : null
      }
    >
      <NotAllowed permission="administer" to="read the audit log" />
      {can('administer') ? (
        <>
          <nav aria-label="Which log" className="tabs">
            <Link href="/audit" aria-current={install ? undefined : 'page'}>
              This workspace
            </Link>
            <Link href="/audit?scope=install" aria-current={install ? 'page' : undefined}>
              Install-wide
            </Link>
          </nav>
          {log.isPending ? (
            <Loading what="the audit log" />
          ) : log.error ? (
            <ErrorBox error={log.error} retry={() => log.refetch()} />
          ) : items.length === 0 ? (
            <Empty title="Nothing recorded yet." />
          ) : (
            <>
              <ol className="plain-list audit-list" aria-label="Entries, newest first">
                {items.map((e) => {
                  const words = ACTIONS[e.action];
                  return (
                    <li key={e.id} className="audit-entry">
                      <p className="audit-head">
                        <strong>{e.actor}</strong> <span>{words ?? e.action}</span>{' '}
                        <span className="muted small">
                          <When iso={e.at} />
                        </span>
                      </p>
                      <p className="muted small audit-route">
                        <code>{e.action.split(' ')[0]}</code> {e.target}
                        {e.status >= 300 ? ` · ${e.status}` : ''}
                      </p>
                      <Changes entry={e} />
                    </li>
                  );
                })}
              </ol>
              <div className="pager">
                {log.hasNextPage ? (
                  <button
                    type="button"
                    className="button"
                    disabled={log.isFetchingNextPage}
                    onClick={() => log.fetchNextPage()}
                  >
                    {log.isFetchingNextPage ? 'Loading older entries…' : 'Older entries'}
                  </button>
                ) : (
                  <p className="muted small">That is the first entry: nothing older.</p>
                )}
              </div>
            </>
          )}
        </>
      ) : null}
    </Page>
  );
}
