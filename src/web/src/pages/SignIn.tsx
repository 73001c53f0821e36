import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useSearch } from 'wouter';
import { api, describeError } from '../api.ts';
import { nextPath, useAuth } from '../auth.tsx';
import { InputField } from '../components/Fields.tsx';
import type { SessionState } from '../types.ts';
import { Page } from '../ui.tsx';

/** The words on the single sign-on button: the configured label, read as "Sign in with …" when it is a name. */
export const ssoText = (label: string) => (/^(sign|log) ?in\b/i.test(label) ? label : `Sign in with ${label}`);

/**
 * Signing in: email and password, or single sign-on when it is set up. A failed single sign-on comes back
 * here as `?error=<message>`, shown in an alert. Afterwards the person goes where they were headed (`?next=`).
 */
export default function SignIn() {
  const { adopt, state } = useAuth();
  const search = useSearch();
  const ssoError = new URLSearchParams(search).get('error');
  return (
    <Page title="Sign in" lead="Vetted: ideas in, validated opportunities out.">
      <div className="narrow stack">
        {ssoError ? (
          <div className="notice notice-error" role="alert">
            <p>Single sign-on did not work: {ssoError}</p>
          </div>
        ) : null}
        <SignInForm onSignedIn={(s) => adopt(s, nextPath(`?${search}`))} />
        {state.oidc ? (
          <div className="card-panel stack sso">
            <p className="muted small">Or, with your organisation's account:</p>
            <a className="button" href="/api/auth/oidc/start">
              {ssoText(state.oidc.label)}
            </a>
          </div>
        ) : null}
        <p className="muted small">
          Forgot your password? An owner of your workspace can give you a reset link from its Members page. New here?
          Ask an owner for an invitation link.
        </p>
      </div>
    </Page>
  );
}

/** Email and password; used on the sign-in page and on an invitation for people who have an account. */
export function SignInForm({
  onSignedIn,
  action = 'Sign in',
}: {
  onSignedIn: (s: SessionState) => void;
  action?: string;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);
  const signIn = useMutation({
    mutationFn: () => api.signIn(email.trim(), password),
    onSuccess: onSignedIn,
    onError: () => {
      setPassword('');
      passwordRef.current?.focus();
    },
  });
  return (
    <form
      className="stack card-panel"
      aria-label={action}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        signIn.mutate();
      }}
    >
      <InputField
        label="Email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        required
      />
      <InputField
        ref={passwordRef}
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      {signIn.error ? (
        <div className="notice notice-error" role="alert">
          <p>{describeError(signIn.error)}</p>
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : action}
        </button>
      </div>
    </form>
  );
}
