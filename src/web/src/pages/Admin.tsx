import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { ApiError, api, describeError } from '../api.ts';
import { ROLE_NAMES, useAuth } from '../auth.tsx';
import {
  CopyField,
  type Errors,
  FormError,
  fieldErrors,
  InputField,
  slugify,
  useFocusFirstInvalid,
} from '../components/Fields.tsx';
import type { OidcSettingsPut, OidcSettingsState, Role } from '../types.ts';
import { Loading, Page } from '../ui.tsx';

const SLUG = /^[a-z0-9][a-z0-9-]*[a-z0-9]$/;

/** Another workspace, for an owner of any: they become its owner. */
export function NewWorkspace() {
  const auth = useAuth();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [touched, setTouched] = useState(false);
  const [own, setOwn] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);
  const effective = touched ? slug : slugify(name);
  const create = useMutation({
    mutationFn: () => api.createWorkspace(effective, name.trim()),
    onSuccess: async (r) => {
      const state = await api.session();
      auth.adopt(state, `/w/${r.workspace.slug}`);
    },
    onError: () => setAttempt((n) => n + 1),
  });
  const errors = fieldErrors(create.error, own);
  if (!auth.ownsAny)
    return (
      <Page title="New workspace">
        <p className="notice" role="note">
          Only an owner of a workspace can create another. Ask an owner of yours.
        </p>
      </Page>
    );
  return (
    <Page
      title="New workspace"
      lead="A workspace has its own ideas, members, dimensions and settings. You become its owner and can invite people next."
    >
      <form
        ref={form}
        className="stack card-panel narrow"
        aria-label="New workspace"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const found: Errors = {
            name: name.trim() ? undefined : 'give the workspace a name',
            slug: SLUG.test(effective)
              ? undefined
              : 'use 2 to 40 lower-case letters, digits and dashes, starting and ending with a letter or digit',
          };
          setOwn(found);
          if (Object.values(found).some(Boolean)) {
            setAttempt((n) => n + 1);
            return;
          }
          create.mutate();
        }}
      >
        <InputField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <InputField
          label="Address"
          hint={
            <>
              Part of its web address: <code>/w/{effective || '…'}</code>. Lower-case letters, digits and dashes.
            </>
          }
          value={effective}
          onChange={(e) => {
            setTouched(true);
            setSlug(e.target.value);
          }}
          error={errors.slug}
        />
        <FormError error={create.error} shown={['name', 'slug']} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create workspace'}
          </button>
        </div>
      </form>
    </Page>
  );
}

interface OidcForm {
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret: string;
  label: string;
  autoJoin: boolean;
  domain: string;
  workspace: string;
  role: Role;
}

const formOf = (s: OidcSettingsState, fallbackWs: string): OidcForm => ({
  enabled: s.settings?.enabled ?? false,
  issuer: s.settings?.issuer ?? '',
  clientId: s.settings?.clientId ?? '',
  clientSecret: '',
  label: s.settings?.label ?? '',
  autoJoin: !!s.settings?.autoJoin,
  domain: s.settings?.autoJoin?.domain ?? '',
  workspace: s.settings?.autoJoin?.workspace ?? fallbackWs,
  role: s.settings?.autoJoin?.role ?? 'contributor',
});

/** Single sign-on (OpenID Connect), for owners: the provider, the button, and who joins automatically. */
export function SignInSettings() {
  const auth = useAuth();
  const settings = useQuery({ queryKey: ['auth', 'oidc-settings'], queryFn: api.oidcSettings, retry: false });
  if (!auth.ownsAny)
    return (
      <Page title="Sign-in settings">
        <p className="notice" role="note">
          Only owners set up single sign-on.
        </p>
      </Page>
    );
  return (
    <Page
      title="Sign-in settings"
      lead="Single sign-on with your organisation's identity provider (OpenID Connect: Okta, Entra ID, Google, Keycloak…), beside email and password."
    >
      {settings.isPending ? (
        <Loading what="the sign-in settings" />
      ) : settings.error ? (
        <div className="notice notice-error" role="alert">
          <p>
            {settings.error instanceof ApiError && settings.error.status === 404
              ? 'This server does not offer single sign-on settings (GET /api/auth/oidc/settings was not found). It may be an older version of Vetted.'
              : `The sign-in settings could not be read. ${describeError(settings.error)}`}
          </p>
          <button type="button" className="button" onClick={() => settings.refetch()}>
            Try again
          </button>
        </div>
      ) : (
        <OidcSettingsForm state={settings.data} />
      )}
    </Page>
  );
}

