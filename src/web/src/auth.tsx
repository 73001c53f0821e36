import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import { useLocation } from 'wouter';
import { api, setCsrf } from './api.ts';
import type { Membership, Role, SessionState } from './types.ts';
import { ErrorBox, Loading } from './ui.tsx';

/**
 * Who is signed in, from GET /api/auth/session: the account, its workspaces with the role in each, and the
 * CSRF token every write must carry. The server is the authority on all of it: the app only reads it back,
 * and hides what a role cannot do so that people are not offered buttons that can only fail.
 */
export const SESSION_KEY = ['auth', 'session'] as const;

export type Permission = 'read' | 'submit' | 'contribute' | 'decide' | 'administer';

/** The least role holding each permission (the API's src/api/policies.ts says the same, and decides). */
const LEAST_ROLE: Record<Permission, Role> = {
  read: 'viewer',
  submit: 'contributor',
  contribute: 'contributor',
  decide: 'leader',
  administer: 'owner',
};
const RANK: Record<Role, number> = { viewer: 0, contributor: 1, leader: 2, owner: 3 };
export const roleCan = (role: Role, permission: Permission) => RANK[role] >= RANK[LEAST_ROLE[permission]];
export const ROLE_NAMES: Record<Role, string> = {
  owner: 'Owner',
  leader: 'Leader',
  contributor: 'Contributor',
  viewer: 'Viewer',
};
export const ROLE_HINTS: Record<Role, string> = {
  owner: 'everything, and manages members and settings',
  leader: 'also decides at gates, merges and dismisses findings',
  contributor: 'submits, frames, scores and adds evidence',
  viewer: 'reads',
};
const A_ROLE: Record<Role, string> = {
  owner: 'an owner',
  leader: 'a leader',
  contributor: 'a contributor',
  viewer: 'a viewer',
};
export const aRole = (role: Role) => A_ROLE[role];
/** "a leader or an owner": who may, in words. */
export const whoMay = (permission: Permission) =>
  (Object.keys(RANK) as Role[])
    .filter((r) => roleCan(r, permission))
    .map(aRole)
    .join(' or ');

export interface Auth {
  state: SessionState;
  /** Identified: an account signed in, or a person named by the organisation's proxy. */
  signedIn: boolean;
  /** In the sample portfolio on this machine with no owner account yet: first run is still to do. */
  demoSession: boolean;
  membership(ws: string): Membership | undefined;
  /** Owner of at least one workspace: may create workspaces and set up sign-in. */
  ownsAny: boolean;
  /**
   * Takes a session the server just answered (a sign-in, first run, a link used): forgets everything the
   * previous person saw, then goes to `to`.
   */
  adopt(state: SessionState, to?: string): void;
  /** Asks the server who is signed in again (after a password change, a removal…). */
  refresh(): Promise<unknown>;
  signOut(everywhere?: boolean): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

const readSession = async () => {
  const state = await api.session();
  setCsrf(state.csrf);
  return state;
};

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const q = useQuery({ queryKey: SESSION_KEY, queryFn: readSession, staleTime: 60_000 });

  const adopt = useCallback(
    (state: SessionState, to?: string) => {
      setCsrf(state.csrf);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, state);
      if (to) navigate(to);
    },
    [queryClient, navigate],
  );

  const value = useMemo<Auth | null>(() => {
    const state = q.data;
    if (!state) return null;
    return {
      state,
      signedIn: state.user !== null || state.via === 'proxy' || state.via === 'local',
      demoSession: state.setupRequired && state.user !== null,
      membership: (ws) => state.memberships.find((m) => m.workspace.slug === ws),
      ownsAny: state.memberships.some((m) => m.role === 'owner'),
      adopt,
      refresh: () => queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
      signOut: async (everywhere = false) => {
        await (everywhere ? api.signOutEverywhere() : api.signOut());
        adopt(await readSession(), '/sign-in');
      },
    };
  }, [q.data, adopt, queryClient]);

  if (q.isPending) return <Loading what="Vetted" />;
  if (!value)
    return (
      <main id="main" className="page">
        <h1>Vetted</h1>
        <ErrorBox error={q.error} retry={() => q.refetch()} />
      </main>
    );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const a = useContext(AuthContext);
  if (!a) throw new Error('useAuth outside AuthProvider');
  return a;
}

/** Where to go after signing in: a path of this app from `?next=`, never another site. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
