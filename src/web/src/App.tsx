import { useQuery } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { Link, Redirect, Route, Switch, useLocation, useParams, useSearch } from 'wouter';
import { api } from './api.ts';
import { nextPath, ROLE_NAMES, useAuth } from './auth.tsx';
import { Layout, Shell } from './components/Layout.tsx';
import { Portfolio } from './pages/Portfolio.tsx';
import { WorkspaceProvider } from './session.tsx';
import { Empty, ErrorBox, Loading, Page } from './ui.tsx';

// The portfolio board is the first page; everything else loads when it is opened.
const IdeaPage = lazy(() => import('./pages/IdeaPage.tsx'));
const Economics = lazy(() => import('./pages/Economics.tsx'));
const Pmf = lazy(() => import('./pages/Pmf.tsx'));
const Mvp = lazy(() => import('./pages/Mvp.tsx'));
const LaunchPlan = lazy(() => import('./pages/LaunchPlan.tsx'));
const Matrix = lazy(() => import('./pages/Matrix.tsx'));
const Archived = lazy(() => import('./pages/Archived.tsx'));
const Inbox = lazy(() => import('./pages/Inbox.tsx'));
const ImportExport = lazy(() => import('./pages/ImportExport.tsx'));
const Submit = lazy(() => import('./pages/Submit.tsx'));
const MyIdeas = lazy(() => import('./pages/MyIdeas.tsx'));
const Receipt = lazy(() => import('./pages/Receipt.tsx'));
const Members = lazy(() => import('./pages/Members.tsx'));
const Audit = lazy(() => import('./pages/Audit.tsx'));
const FirstRun = lazy(() => import('./pages/FirstRun.tsx'));
const SignIn = lazy(() => import('./pages/SignIn.tsx'));
const Portal = lazy(() => import('./pages/Portal.tsx'));
const Join = lazy(() => import('./pages/Links.tsx').then((m) => ({ default: m.Join })));
const Reset = lazy(() => import('./pages/Links.tsx').then((m) => ({ default: m.Reset })));
const Account = lazy(() => import('./pages/Account.tsx').then((m) => ({ default: m.Account })));
const Tokens = lazy(() => import('./pages/Account.tsx').then((m) => ({ default: m.Tokens })));
const NewWorkspace = lazy(() => import('./pages/Admin.tsx').then((m) => ({ default: m.NewWorkspace })));
const SignInSettings = lazy(() => import('./pages/Admin.tsx').then((m) => ({ default: m.SignInSettings })));
const Growth = lazy(() => import('./pages/Growth.tsx'));
const GrowthSummary = lazy(() => import('./pages/GrowthSummary.tsx'));
const Plan = lazy(() => import('./pages/Plan.tsx'));
const Team = lazy(() => import('./pages/Team.tsx'));
const Pulse = lazy(() => import('./pages/Pulse.tsx'));
const Coaching = lazy(() => import('./pages/Coaching.tsx'));
const RateRequests = lazy(() => import('./pages/RateRequests.tsx'));
const Strategy = lazy(() => import('./pages/Strategy.tsx'));
const Roadmap = lazy(() => import('./pages/Roadmap.tsx'));
const SharedRoadmap = lazy(() => import('./pages/Roadmap.tsx').then((m) => ({ default: m.SharedRoadmap })));
const RateLink = lazy(() => import('./pages/RateRequests.tsx').then((m) => ({ default: m.RateLink })));

/**
 * Who may see what: first run before anything else on a new install (or, on this machine with the sample
 * loaded, straight into the sample); the sign-in page and the link pages for people signed out; the app
 * for people signed in.
 */
export function App() {
  const { state, signedIn } = useAuth();
  if (state.setupRequired && !signedIn) {
    return state.demo ? (
      <EnterSample />
    ) : (
      <Bare>
        <FirstRun />
      </Bare>
    );
  }
  return (
    <Switch>
      <Route path="/sign-in">
        {signedIn ? (
          <SignedInAlready />
        ) : (
          <Bare>
            <SignIn />
          </Bare>
        )}
      </Route>
      <Route path="/portal">
        <Bare>
          <Portal />
        </Bare>
      </Route>
      <Route path="/rate">
        <Bare>
          <RateLink />
        </Bare>
      </Route>
      <Route path="/roadmap">
        <Bare>
          <SharedRoadmap />
        </Bare>
      </Route>
      <Route path="/join">
        <Bare>
          <Join />
        </Bare>
      </Route>
      <Route path="/reset">
        <Bare>
          <Reset />
        </Bare>
      </Route>
      <Route path="/setup">
        {state.setupRequired ? (
          <Bare>
            <FirstRun />
          </Bare>
        ) : (
          <Redirect to="/" replace />
        )}
      </Route>
      <Route>{signedIn ? <SignedIn /> : <ToSignIn />}</Route>
    </Switch>
  );
}