function OidcSettingsForm({ state }: { state: OidcSettingsState }) {
  const auth = useAuth();
  const queryClient = useQueryClient();
  const owned = auth.state.memberships.filter((m) => m.role === 'owner');
  const [f, setF] = useState<OidcForm>(() => formOf(state, owned[0]?.workspace.slug ?? ''));
  const [hasSecret, setHasSecret] = useState(state.hasSecret);
  const [saved, setSaved] = useState('');
  const [own, setOwn] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);
  const ids = { enabled: useId(), ws: useId(), role: useId() };
  const set = <K extends keyof OidcForm>(k: K, v: OidcForm[K]) => setF((x) => ({ ...x, [k]: v }));

  const save = useMutation({
    mutationFn: () => {
      const body: OidcSettingsPut = {
        enabled: f.enabled,
        issuer: f.issuer.trim(),
        clientId: f.clientId.trim(),
        label: f.label.trim(),
        autoJoin: f.autoJoin
          ? { domain: f.domain.trim().replace(/^@/, ''), workspace: f.workspace, role: f.role }
          : null,
        ...(f.clientSecret ? { clientSecret: f.clientSecret } : {}),
      };
      return api.putOidcSettings(body);
    },
    onSuccess: async (next) => {
      queryClient.setQueryData(['auth', 'oidc-settings'], next);
      if (next && typeof next === 'object' && 'hasSecret' in next) setHasSecret(next.hasSecret);
      set('clientSecret', '');
      setSaved(f.enabled ? 'Saved. The sign-in page now offers single sign-on.' : 'Saved. Single sign-on is off.');
      await auth.refresh();
    },
    onError: () => setAttempt((n) => n + 1),
  });
  const errors = fieldErrors(save.error, own);
  const autoJoinError = errors.autoJoin;

  return (
    <form
      ref={form}
      className="stack narrow"
      aria-label="Single sign-on"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved('');
        const found: Errors = {
          issuer: /^https?:\/\/\S+$/.test(f.issuer.trim()) ? undefined : 'give the issuer URL, starting with https://',
          clientId: f.clientId.trim() ? undefined : 'give the client ID the provider issued',
          label: f.label.trim() ? undefined : 'give the text of the button on the sign-in page',
          domain:
            f.autoJoin && !/^[^@\s]+\.[^@\s]+$/.test(f.domain.trim().replace(/^@/, ''))
              ? 'give a domain, like example.com'
              : undefined,
        };
        setOwn(found);
        if (Object.values(found).some(Boolean)) {
          setAttempt((n) => n + 1);
          return;
        }
        save.mutate();
      }}
    >
      <section className="card-panel stack" aria-labelledby="oidc-provider">
        <h2 id="oidc-provider">Provider</h2>
        <CopyField
          label="Redirect URI"
          value={state.redirectUri}
          hint="Register this address at your provider as the redirect (callback) URI of the Vetted application."
        />
        <InputField
          label="Issuer URL"
          type="url"
          hint="The provider's OpenID Connect issuer, e.g. https://login.example.com/realms/acme."
          value={f.issuer}
          onChange={(e) => set('issuer', e.target.value)}
          error={errors.issuer}
        />
        <InputField
          label="Client ID"
          value={f.clientId}
          onChange={(e) => set('clientId', e.target.value)}
          error={errors.clientId}
        />
        <InputField
          label="Client secret"
          type="password"
          autoComplete="off"
          hint={
            hasSecret
              ? 'A secret is stored and never shown: leave blank to keep it, or type a new one to replace it.'
              : 'No secret stored yet. It is written, never read back.'
          }
          value={f.clientSecret}
          onChange={(e) => set('clientSecret', e.target.value)}
          error={errors.clientSecret}
        />
        <InputField
          label="Button text"
          hint="On the sign-in page, e.g. “Okta” shows as “Sign in with Okta”."
          value={f.label}
          onChange={(e) => set('label', e.target.value)}
          error={errors.label}
          maxLength={80}
        />
        <label className="choice" htmlFor={ids.enabled}>
          <input
            id={ids.enabled}
            type="checkbox"
            checked={f.enabled}
            onChange={(e) => set('enabled', e.target.checked)}
          />{' '}
          Offer single sign-on on the sign-in page
        </label>
      </section>

      <fieldset className="card-panel stack">
        <legend>Joining automatically</legend>
        <label className="choice">
          <input type="checkbox" checked={f.autoJoin} onChange={(e) => set('autoJoin', e.target.checked)} /> People
          whose verified email is at a domain join a workspace on their first sign-in
        </label>
        {f.autoJoin ? (
          <>
            <InputField
              label="Email domain"
              hint="e.g. example.com"
              value={f.domain}
              onChange={(e) => set('domain', e.target.value)}
              error={errors.domain}
            />
            <div className="row">
              <div className="field">
                <label htmlFor={ids.ws}>Workspace</label>
                <select id={ids.ws} value={f.workspace} onChange={(e) => set('workspace', e.target.value)}>
                  {owned.map((m) => (
                    <option key={m.workspace.slug} value={m.workspace.slug}>
                      {m.workspace.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={ids.role}>With the role</label>
                <select id={ids.role} value={f.role} onChange={(e) => set('role', e.target.value as Role)}>
                  {(['viewer', 'contributor', 'leader', 'owner'] as Role[]).map((r) => (
                    <option key={r} value={r}>
                      {ROLE_NAMES[r]}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {autoJoinError ? <p className="field-error">{autoJoinError}</p> : null}
          </>
        ) : null}
      </fieldset>

      <FormError error={save.error} shown={['issuer', 'clientId', 'clientSecret', 'label', 'autoJoin', 'enabled']} />
      <p role="status" className="status-line">
        {saved}
      </p>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save sign-in settings'}
        </button>
      </div>
    </form>
  );
}
