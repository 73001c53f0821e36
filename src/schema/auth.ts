import { type Static, Type } from 'typebox';
import { Enum, Id, Nullable, Strict, Text, Timestamp, Version } from './common.ts';
import { ROLES, Slug } from './workspace.ts';

/**
 * Sign-in, sessions, tokens, invitations and the audit log: the shapes of the routes in
 * src/api/routes/auth.ts, members.ts and audit.ts, and of what the CLI and the web app read back.
 */

export const Email = Type.String({ format: 'email', maxLength: 200 });
/** Long passphrases welcome; the floor keeps out the guessable. */
export const Password = Text(200, 10);

export const SignIn = Strict({ email: Email, password: Text(200, 1) });
export type SignIn = Static<typeof SignIn>;

/** First run: the first visitor of an empty install creates the owner account and the first workspace. */
export const Setup = Strict({
  name: Text(120, 1),
  email: Email,
  password: Password,
  workspace: Strict({ slug: Slug, name: Text(120, 1) }),
});
export type Setup = Static<typeof Setup>;

export const User = Strict({ id: Id, email: Type.String(), name: Type.String(), hasPassword: Type.Boolean() });
export type User = Static<typeof User>;

export const Membership = Strict({
  workspace: Strict({ slug: Type.String(), name: Type.String() }),
  memberId: Id,
  role: Enum(ROLES),
});
export type Membership = Static<typeof Membership>;

/** How a request was identified. */
export const Via = Enum(['session', 'token', 'proxy', 'local', 'none']);

/** Who the caller is, for the web app's header and for `vetted whoami`. */
export const SessionState = Strict({
  /** True until the first owner account exists: the web app shows first run and nothing else. */
  setupRequired: Type.Boolean(),
  via: Via,
  user: Nullable(User),
  memberships: Type.Array(Membership),
  /** Send back as X-CSRF-Token on every write made with the session cookie. */
  csrf: Nullable(Type.String()),
  /** The sample portfolio may be entered without an account (loopback only; see the README). */
  demo: Type.Boolean(),
  /** Single sign-on is configured: the sign-in page offers it. */
  oidc: Nullable(Strict({ label: Type.String() })),
});
export type SessionState = Static<typeof SessionState>;

export const PasswordChange = Strict({ current: Text(200), password: Password });
export type PasswordChange = Static<typeof PasswordChange>;

export const TokenScope = Enum(['read', 'write']);
export const TokenCreate = Strict({ name: Text(80, 1), scope: TokenScope });
export type TokenCreate = Static<typeof TokenCreate>;
export const ApiToken = Strict({
  id: Id,
  name: Type.String(),
  scope: TokenScope,
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
});
export type ApiToken = Static<typeof ApiToken>;
/** The token itself appears here once and never again. */
export const TokenCreated = Strict({ token: Type.String(), record: ApiToken });
export type TokenCreated = Static<typeof TokenCreated>;

export const InviteCreate = Strict({
  role: Enum(ROLES),
  /** How long the link works: 1 hour to 30 days; a week unless said. */
  expiresInHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720 })),
});
export type InviteCreate = Static<typeof InviteCreate>;
/** A one-time link (invitation or password reset): shown once; only its hash is kept. */
export const LinkIssued = Strict({ url: Type.String(), code: Type.String(), expiresAt: Timestamp });
export type LinkIssued = Static<typeof LinkIssued>;
export const Invite = Strict({
  id: Type.String({ description: 'The first characters of the link hash, to revoke it by.' }),
  role: Enum(ROLES),
  createdAt: Timestamp,
  expiresAt: Timestamp,
});
export type Invite = Static<typeof Invite>;

/** What a link is for, before it is used (the page that opens it shows this). */
export const LinkInfo = Strict({
  kind: Enum(['invite', 'reset']),
  workspace: Nullable(Strict({ slug: Type.String(), name: Type.String() })),
  role: Nullable(Enum(ROLES)),
  email: Nullable(Type.String()),
  expiresAt: Timestamp,
});
export type LinkInfo = Static<typeof LinkInfo>;

/**
 * Using a link. An invitation: signed in already, just `code`; otherwise a new account (name, email,
 * password). A reset: `code` and the new password.
 */
export const LinkUse = Strict({
  code: Text(200, 10),
  name: Type.Optional(Text(120, 1)),
  email: Type.Optional(Email),
  password: Type.Optional(Password),
});
export type LinkUse = Static<typeof LinkUse>;

export const MemberUpdate = Strict({ version: Version, role: Enum(ROLES) });
export type MemberUpdate = Static<typeof MemberUpdate>;

export const AuditEntry = Strict({
  id: Id,
  at: Timestamp,
  workspace: Nullable(Type.String()),
  actor: Type.String(),
  memberId: Nullable(Id),
  action: Type.String(),
  target: Type.String(),
  status: Type.Integer(),
  before: Type.Unknown(),
  after: Type.Unknown(),
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditQuery = Strict({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  /** Entries older than this entry id (the last one of the previous page). */
  before: Type.Optional(Id),
  format: Type.Optional(Enum(['json', 'csv'])),
});
export type AuditQuery = Static<typeof AuditQuery>;
export const AuditPage = Strict({ items: Type.Array(AuditEntry), next: Nullable(Id) });
export type AuditPage = Static<typeof AuditPage>;

/** Single sign-on (OpenID Connect) settings; the client secret is written, never read back. */
export const OidcSettings = Strict({
  enabled: Type.Boolean(),
  issuer: Type.String({ format: 'uri', maxLength: 500 }),
  clientId: Text(300, 1),
  /** Button text on the sign-in page, e.g. "Sign in with Okta". */
  label: Text(80, 1),
  /** People whose verified email is at this domain join `workspace` with `role` on first sign-in. */
  autoJoin: Nullable(Strict({ domain: Text(200, 3), workspace: Slug, role: Enum(ROLES) })),
});
export type OidcSettings = Static<typeof OidcSettings>;
export const OidcSettingsPut = Strict({
  ...OidcSettings.properties,
  /** Leave out to keep the stored secret. */
  clientSecret: Type.Optional(Text(500, 1)),
});
export type OidcSettingsPut = Static<typeof OidcSettingsPut>;
export const OidcSettingsState = Strict({
  settings: Nullable(OidcSettings),
  hasSecret: Type.Boolean(),
  /** Where the provider must send people back (register it there). */
  redirectUri: Type.String(),
});
export type OidcSettingsState = Static<typeof OidcSettingsState>;

/** A workspace's submission portal, as its owners see it. */
export const PortalState = Strict({ enabled: Type.Boolean(), since: Nullable(Timestamp) });
export type PortalState = Static<typeof PortalState>;
/** The portal link: shown once (only its hash is kept); a new one replaces the old. */
export const PortalLink = Strict({ url: Type.String(), code: Type.String() });
export type PortalLink = Static<typeof PortalLink>;
export const PortalInfo = Strict({ workspace: Strict({ name: Type.String() }) });
export type PortalInfo = Static<typeof PortalInfo>;
/** A submission through the portal: always anonymous, answered with its receipt code. */
export const PortalSubmission = Strict({
  code: Text(200, 10),
  title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  description: Type.Optional(Text(10_000)),
});
export type PortalSubmission = Static<typeof PortalSubmission>;
export const PortalReceipt = Strict({ number: Type.Integer(), title: Type.String(), receiptCode: Type.String() });
export type PortalReceipt = Static<typeof PortalReceipt>;
