import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useLocation } from 'wouter';
import { ApiError, api, describeError } from '../api.ts';
import { aRole, ROLE_HINTS, ROLE_NAMES } from '../auth.tsx';
import { Confirm, CopyField, When } from '../components/Fields.tsx';
import { useSession } from '../session.tsx';
import type { LinkIssued, Member, PortalLink, Role } from '../types.ts';
import { Dialog, Empty, ErrorBox, fmtDate, Loading, Page } from '../ui.tsx';

const ROLES: Role[] = ['owner', 'leader', 'contributor', 'viewer'];
const EXPIRY = [
  { hours: 24, label: '1 day' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '7 days' },
  { hours: 720, label: '30 days' },
];

/** What went wrong with a change to a member, in words that say what to do next. */
function memberError(error: unknown, name: string): string {
  if (error instanceof ApiError && error.status === 409)
    return `Someone else changed ${name}'s membership a moment ago, so nothing was saved. The list now shows it as it is: check it and try again.`;
  if (error instanceof ApiError && error.status === 422) return error.problem.detail ?? error.problem.title;
  return describeError(error);
}

/**
 * A workspace's people. Owners change roles, remove members, invite by link and give password reset links;
 * everyone else sees who is here, with which role.
 */
export default function Members() {
  const { ws, workspace, members, actor, role, can } = useSession();
  const owner = can('administer');
  const list = useQuery({ queryKey: [ws, 'members'], queryFn: () => api.members(ws), initialData: members });
  const sorted = [...list.data].sort(
    (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.name.localeCompare(b.name),
  );
  return (
    <Page
      title="Members"
      lead={
        owner
          ? `Who is in ${workspace.name}, and what each may do. Changes apply at once.`
          : `Who is in ${workspace.name}, and what each may do.`
      }
    >
      {!owner ? (
        <p className="notice" role="note">
          {role ? `You are ${aRole(role)} here: ` : ''}only owners change roles, remove members and invite people.
        </p>
      ) : null}
      {owner ? (
        <ManageMembers members={sorted} me={actor?.id ?? null} />
      ) : (
        <ul className="plain-list member-list" aria-label="Members">
          {sorted.map((m) => (
            <li key={m.id} className="member">
              <div className="member-who">
                <span>
                  <strong>{m.name}</strong>
                  {m.id === actor?.id ? <span className="muted small"> (you)</span> : null}
                </span>
                {m.email ? <span className="muted small member-email">{m.email}</span> : null}
              </div>
              <span className="badge role-badge">{ROLE_NAMES[m.role]}</span>
            </li>
          ))}
        </ul>
      )}
      {owner ? <Invitations /> : null}
      {owner ? <PortalControl /> : null}
    </Page>
  );
}

function ManageMembers({ members, me }: { members: Member[]; me: string | null }) {
  const { ws, workspace } = useSession();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState('');
  const [removing, setRemoving] = useState<Member | null>(null);
  const [resetFor, setResetFor] = useState<Member | null>(null);
  const selectId = useId();

  /** The list as the server's answer left it, before the message says so (the refetch after only confirms). */
  const settle = (m: Member, removed: boolean) =>
    queryClient.setQueryData<Member[]>(
      [ws, 'members'],
      (list) => list && (removed ? list.filter((x) => x.id !== m.id) : list.map((x) => (x.id === m.id ? m : x))),
    );
  const reload = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [ws, 'members'] }),
      queryClient.invalidateQueries({ queryKey: ['auth', 'session'] }),
    ]);

  const change = useMutation({
    mutationFn: ({ m, role }: { m: Member; role: Role }) => api.updateMember(ws, m.id, m.version, role),
    onMutate: () => {
      setMessage('');
      setProblem('');
    },
    onSuccess: async (m) => {
      settle(m, false);
      setMessage(`${m.name} is now ${aRole(m.role)}.`);
      await reload();
    },
    onError: async (error, { m }) => {
      setProblem(memberError(error, m.name));
      await reload();
    },
  });
  const remove = useMutation({
    mutationFn: (m: Member) => api.removeMember(ws, m.id),
    onSuccess: async (m) => {
      setRemoving(null);
      settle(m, true);
      setMessage(`${m.name} was removed from ${workspace.name}. What they did keeps their name.`);
      await reload();
      if (m.id === me) navigate('~/');
    },
  });

  return (
    <section aria-labelledby="members-h">
      <h2 id="members-h">
        {members.length} member{members.length === 1 ? '' : 's'}
      </h2>
      <p role="status" className="status-line">
        {message}
      </p>
      {problem ? (
        <div className="notice notice-error" role="alert">
          <p>{problem}</p>
        </div>
      ) : null}
      <ul className="plain-list member-list" aria-labelledby="members-h">
        {members.map((m) => {
          const pending = change.isPending && change.variables?.m.id === m.id;
          const id = `${selectId}-${m.id}`;
          return (
            <li key={m.id} className="member">
              <div className="member-who">
                <span>
                  <strong>{m.name}</strong>
                  {m.id === me ? <span className="muted small"> (you)</span> : null}
                </span>
                {m.email ? <span className="muted small member-email">{m.email}</span> : null}
                <span className="muted small">Since {fmtDate(m.createdAt)}</span>
              </div>
              <div className="member-actions">
                <label htmlFor={id} className="visually-hidden">
                  Role of {m.name}
                </label>
                <select
                  id={id}
                  value={pending ? change.variables!.role : m.role}
                  disabled={pending}
                  onChange={(e) => change.mutate({ m, role: e.target.value as Role })}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_NAMES[r]}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setResetFor(m)}
                  aria-label={`Password reset link for ${m.name}`}
                >
                  Reset link…
                </button>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setRemoving(m)}
                  aria-label={`Remove ${m.name}`}
                >
                  Remove…
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <details className="small role-help">
        <summary>What each role may do</summary>
        <dl>
          {ROLES.map((r) => (
            <div key={r}>
              <dt>{ROLE_NAMES[r]}</dt>
              <dd>{ROLE_HINTS[r]}</dd>
            </div>
          ))}
        </dl>
      </details>
      {removing ? (
        <Confirm
          title={`Remove ${removing.name}?`}
          action={`Remove ${removing.name}`}
          danger
          pending={remove.isPending}
          error={remove.error ? memberError(remove.error, removing.name) : null}
          onConfirm={() => remove.mutate(removing)}
          onClose={() => {
            setRemoving(null);
            remove.reset();
          }}
        >
          <p>
            {removing.id === me ? 'Your' : 'Their'} access to {workspace.name} ends at once. What{' '}
            {removing.id === me ? 'you' : 'they'} did (ideas, evidence, scores, decisions) stays, under{' '}
            {removing.id === me ? 'your' : 'their'} name. An owner can invite {removing.id === me ? 'you' : 'them'}{' '}
            again later.
          </p>
        </Confirm>
      ) : null}
      {resetFor ? <ResetLink member={resetFor} onClose={() => setResetFor(null)} /> : null}
    </section>
  );
}

