import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api.ts';
import { ROLE_NAMES, useAuth } from '../auth.tsx';
import {
  Confirm,
  CopyField,
  type Errors,
  FormError,
  fieldErrors,
  InputField,
  passwordErrors,
  useFocusFirstInvalid,
  When,
} from '../components/Fields.tsx';
import type { ApiToken, TokenCreated } from '../types.ts';
import { Empty, ErrorBox, Loading, Page, ScrollRegion } from '../ui.tsx';

/** The signed-in person's own account: who they are, their workspaces, their password and their sessions. */
export function Account() {
  const auth = useAuth();
  const { user, memberships } = auth.state;
  const [confirming, setConfirming] = useState(false);
  const everywhere = useMutation({ mutationFn: () => auth.signOut(true) });
  if (!user) return <Page title="Your account">{null}</Page>;
  return (
    <Page title="Your account" lead={`${user.name} · ${user.email}`}>
      <div className="stack narrow">
        <section className="card-panel" aria-labelledby="acct-ws">
          <h2 id="acct-ws">Your workspaces</h2>
          {memberships.length ? (
            <ul className="plain-list">
              {memberships.map((m) => (
                <li key={m.memberId}>
                  <Link href={`~/w/${m.workspace.slug}`}>{m.workspace.name}</Link>{' '}
                  <span className="muted small">· {ROLE_NAMES[m.role]}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">None yet: an owner can invite you by link.</p>
          )}
        </section>

        {auth.demoSession ? (
          <p className="notice" role="note">
            This is the sample portfolio's account, which has no password:{' '}
            <Link href="~/setup">create your own owner account</Link> instead.
          </p>
        ) : (
          <PasswordForm hasPassword={user.hasPassword} />
        )}

        <section className="card-panel stack" aria-labelledby="acct-everywhere">
          <h2 id="acct-everywhere">Sign out everywhere</h2>
          <p>
            Ends every session of your account, in every browser, this one included: use it when a device is lost or
            shared. Your <Link href="~/account/tokens">API tokens</Link> keep working; revoke those separately.
          </p>
          <div className="actions">
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              Sign out everywhere…
            </button>
          </div>
        </section>
      </div>
      {confirming ? (
        <Confirm
          title="Sign out everywhere?"
          action="Sign out everywhere"
          danger
          pending={everywhere.isPending}
          error={everywhere.error}
          onConfirm={() => everywhere.mutate()}
          onClose={() => setConfirming(false)}
        >
          <p>Every browser signed in as {user.name} is signed out, this one too. API tokens keep working.</p>
        </Confirm>
      ) : null}
    </Page>
  );
}

function PasswordForm({ hasPassword }: { hasPassword: boolean }) {
  const { refresh } = useAuth();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [own, setOwn] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const [done, setDone] = useState('');
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);
  const change = useMutation({
    mutationFn: () => api.changePassword(current, password),
    onSuccess: async () => {
      setCurrent('');
      setPassword('');
      setRepeat('');
      setDone('Password changed. Other browsers signed in to your account were signed out.');
      // This browser got a new session (and with it a new CSRF token): read it.
      await refresh();
    },
    onError: () => setAttempt((n) => n + 1),
  });
  const errors = fieldErrors(change.error, own);
  return (
    <form
      ref={form}
      className="card-panel stack"
      aria-labelledby="acct-password"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setDone('');
        const found: Errors = {
          current: hasPassword && !current ? 'give your current password' : undefined,
          ...passwordErrors(password, repeat),
        };
        setOwn(found);
        if (Object.values(found).some(Boolean)) {
          setAttempt((n) => n + 1);
          return;
        }
        change.mutate();
      }}
    >
      <h2 id="acct-password">{hasPassword ? 'Change your password' : 'Set a password'}</h2>
      {hasPassword ? (
        <InputField
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={errors.current}
        />
      ) : (
        <p className="muted small">You sign in with single sign-on; a password lets you sign in without it too.</p>
      )}
      <InputField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters. Other browsers are signed out when it changes."
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
      />
      <InputField
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
        error={errors.repeat}
      />
      <FormError error={change.error} shown={['current', 'password']} />
      <p role="status" className="status-line">
        {done}
      </p>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={change.isPending}>
          {change.isPending ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}

const SCOPES = {
  read: { name: 'Read', hint: 'reads everything you can read; changes nothing', may: 'read everything you can' },
  write: {
    name: 'Read and write',
    hint: 'also makes changes, as you, with your roles',
    may: 'read and change everything you can',
  },
} as const;

/** Personal API tokens, for the CLI (`vetted login`) and integrations: made, listed, revoked. */
export function Tokens() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: api.tokens });
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'read' | 'write'>('read');
  const [own, setOwn] = useState<Errors>({});
  const [created, setCreated] = useState<TokenCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [message, setMessage] = useState('');
  const create = useMutation({
    mutationFn: () => api.createToken({ name: name.trim(), scope }),
    onSuccess: async (t) => {
      setCreated(t);
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (t: ApiToken) => api.revokeToken(t.id),
    onSuccess: async (t) => {
      setRevoking(null);
      setMessage(`Token “${t.name}” revoked: it no longer works.`);
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const errors = fieldErrors(create.error, own);

  return (
    <Page
      title="API tokens"
      lead={
        <>
          A token lets the command line (<code>vetted login</code>) or another program act as you: send it as{' '}
          <code>Authorization: Bearer …</code>. It is shown once, when made.
        </>
      }
    >
      <div className="stack">
        {created ? (
          <section className="card-panel stack token-created" aria-labelledby="token-new">
            <h2 id="token-new">Your new token “{created.record.name}”</h2>
            <div className="notice notice-warn" role="note">
              <p>
                <strong>Copy it now: it is shown only this once.</strong> Anyone who has it can{' '}
                {SCOPES[created.record.scope].may}, as you. Keep it like a password.
              </p>
            </div>
            <CopyField label="Token" value={created.token} />
            <div className="actions">
              <button type="button" className="button" onClick={() => setCreated(null)}>
                Done, I have copied it
              </button>
            </div>
          </section>
        ) : (
          <form
            className="card-panel stack"
            aria-labelledby="token-make"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const found = { name: name.trim() ? undefined : 'name the token after where it is used' };
              setOwn(found);
              if (found.name) return;
              create.mutate();
            }}
          >
            <h2 id="token-make">Make a token</h2>
            <InputField
              label="Name"
              hint="Where it will be used, e.g. “laptop CLI” or “weekly report script”."
              value={name}
              onChange={(e) => setName(e.target.value)}
              error={errors.name}
              maxLength={80}
            />
            <fieldset>
              <legend>Scope</legend>
              {(['read', 'write'] as const).map((s) => (
                <label key={s} className="choice">
                  <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => setScope(s)} />
                  <span>
                    {SCOPES[s].name} <span className="muted small">({SCOPES[s].hint})</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <FormError error={create.error} shown={['name']} />
            <div className="actions">
              <button type="submit" className="button button-primary" disabled={create.isPending}>
                {create.isPending ? 'Making…' : 'Make token'}
              </button>
            </div>
          </form>
        )}

        <section aria-labelledby="token-list">
          <h2 id="token-list">Your tokens</h2>
          <p role="status" className="status-line">
            {message}
          </p>
          {tokens.isPending ? (
            <Loading what="tokens" />
          ) : tokens.error ? (
            <ErrorBox error={tokens.error} retry={() => tokens.refetch()} />
          ) : tokens.data.length === 0 ? (
            <Empty title="No tokens yet." />
          ) : (
            <ScrollRegion label="Your tokens">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Scope</th>
                    <th scope="col">Made</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.data.map((t) => (
                    <tr key={t.id}>
                      <th scope="row">{t.name}</th>
                      <td>{SCOPES[t.scope].name}</td>
                      <td>
                        <When iso={t.createdAt} />
                      </td>
                      <td>
                        <When iso={t.lastUsedAt} />
                      </td>
                      <td>
                        {t.revokedAt ? (
                          <span className="muted">
                            Revoked <When iso={t.revokedAt} />
                          </span>
                        ) : (
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => setRevoking(t)}
                            aria-label={`Revoke token “${t.name}”`}
                          >
                            Revoke…
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
      </div>
      {revoking ? (
        <Confirm
          title={`Revoke “${revoking.name}”?`}
          action="Revoke token"
          danger
          pending={revoke.isPending}
          error={revoke.error}
          onConfirm={() => revoke.mutate(revoking)}
          onClose={() => {
            setRevoking(null);
            revoke.reset();
          }}
        >
          <p>Whatever uses it stops working at once. This cannot be undone: make a new token if needed.</p>
        </Confirm>
      ) : null}
    </Page>
  );
}