function SignedIn() {
  return (
    <Switch>
      <Route path="/" component={Home} />
      <Route path="/account">
        <Bare>
          <Account />
        </Bare>
      </Route>
      <Route path="/account/tokens">
        <Bare>
          <Tokens />
        </Bare>
      </Route>
      <Route path="/workspaces/new">
        <Bare>
          <NewWorkspace />
        </Bare>
      </Route>
      <Route path="/settings/sign-in">
        <Bare>
          <SignInSettings />
        </Bare>
      </Route>
      <Route path="/w/:ws" nest>
        <WorkspaceRoutes />
      </Route>
      <Route>
        <Bare>
          <NotFound />
        </Bare>
      </Route>
    </Switch>
  );
}

/** A page outside any workspace, in the common frame, loaded when opened. */
function Bare({ children }: { children: ReactNode }) {
  const [path] = useLocation();
  return (
    <Shell>
      <Suspense key={path} fallback={<Loading what="the page" />}>
        {children}
      </Suspense>
    </Shell>
  );
}

/** Signed out: the sign-in page, which comes back here afterwards. */
function ToSignIn() {
  const [path] = useLocation();
  const search = useSearch();
  const here = `${path}${search ? `?${search}` : ''}`;
  return <Redirect to={here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`} replace />;
}

function SignedInAlready() {
  const search = useSearch();
  return <Redirect to={nextPath(`?${search}`)} replace />;
}

/**
 * This machine, the sample loaded and no owner account yet: into the sample as its owner, in one step,
 * without a form (the banner then offers first run).
 */
function EnterSample() {
  const { adopt } = useAuth();
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    api.demo().then(
      (s) => adopt(s),
      (e) => setError(e),
    );
  }, [adopt]);
  if (creating)
    return (
      <Bare>
        <FirstRun />
      </Bare>
    );
  if (!error) return <Loading what="the sample portfolio" />;
  return (
    <main id="main" className="page">
      <h1>Vetted</h1>
      <ErrorBox error={error} />
      <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
        Create the owner account instead
      </button>
    </main>
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
            <Route path="/archived" component={Archived} />
            <Route path="/strategy" component={Strategy} />
            <Route path="/roadmap" component={Roadmap} />
            <Route path="/ideas/:number/economics" component={Economics} />
            <Route path="/ideas/:number/pmf" component={Pmf} />
            <Route path="/ideas/:number/mvp" component={Mvp} />
            <Route path="/ideas/:number/mvp/:step" component={Mvp} />
            <Route path="/ideas/:number/launch" component={LaunchPlan} />
            <Route path="/inbox" component={Inbox} />
            <Route path="/import" component={ImportExport} />
            <Route path="/ideas/:number" component={IdeaPage} />
            <Route path="/submit" component={Submit} />
            <Route path="/mine" component={MyIdeas} />
            <Route path="/receipt" component={Receipt} />
            <Route path="/members" component={Members} />
            <Route path="/audit" component={Audit} />
            <Route path="/growth" component={Growth} />
            <Route path="/growth/summary" component={GrowthSummary} />
            <Route path="/growth/plan" component={Plan} />
            <Route path="/growth/team" component={Team} />
            <Route path="/growth/pulse" component={Pulse} />
            <Route path="/growth/coaching" component={Coaching} />
            <Route path="/growth/requests" component={RateRequests} />
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
  const auth = useAuth();
  const { memberships, user } = auth.state;
  // Identified by a proxy rather than an account: the session knows no memberships; the API lists them.
  const listed = useQuery({ queryKey: ['workspaces'], queryFn: api.workspaces, enabled: !user });
  if (!user) {
    if (listed.isPending) return <Loading what="workspaces" />;
    if (listed.error)
      return (
        <Bare>
          <ErrorBox error={listed.error} retry={() => listed.refetch()} />
        </Bare>
      );
    if (listed.data.length === 1) return <Redirect to={`/w/${listed.data[0]!.slug}`} replace />;
  } else if (memberships.length === 1) {
    return <Redirect to={`/w/${memberships[0]!.workspace.slug}`} replace />;
  }
  const items = user
    ? memberships.map((m) => ({ slug: m.workspace.slug, name: m.workspace.name, role: m.role }))
    : (listed.data ?? []).map((w) => ({ slug: w.slug, name: w.name, role: null }));
  return (
    <Shell>
      <Page
        title={items.length ? 'Your workspaces' : 'No workspace yet'}
        actions={
          auth.ownsAny ? (
            <Link href="/workspaces/new" className="button">
              New workspace
            </Link>
          ) : null
        }
      >
        {items.length === 0 ? (
          <Empty title="Your account is not a member of any workspace.">
            <p>Ask an owner of your team's workspace for an invitation link, and open it while signed in.</p>
          </Empty>
        ) : (
          <ul className="plain-list workspace-list">
            {items.map((w) => (
              <li key={w.slug}>
                <Link href={`/w/${w.slug}`}>{w.name}</Link>
                {w.role ? <span className="muted small"> · {ROLE_NAMES[w.role]}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </Page>
    </Shell>
  );
}
