import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { Link } from 'wouter';
import { ApiError, api } from './api.ts';
import { aRole, type Permission, roleCan, useAuth, whoMay } from './auth.tsx';
import type { Member, Methodology, Role, StageId, Workspace } from './types.ts';
import { ErrorBox, Loading, Page } from './ui.tsx';

/**
 * Where the person is, and as whom: the workspace, its members, and the signed-in account's own membership
 * of it (from the session, never chosen in the page). Every write is the session's; the role only decides
 * which actions the page offers.
 */
export interface Session {
  ws: string;
  workspace: Workspace;
  members: Member[];
  methodology: Methodology;
  /** The signed-in person's member record here (null when the proxy identified them: then the API decides). */
  actor: Member | null;
  role: Role | null;
  /** Whether the role allows it (unknown role: yes, and the API answers). */
  can(permission: Permission): boolean;
  stageName(id: StageId): string;
}

const SessionContext = createContext<Session | null>(null);

export const useMethodology = () =>
  useQuery({ queryKey: ['methodology'], queryFn: api.methodology, staleTime: Number.POSITIVE_INFINITY });

export function WorkspaceProvider({ ws, children }: { ws: string; children: ReactNode }) {
  const auth = useAuth();
  const membership = auth.membership(ws);
  const methodology = useMethodology();
  const workspace = useQuery({ queryKey: [ws, 'workspace'], queryFn: () => api.workspace(ws) });
  const members = useQuery({ queryKey: [ws, 'members'], queryFn: () => api.members(ws), staleTime: 60_000 });

  const value = useMemo<Session | null>(() => {
    if (!methodology.data || !workspace.data || !members.data) return null;
    const m = methodology.data;
    const role = membership?.role ?? null;
    const actor = membership ? (members.data.find((x) => x.id === membership.memberId) ?? null) : null;
    return {
      ws,
      workspace: workspace.data,
      members: members.data,
      methodology: m,
      actor,
      role,
      can: (permission) => (role ? roleCan(role, permission) : auth.state.user === null),
      stageName: (id) => m.stages.find((s) => s.id === id)?.name ?? id,
    };
  }, [ws, methodology.data, workspace.data, members.data, membership, auth.state.user]);

  const failed = methodology.error ?? workspace.error ?? members.error;
  // Not found for a signed-in account means "not a member": removed a moment ago, perhaps. Ask again who we are.
  const gone = failed instanceof ApiError && (failed.status === 404 || failed.status === 403);
  const { refresh } = auth;
  useEffect(() => {
    if (gone) void refresh();
  }, [gone, refresh]);

  if (failed) {
    return (
      <main id="main" className="page">
        {gone && auth.state.user ? (
          <Page title="Not a member of this workspace">
            <div className="notice notice-error" role="alert">
              <p>
                Your account ({auth.state.user.email}) is not a member of the workspace “{ws}”, or no longer is. An
                owner of it can invite you again.
              </p>
            </div>
            <p>
              <Link href="~/">Go to your workspaces</Link>
            </p>
          </Page>
        ) : (
          <>
            <h1>Vetted</h1>
            <ErrorBox
              error={failed}
              retry={() => {
                methodology.refetch();
                workspace.refetch();
                members.refetch();
              }}
            />
            <p>
              <Link href="~/">Go to your workspaces</Link>
            </p>
          </>
        )}
      </main>
    );
  }
  if (!value) return <Loading what="the workspace" />;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a workspace');
  return s;
}

/**
 * Where an action needs more than the person's role: says so, and who may. Nothing when the role allows it
 * (the API still decides, and its answer is shown if it disagrees).
 */
export function NotAllowed({ permission, to }: { permission: Permission; to: string }) {
  const { can, role, workspace } = useSession();
  if (can(permission)) return null;
  return (
    <p className="notice" role="note">
      {role ? `You are ${aRole(role)} in ${workspace.name}: ` : ''}
      to {to}, you need to be {whoMay(permission)}.
    </p>
  );
}
