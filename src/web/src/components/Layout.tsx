import { type ReactNode, useId } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../session.tsx';

const NAV = [
  { href: '/', label: 'Portfolio', match: (p: string) => p === '/' || p === '/list' },
  { href: '/matrix', label: 'Matrix', match: (p: string) => p === '/matrix' },
  { href: '/submit', label: 'Submit an idea', match: (p: string) => p === '/submit' },
  { href: '/mine', label: 'My ideas', match: (p: string) => p === '/mine' },
  { href: '/receipt', label: 'Follow a receipt', match: (p: string) => p === '/receipt' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { workspace } = useSession();
  const [path] = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link href="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ✓
            </span>
            Vetted <span className="brand-ws">{workspace.name}</span>
          </Link>
          <nav aria-label="Main">
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
          <ActorPicker />
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

/** "Who are you?": no login yet, so the person picks themselves; the choice is kept in this browser. */
function ActorPicker() {
  const { members, actor, setActor } = useSession();
  const id = useId();
  return (
    <div className="actor-picker">
      <label htmlFor={id}>Acting as</label>
      <select id={id} value={actor?.id ?? ''} onChange={(e) => setActor(e.target.value || null)}>
        <option value="">Choose who you are…</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} ({m.role})
          </option>
        ))}
      </select>
    </div>
  );
}

/** Shown where a write needs a person: says why, and offers the same choice inline. */
export function ChooseActor({ to }: { to: string }) {
  const { members, setActor } = useSession();
  const id = useId();
  return (
    <div className="notice" role="note">
      <p>
        To {to}, say who you are. Vetted has no login yet: pick yourself from the workspace's members (remembered in
        this browser).
      </p>
      <label htmlFor={id}>I am</label>{' '}
      <select id={id} defaultValue="" onChange={(e) => setActor(e.target.value || null)}>
        <option value="">Choose…</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} ({m.role})
          </option>
        ))}
      </select>
    </div>
  );
}
