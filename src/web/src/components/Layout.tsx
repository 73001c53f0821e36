import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, describeError } from '../api.ts';
import { ROLE_NAMES, useAuth } from '../auth.tsx';
import { useSession } from '../session.tsx';
import { Shortcuts } from '../shortcuts.tsx';
import { Toasts } from '../toast.tsx';

const NAV = [
  { href: '/', label: 'Portfolio', match: (p: string) => p === '/' || p === '/list' },
  { href: '/matrix', label: 'Matrix', match: (p: string) => p === '/matrix' },
  { href: '/roadmap', label: 'Roadmap', match: (p: string) => p === '/roadmap' },
  { href: '/strategy', label: 'Strategy', match: (p: string) => p === '/strategy' },
  { href: '/submit', label: 'Submit an idea', match: (p: string) => p === '/submit' },
  { href: '/mine', label: 'My ideas', match: (p: string) => p === '/mine' },
  { href: '/receipt', label: 'Follow a receipt', match: (p: string) => p === '/receipt' },
  { href: '/growth', label: 'My growth', match: (p: string) => p.startsWith('/growth') },
];

/** A workspace's pages: the shell with the workspace's name and its main navigation. */
export function Layout({ children }: { children: ReactNode }) {
  const { workspace, ws } = useSession();
  const [path] = useLocation();
  return (
    <Shell
      ws={ws}
      title={
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ✓
          </span>
          Vetted <span className="brand-ws">{workspace.name}</span>
        </Link>
      }
      nav={
        <>
          <MainNav path={path} />
          <InboxLink ws={ws} current={path === '/inbox'} />
        </>
      }
    >
      {children}
      <Toasts />
      <Shortcuts />
    </Shell>
  );
}

/**
 * The main navigation. On a phone it is one row that scrolls sideways (styles.css keeps the header within
 * 64 px), so the current page's link is scrolled into view: "My growth" would otherwise sit out of sight.
 * Only the row scrolls, never the page.
 */
function MainNav({ path }: { path: string }) {
  const ref = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the address changes
  useEffect(() => {
    const nav = ref.current;
    if (!nav) return;
    const reveal = () => {
      const current = nav.querySelector<HTMLElement>('[aria-current="page"]');
      if (!current || nav.scrollWidth <= nav.clientWidth) return;
      const offset = current.getBoundingClientRect().left - nav.getBoundingClientRect().left;
      nav.scrollLeft += offset - (nav.clientWidth - current.offsetWidth) / 2;
    };
    reveal();
    // The row narrows when the inbox's unread count arrives, after this first render.
    const observer = new ResizeObserver(reveal);
    observer.observe(nav);
    return () => observer.disconnect();
  }, [path]);
  return (
    <nav aria-label="Main" ref={ref}>
      <ul className="nav">
        {NAV.map((n) => (
          <li key={n.href}>
            <Link href={n.href} aria-current={n.match(path) ? 'page' : undefined}>
              {n.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The inbox, with how many items are unread, beside the person's menu so that it stays in view on a phone
 * (where the navigation scrolls sideways). Asked again every minute and whenever the window regains focus.
 */
function InboxLink({ ws, current }: { ws: string; current: boolean }) {
  const unread = useQuery({
    queryKey: [ws, 'inbox', 'unread'],
    queryFn: () => api.inboxUnread(ws),
    refetchInterval: 60_000,
  });
  const n = unread.data?.unread ?? 0;
  return (
    <Link href="/inbox" className="inbox-link" aria-current={current ? 'page' : undefined}>
      <span className="inbox-icon" aria-hidden="true">
        ✉
      </span>
      <span className="inbox-label">Inbox</span>
      {n > 0 ? (
        <span className="inbox-count">
          {n > 99 ? '99+' : n}
          <span className="visually-hidden"> unread</span>
        </span>
      ) : null}
    </Link>
  );
}

/**
 * Every page's frame: skip link, the sample banner, the header (brand, navigation, the signed-in person's
 * menu), main and footer. Outside a workspace the brand leads to the start page.
 */
export function Shell({
  children,
  ws,
  title,
  nav,
}: {
  children: ReactNode;
  ws?: string;
  title?: ReactNode;
  nav?: ReactNode;
}) {
  const { signedIn } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <DemoBanner />
      <header className="site-header">
        <div className="site-header-inner">
          {title ?? (
            <Link href="~/" className="brand">
              <span className="brand-mark" aria-hidden="true">
                ✓
              </span>
              Vetted
            </Link>
          )}
          {nav}
          {signedIn ? <UserMenu ws={ws} /> : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <a href="/docs">API reference</a> · <a href="/openapi.json">OpenAPI</a>
      </footer>
    </>
  );
}

/** In the sample without an account (this machine, no owner yet): say so, and offer the real first run. */
function DemoBanner() {
  const { demoSession, state } = useAuth();
  if (!demoSession || !state.user) return null;
  const role = state.memberships[0]?.role ?? 'owner';
  return (
    <section className="demo-banner" aria-label="Sample portfolio">
      <p>
        You are exploring the sample portfolio as {state.user.name} ({role}) ·{' '}
        <Link href="~/setup">Create your own owner account</Link>
      </p>
    </section>
  );
}

/**
 * The signed-in person, as a disclosure in the header: who they are and their role here, their account,
 * the workspace's people, and signing out. Escape closes it and gives focus back to the button.
 */
function UserMenu({ ws }: { ws?: string | undefined }) {
  const auth = useAuth();
  const { state } = auth;
  const [open, setOpen] = useState(false);
  const [error, setError] = useState('');
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const [path] = useLocation();
  const membership = ws ? auth.membership(ws) : undefined;
  const owner = membership?.role === 'owner';

  // Following a link in the menu closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the address changes
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const name = state.user?.name ?? 'Signed in by your organisation';
  const link = (href: string, label: string) => (
    <li>
      <Link href={href}>{label}</Link>
    </li>
  );
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere inside the menu closes it
    <div
      className="user-menu"
      ref={wrap}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="user-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="user-name">{name}</span>
        {membership ? <span className="user-role">{ROLE_NAMES[membership.role]}</span> : null}
        <span aria-hidden="true">▾</span>
      </button>
      <div id={panelId} className="user-panel card-panel" hidden={!open}>
        {state.user ? (
          <p className="small">
            Signed in as <strong>{state.user.name}</strong>
            <br />
            <span className="muted">{state.user.email}</span>
          </p>
        ) : (
          <p className="small">Signed in through your organisation's single sign-on proxy.</p>
        )}
        {membership ? (
          <p className="small muted">
            {ROLE_NAMES[membership.role]} in {membership.workspace.name}
          </p>
        ) : null}
        <nav aria-label="Account">
          <ul className="plain-list user-links">
            {ws ? link(`~/w/${ws}/members`, 'Members') : null}
            {ws && owner ? link(`~/w/${ws}/audit`, 'Audit log') : null}
            {state.memberships.length > 1 ? link('~/', 'All your workspaces') : null}
            {auth.ownsAny ? link('~/workspaces/new', 'New workspace') : null}
            {auth.ownsAny ? link('~/settings/sign-in', 'Sign-in settings') : null}
            {state.user ? link('~/account', 'Your account') : null}
            {state.user ? link('~/account/tokens', 'API tokens') : null}
          </ul>
        </nav>
        {state.user ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setError('');
              auth.signOut().catch((e) => setError(describeError(e)));
            }}
          >
            Sign out
          </button>
        ) : null}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
