import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { ApiError, api, describeError } from '../api.ts';
import { aRole, ROLE_HINTS, useAuth } from '../auth.tsx';
import {
  type Errors,
  FormError,
  fieldErrors,
  InputField,
  passwordErrors,
  useFocusFirstInvalid,
} from '../components/Fields.tsx';
import type { LinkInfo } from '../types.ts';
import { Empty, ErrorBox, fmtDate, Loading, Page } from '../ui.tsx';
import { SignInForm } from './SignIn.tsx';

/**
 * The code of a one-time link travels in the address's fragment (`/join#<code>`), which browsers never send
 * to a server: read here, and sent only in a request body.
 */
const codeFromHash = () => decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();

function useLinkCode() {
  const [code] = useState(codeFromHash);
  const info = useQuery({
    queryKey: ['auth', 'link', code],
    queryFn: () => api.inspectLink(code),
    enabled: code.length >= 10,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  return { code, info };
}

function LinkProblem({ title, error }: { title: string; error?: unknown }) {
  return (
    <Page title={title}>
      {error ? (
        error instanceof ApiError && error.status === 404 ? (
          <div className="notice notice-error" role="alert">
            <p>{describeError(error)}</p>
          </div>
        ) : (
          <ErrorBox error={error} />
        )
      ) : (
        <Empty title="This address has no link code.">
          <p>Open the whole link you were given: it ends with # and a long code.</p>
        </Empty>
      )}
      <p>
        <Link href="~/sign-in">Go to the sign-in page</Link>
      </p>
    </Page>
  );
}

/** /join#<code>: what the invitation is for, then joining with a new account or the signed-in one. */
export function Join() {
  const { code, info } = useLinkCode();
  if (code.length < 10) return <LinkProblem title="Invitation" />;
  if (info.isPending) return <Loading what="the invitation" />;
  if (info.error) return <LinkProblem title="Invitation" error={info.error} />;
  if (info.data.kind === 'reset') return <ResetForm code={code} info={info.data} />;
  return <JoinForm code={code} info={info.data} />;
}

/** /reset#<code>: a new password for the account the link was issued for. */
export function Reset() {
  const { code, info } = useLinkCode();
  if (code.length < 10) return <LinkProblem title="Reset your password" />;
  if (info.isPending) return <Loading what="the reset link" />;
  if (info.error) return <LinkProblem title="Reset your password" error={info.error} />;
  if (info.data.kind === 'invite') return <JoinForm code={code} info={info.data} />;
  return <ResetForm code={code} info={info.data} />;
}

function JoinForm({ code, info }: { code: string; info: LinkInfo }) {
  const auth = useAuth();
  const { user } = auth.state;
  const ws = info.workspace!;
  const role = info.role ?? 'viewer';
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [own, setOwn] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);

  const join = useMutation({
    mutationFn: () => api.redeemLink(user ? { code } : { code, name: name.trim(), email: email.trim(), password }),
    onSuccess: (state) => auth.adopt(state, `/w/${ws.slug}`),
    onError: () => setAttempt((n) => n + 1),
  });
  const signOut = useMutation({ mutationFn: () => api.signOut().then(api.session), onSuccess: (s) => auth.adopt(s) });
  const errors = fieldErrors(join.error, own);

  return (
    <Page
      title={`Join ${ws.name}`}
      lead={
        <>
          You are invited to join <strong>{ws.name}</strong> as {aRole(role)}: {ROLE_HINTS[role]}. The link works once,
          until {fmtDate(info.expiresAt)}.
        </>
      }
    >
      <div className="narrow stack">
        {user ? (
          <div className="card-panel stack">
            <p>
              You are signed in as <strong>{user.name}</strong> ({user.email}).
            </p>
            <FormError error={join.error} />
            <div className="actions">
              <button
                type="button"
                className="button button-primary"
                disabled={join.isPending}
                onClick={() => join.mutate()}
              >
                {join.isPending ? 'Joining…' : `Join as ${user.name}`}
              </button>
              <button type="button" className="button" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
                Not you? Sign out
              </button>
            </div>
          </div>
        ) : (
          <>
            <form
              ref={form}
              className="stack card-panel"
              aria-label="Create your account"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                const found: Errors = {
                  name: name.trim() ? undefined : 'give your name, as your team knows you',
                  email: /^\S+@\S+\.\S+$/.test(email.trim())
                    ? undefined
                    : 'give an email address, like ada@example.com',
                  ...passwordErrors(password, repeat),
                };
                setOwn(found);
                if (Object.values(found).some(Boolean)) {
                  setAttempt((n) => n + 1);
                  return;
                }
                join.mutate();
              }}
            >
              <h2 className="h3">Create your account</h2>
              <InputField
                label="Your name"
                autoComplete="name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                error={errors.name}
              />
              <InputField
                label="Email"
                type="email"
                autoComplete="email"
                hint="You sign in with it."
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                error={errors.email}
              />
              <InputField
                label="Password"
                type="password"
                autoComplete="new-password"
                hint="At least 10 characters."
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                error={errors.password}
              />
              <InputField
                label="Repeat the password"
                type="password"
                autoComplete="new-password"
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
                error={errors.repeat}
              />
              <FormError error={join.error} shown={['name', 'email', 'password']} />
              <div className="actions">
                <button type="submit" className="button button-primary" disabled={join.isPending}>
                  {join.isPending ? 'Joining…' : `Create account and join`}
                </button>
              </div>
            </form>
            <details className="card-panel">
              <summary>I already have an account</summary>
              <p className="muted small">Sign in, then join with that account.</p>
              <SignInForm action="Sign in to join" onSignedIn={(s) => auth.adopt(s)} />
            </details>
          </>
        )}
      </div>
    </Page>
  );
}

function ResetForm({ code, info }: { code: string; info: LinkInfo }) {
  const { adopt } = useAuth();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [own, setOwn] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);
  const reset = useMutation({
    mutationFn: () => api.redeemLink({ code, password }),
    onSuccess: (state) => adopt(state, '/'),
    onError: () => setAttempt((n) => n + 1),
  });
  const errors = fieldErrors(reset.error, own);
  return (
    <Page
      title="Reset your password"
      lead={
        <>
          A new password for {info.email ? <strong>{info.email}</strong> : 'your account'}. The link works once, until{' '}
          {fmtDate(info.expiresAt)}; every browser signed in to the account is signed out.
        </>
      }
    >
      <form
        ref={form}
        className="stack card-panel narrow"
        aria-label="Set a new password"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const found = passwordErrors(password, repeat);
          setOwn(found);
          if (Object.values(found).some(Boolean)) {
            setAttempt((n) => n + 1);
            return;
          }
          reset.mutate();
        }}
      >
        <InputField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors.password}
        />
        <InputField
          label="Repeat the password"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={errors.repeat}
        />
        <FormError error={reset.error} shown={['password']} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={reset.isPending}>
            {reset.isPending ? 'Saving…' : 'Set the new password and sign in'}
          </button>
        </div>
      </form>
    </Page>
  );
}
