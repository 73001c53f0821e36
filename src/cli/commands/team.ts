import { writeFileSync } from 'node:fs';
import type {
  ApiToken,
  AuditPage,
  LinkIssued,
  Member,
  PortalLink,
  PortalState,
  Role,
  TokenCreated,
} from '../../schema/index.ts';
import { ROLES } from '../../schema/index.ts';
import type { Session } from '../context.ts';
import { CliError, describeProblem, print, table } from '../output.ts';

/**
 * The team from the command line: members (invite, role, remove, reset link), personal tokens, the audit
 * log and the submission portal, each a call of the same API the web app uses.
 */
const json = (value: unknown) => print(JSON.stringify(value, null, 2));

function roleOf(value: string | undefined): Role {
  if (!value || !(ROLES as readonly string[]).includes(value))
    throw new CliError(`Give a role: ${ROLES.join(', ')}.`, 2);
  return value as Role;
}

/** A member by id, email or name (names are matched here, never sent as an identity). */
async function memberOf(s: Session, ref: string | undefined): Promise<Member> {
  if (!ref) throw new CliError('Say which member: an id, an email or a name.', 2);
  const list = await s.call<Member[]>('GET', await s.ws('/members'));
  const wanted = ref.toLowerCase();
  const m = list.find((x) => x.id === ref || x.email?.toLowerCase() === wanted || x.name.toLowerCase() === wanted);
  if (!m) throw new CliError(`No member "${ref}" in workspace "${await s.workspace()}".`);
  return m;
}

export async function membersCommand(
  s: Session,
  action: string | undefined,
  ref: string | undefined,
  o: Record<string, string | undefined>,
) {
  const actor = await s.actor();
  if (action === 'invite') {
    const link = await s.call<LinkIssued>(
      'POST',
      await s.ws('/invites'),
      { role: roleOf(o.role), ...(o.hours ? { expiresInHours: Number(o.hours) } : {}) },
      actor,
    );
    if (s.flags.json) return json(link);
    print(`Invitation link (works once, until ${link.expiresAt}; send it yourself):\n${link.url}`);
    return;
  }
  if (action === 'role') {
    const m = await memberOf(s, ref);
    const updated = await s.call<Member>(
      'PATCH',
      await s.ws(`/members/${m.id}`),
      { version: m.version, role: roleOf(o.role) },
      actor,
    );
    return s.flags.json ? json(updated) : print(`${updated.name} is now ${updated.role}.`);
  }
  if (action === 'remove') {
    const m = await memberOf(s, ref);
    await s.call<Member>('DELETE', await s.ws(`/members/${m.id}`), undefined, actor);
    return print(`${m.name} no longer has access to ${await s.workspace()}; their work keeps their name.`);
  }
  if (action === 'reset') {
    const m = await memberOf(s, ref);
    const link = await s.call<LinkIssued>('POST', await s.ws(`/members/${m.id}/password-reset`), undefined, actor);
    if (s.flags.json) return json(link);
    print(`Password reset link for ${m.name} (works once, until ${link.expiresAt}; pass it on yourself):\n${link.url}`);
    return;
  }
  throw new CliError(
    'Usage: vetted members [invite --role R [--hours N] | role <member> --role R | remove <member> | reset <member>]',
    2,
  );
}

export async function tokensCommand(
  s: Session,
  action: string | undefined,
  arg: string | undefined,
  o: Record<string, string | undefined>,
) {
  if (!action || action === 'list') {
    const list = await s.call<ApiToken[]>('GET', '/api/auth/tokens');
    if (s.flags.json) return json(list);
    print(
      table(list as unknown as Record<string, unknown>[], [
        'name',
        'scope',
        'createdAt',
        'lastUsedAt',
        'revokedAt',
        'id',
      ]),
    );
    return;
  }
  if (action === 'add') {
    if (!arg) throw new CliError('Usage: vetted token add <name> --scope read|write', 2);
    const scope = o.scope === 'read' || o.scope === 'write' ? o.scope : undefined;
    if (!scope) throw new CliError('Give a scope: --scope read or --scope write.', 2);
    const made = await s.call<TokenCreated>('POST', '/api/auth/tokens', { name: arg, scope });
    if (s.flags.json) return json(made);
    print(`Token "${made.record.name}" (${scope}); shown this once, keep it somewhere safe:\n${made.token}`);
    return;
  }
  if (action === 'revoke') {
    if (!arg) throw new CliError('Usage: vetted token revoke <id>', 2);
    const t = await s.call<ApiToken>('DELETE', `/api/auth/tokens/${encodeURIComponent(arg)}`);
    return print(`Token "${t.name}" revoked.`);
  }
  throw new CliError('Usage: vetted token list | add <name> --scope read|write | revoke <id>', 2);
}

export async function auditCommand(s: Session, o: Record<string, string | undefined>) {
  const actor = await s.actor();
  const limit = o.limit ?? '100';
  if (o.format === 'csv') {
    const r = await s.client.request(
      'GET',
      await s.ws(`/audit?format=csv&limit=${encodeURIComponent(limit)}`),
      undefined,
      actor,
    );
    if (r.status >= 400) throw new CliError(describeProblem(r.status, r.body));
    if (o.output) {
      writeFileSync(o.output, r.text);
      return print(`Wrote ${o.output}.`);
    }
    return print(r.text.trimEnd());
  }
  const page = await s.call<AuditPage>(
    'GET',
    await s.ws(`/audit?limit=${encodeURIComponent(limit)}`),
    undefined,
    actor,
  );
  if (s.flags.json) return json(page);
  print(table(page.items as unknown as Record<string, unknown>[], ['at', 'actor', 'action', 'target', 'status']));
}

export async function portalCommand(s: Session, action: string | undefined) {
  const actor = await s.actor();
  if (!action || action === 'status') {
    const state = await s.call<PortalState>('GET', await s.ws('/portal'), undefined, actor);
    return s.flags.json ? json(state) : print(state.enabled ? `Open since ${state.since}.` : 'Closed.');
  }
  if (action === 'open') {
    const link = await s.call<PortalLink>('POST', await s.ws('/portal'), undefined, actor);
    if (s.flags.json) return json(link);
    print(`Submission portal link (replaces any earlier one):\n${link.url}`);
    return;
  }
  if (action === 'close') {
    await s.call('DELETE', await s.ws('/portal'), undefined, actor);
    return print('The submission portal is closed; its link no longer works.');
  }
  throw new CliError('Usage: vetted portal [status | open | close]', 2);
}
