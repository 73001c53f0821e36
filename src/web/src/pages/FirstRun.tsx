import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import {
  type Errors,
  FormError,
  fieldErrors,
  InputField,
  passwordErrors,
  slugify,
  useFocusFirstInvalid,
} from '../components/Fields.tsx';
import { Page } from '../ui.tsx';

/**
 * First run: the first visitor of a new install creates the owner account and the first workspace. Until
 * then every address shows this page and nothing else (src/web/src/App.tsx).
 */
export default function FirstRun() {
  const { adopt, demoSession } = useAuth();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [wsName, setWsName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [own, setOwn] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);

  const effectiveSlug = slugTouched ? slug : slugify(wsName);
  const setup = useMutation({
    mutationFn: () =>
      api.setup({
        name: name.trim(),
        email: email.trim(),
        password,
        workspace: { slug: effectiveSlug, name: wsName.trim() },
      }),
    onSuccess: (state) => adopt(state, `/w/${effectiveSlug}`),
    onError: () => setAttempt((n) => n + 1),
  });

  const errors = fieldErrors(setup.error, own);
  // The API names the workspace's fields /workspace/slug and /workspace/name: both under "workspace".
  const wsError = errors.workspace;

  return (
    <Page
      title="Set up Vetted"
      lead="Create the owner account and the first workspace. Next, invite your team by link from the workspace's Members page."
    >
      {demoSession ? (
        <p className="notice" role="note">
          The sample portfolio stays: your new account becomes its owner as well, and the sample's session ends.
        </p>
      ) : null}
      <form
        ref={form}
        className="stack card-panel narrow"
        aria-label="Create the owner account"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const found: Errors = {
            name: name.trim() ? undefined : 'give your name',
            email: /^\S+@\S+\.\S+$/.test(email.trim()) ? undefined : 'give an email address, like ada@example.com',
            ...passwordErrors(password, repeat),
            wsName: wsName.trim() ? undefined : 'give the workspace a name',
            slug: /^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(effectiveSlug)
              ? undefined
              : 'use 2 to 40 lower-case letters, digits and dashes, starting and ending with a letter or digit',
          };
          setOwn(found);
          if (Object.values(found).some(Boolean)) {
            setAttempt((n) => n + 1);
            return;
          }
          setup.mutate();
        }}
      >
        <fieldset className="stack">
          <legend>You, the owner</legend>
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
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errors.email}
          />
          <InputField
            label="Password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters. A few unrelated words make a strong one."
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
        </fieldset>
        <fieldset className="stack">
          <legend>Your first workspace</legend>
          <InputField
            label="Workspace name"
            hint="Usually your team or product, e.g. “Payments product”."
            value={wsName}
            onChange={(e) => setWsName(e.target.value)}
            error={errors.wsName ?? (wsError && !errors.slug ? wsError : undefined)}
          />
          <InputField
            label="Address"
            hint={
              <>
                Part of the workspace's web address: <code>/w/{effectiveSlug || '…'}</code>. Lower-case letters, digits
                and dashes.
              </>
            }
            value={effectiveSlug}
            onChange={(e) => {
              setSlugTouched(true);
              setSlug(e.target.value);
            }}
            error={errors.slug}
          />
        </fieldset>
        <FormError error={setup.error} shown={['name', 'email', 'password', 'workspace']} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={setup.isPending}>
            {setup.isPending ? 'Creating…' : 'Create the owner account'}
          </button>
        </div>
      </form>
    </Page>
  );
}
