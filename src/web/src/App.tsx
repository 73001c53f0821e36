import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Link, Redirect, Route, Switch, useLocation, useParams } from 'wouter';
import { api } from './api.ts';
import { Layout } from './components/Layout.tsx';
import { Portfolio } from './pages/Portfolio.tsx';
import { WorkspaceProvider } from './session.tsx';
import { Empty, ErrorBox, Loading, Page } from './ui.tsx';

// The portfolio board is the first page; everything else loads when it is opened.
const IdeaPage = lazy(() => import('./pages/IdeaPage.tsx'));
const Matrix = lazy(() => import('./pages/Matrix.tsx'));
const Submit = lazy(() => import('./pages/Submit.tsx'));
const MyIdeas = lazy(() => import('./pages/MyIdeas.tsx'));
const Receipt = lazy(() => import('./pages/Receipt.tsx'));

export function App() {
  return (
    <Switch>
      <Route path="/" component={Home} />
      <Route path="/w/:ws" nest>
        <WorkspaceRoutes />
      </Route>
      <Route>
        <main id="main" className="page">
          <NotFound />
        </main>
      </Route>
    </Switch>
  );
}

function WorkspaceRoutes() {
  const { ws } = useParams<{ ws: string }>();
  const [path] = useLocation();
  return (
    <WorkspaceProvider ws={ws}>
      <Layout>
        {/* Keyed by page, so leaving a page ends it (its state and timers) instead of hiding it while the next loads. */}
        <Suspense key={path} fallback={<Loading what="the page" />}>
          <Switch>
            <Route path="/">
              <Portfolio view="board" />
            </Route>
            <Route path="/list">
              <Portfolio view="list" />
            </Route>
            <Route path="/matrix" component={Matrix} />
            <Route path="/ideas/:number" component={IdeaPage} />
            <Route path="/submit" component={Submit} />
            <Route path="/mine" component={MyIdeas} />
            <Route path="/receipt" component={Receipt} />
            <Route component={NotFound} />
          </Switch>
        </Suspense>
      </Layout>
    </WorkspaceProvider>
  );
}

function NotFound() {
  return (
    <Page title="Page not found">
      <Empty title="There is nothing at this address.">
        <Link href="~/">Go to the start page</Link>
      </Empty>
    </Page>
  );
}

/** The start page: straight into the workspace when there is one, else a choice. */
function Home() {
  const q = useQuery({ queryKey: ['workspaces'], queryFn: api.workspaces });
  if (q.isPending) return <Loading what="workspaces" />;
  if (q.error)
    return (
      <main id="main" className="page">
        <h1>Vetted</h1>
        <ErrorBox error={q.error} retry={() => q.refetch()} />
      </main>
    );
  if (q.data.length === 1) return <Redirect to={`/w/${q.data[0]!.slug}`} replace />;
  return (
    <main id="main" className="page">
      <Page title="Choose a workspace">
        {q.data.length === 0 ? (
          <Empty title="No workspace yet.">
            <p>
              Create one with <code>npx vetted init --name "My team"</code>, or load the sample portfolio with{' '}
              <code>npx vetted demo</code>, then reload this page.
            </p>
          </Empty>
        ) : (
          <ul className="plain-list">
            {q.data.map((w) => (
              <li key={w.id}>
                <Link href={`/w/${w.slug}`}>{w.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </Page>
    </main>
  );
}