/** A password reset link for one member, issued when the dialog opens, shown once. */
function ResetLink({ member, onClose }: { member: Member; onClose: () => void }) {
  const { ws } = useSession();
  const issue = useMutation({ mutationFn: () => api.passwordReset(ws, member.id) });
  return (
    <Dialog title={`Password reset link for ${member.name}`} onClose={onClose}>
      {issue.data ? (
        <IssuedLink
          link={issue.data}
          label="Reset link"
          hint={`Give it to ${member.name} yourself (no email is sent). It works once, until ${fmtDate(issue.data.expiresAt)}, and signs their other browsers out.`}
        />
      ) : (
        <>
          <p>
            A link with which {member.name} sets a new password. It works once, for 24 hours. Make it only when{' '}
            {member.name} asked: their current password stops working once it is used.
          </p>
          {issue.error ? (
            <div className="notice notice-error" role="alert">
              <p>{memberError(issue.error, member.name)}</p>
            </div>
          ) : null}
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={issue.isPending}
              onClick={() => issue.mutate()}
            >
              {issue.isPending ? 'Making the link…' : 'Make the reset link'}
            </button>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

function IssuedLink({ link, label, hint }: { link: LinkIssued; label: string; hint: string }) {
  return (
    <div className="stack">
      <div className="notice notice-warn" role="note">
        <p>
          <strong>Shown only now.</strong> Copy the link and pass it on yourself; only a fingerprint of it is kept.
        </p>
      </div>
      <CopyField label={label} value={link.url} hint={hint} />
    </div>
  );
}

/** Inviting by link (a role and how long it works), and the invitations still open. */
function Invitations() {
  const { ws, workspace } = useSession();
  const queryClient = useQueryClient();
  const invites = useQuery({ queryKey: [ws, 'invites'], queryFn: () => api.invites(ws) });
  const [role, setRole] = useState<Role>('contributor');
  const [hours, setHours] = useState(168);
  const [issued, setIssued] = useState<LinkIssued | null>(null);
  const [message, setMessage] = useState('');
  const roleId = useId();
  const hoursId = useId();
  const create = useMutation({
    mutationFn: () => api.invite(ws, { role, expiresInHours: hours }),
    onSuccess: async (link) => {
      setIssued(link);
      setMessage('');
      await queryClient.invalidateQueries({ queryKey: [ws, 'invites'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.revokeInvite(ws, id),
    onSuccess: async () => {
      setMessage('Invitation revoked: its link no longer works.');
      await queryClient.invalidateQueries({ queryKey: [ws, 'invites'] });
    },
  });

  return (
    <>
      <section className="section" aria-labelledby="invite-h">
        <h2 id="invite-h">Invite by link</h2>
        <p className="muted">
          One person joins {workspace.name} with the role you choose. The link works once; send it to them yourself.
        </p>
        {issued ? (
          <div className="card-panel stack">
            <IssuedLink
              link={issued}
              label="Invitation link"
              hint={`As ${aRole(role)}; works once, until ${fmtDate(issued.expiresAt)}.`}
            />
            <div className="actions">
              <button type="button" className="button" onClick={() => setIssued(null)}>
                Invite someone else
              </button>
            </div>
          </div>
        ) : (
          <form
            className="inline-form"
            aria-label="Invite by link"
            onSubmit={(e) => {
              e.preventDefault();
              create.mutate();
            }}
          >
            <div className="field">
              <label htmlFor={roleId}>Role</label>
              <select id={roleId} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_NAMES[r]}: {ROLE_HINTS[r]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={hoursId}>Link works for</label>
              <select id={hoursId} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
                {EXPIRY.map((x) => (
                  <option key={x.hours} value={x.hours}>
                    {x.label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              {create.isPending ? 'Making…' : 'Make invitation link'}
            </button>
          </form>
        )}
        {create.error ? <ErrorBox error={create.error} /> : null}
      </section>

      <section className="section" aria-labelledby="open-h">
        <h2 id="open-h">Open invitations</h2>
        <p role="status" className="status-line">
          {message}
        </p>
        {revoke.error ? <ErrorBox error={revoke.error} /> : null}
        {invites.isPending ? (
          <Loading what="invitations" />
        ) : invites.error ? (
          <ErrorBox error={invites.error} retry={() => invites.refetch()} />
        ) : invites.data.length === 0 ? (
          <Empty title="No open invitations." />
        ) : (
          <ul className="plain-list member-list">
            {invites.data.map((i) => (
              <li key={i.id} className="member">
                <div className="member-who">
                  <strong>{ROLE_NAMES[i.role]}</strong>
                  <span className="muted small">
                    Made <When iso={i.createdAt} />, works until <When iso={i.expiresAt} />
                  </span>
                </div>
                <button
                  type="button"
                  className="button button-small"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(i.id)}
                  aria-label={`Revoke the ${ROLE_NAMES[i.role].toLowerCase()} invitation made ${fmtDate(i.createdAt)}`}
                >
                  Revoke
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The workspace's submission portal: a link for people without an account, opened, replaced or closed here. */
function PortalControl() {
  const { ws, workspace } = useSession();
  const queryClient = useQueryClient();
  const state = useQuery({ queryKey: [ws, 'portal'], queryFn: () => api.portal(ws) });
  const [link, setLink] = useState<PortalLink | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: [ws, 'portal'] });
  const open = useMutation({
    mutationFn: () => api.openPortal(ws),
    onSuccess: (l) => {
      setLink(l);
      return refresh();
    },
  });
  const close = useMutation({
    mutationFn: () => api.closePortal(ws),
    onSuccess: () => {
      setLink(null);
      return refresh();
    },
  });
  const enabled = state.data?.enabled ?? false;
  return (
    <section className="section" aria-labelledby="portal-h">
      <h2 id="portal-h">Submission portal</h2>
      <p className="muted">
        A link for people without an account (an intranet page, a poster): they submit ideas to {workspace.name}{' '}
        anonymously and follow them by receipt code. A new link replaces the old one.
      </p>
      {link ? (
        <CopyField label="Portal link" value={link.url} hint="Shown once: copy it now." />
      ) : (
        <p role="status" className="status-line">
          {state.isPending ? '' : enabled ? `Open since ${fmtDate(state.data!.since!)}.` : 'Closed.'}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button" disabled={open.isPending} onClick={() => open.mutate()}>
          {enabled ? 'Make a new portal link' : 'Open the portal'}
        </button>
        {enabled ? (
          <button type="button" className="button" disabled={close.isPending} onClick={() => close.mutate()}>
            Close the portal
          </button>
        ) : null}
      </div>
      {(open.error ?? close.error) ? <ErrorBox error={open.error ?? close.error} /> : null}
    </section>
  );
}
