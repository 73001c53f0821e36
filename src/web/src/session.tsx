import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { api } from './api.ts';
import type { Member, Methodology, StageId, Workspace } from './types.ts';
import { ErrorBox, Loading } from './ui.tsx';

/**
 * Who is looking, and where. Vetted has no login yet: the person picks who they are from the workspace's
 * members (kept in this browser), and every write names that member in the Vetted-Actor header.
 */
export interface Session {
  ws: string;
  workspace: Workspace;
  members: Member[];
  methodology: Methodology;
  actor: Member | null;
  setActor(id: string | null): void;
  stageName(id: StageId): string;
}

const SessionContext = createContext<Session | null>(null);

const storageKey = (ws: string) => `vetted:actor:${ws}`;
const readActor = (ws: string) => {
  try {
    return localStorage.getItem(storageKey(ws));
  } catch {
    return null;
  }
};

export const useMethodology = () =>
  useQuery({ queryKey: ['methodology'], queryFn: api.methodology, staleTime: Number.POSITIVE_INFINITY });

export function WorkspaceProvider({ ws, children }: { ws: string; children: ReactNode }) {
  const methodology = useMethodology();
  const workspace = useQuery({ queryKey: [ws, 'workspace'], queryFn: () => api.workspace(ws) });
  const members = useQuery({ queryKey: [ws, 'members'], queryFn: () => api.members(ws), staleTime: 60_000 });
  const [actorId, setActorId] = useState<string | null>(() => readActor(ws));

  const setActor = useCallback(
    (id: string | null) => {
      try {
        if (id) localStorage.setItem(storageKey(ws), id);
        else localStorage.removeItem(storageKey(ws));
      } catch {
        // Private mode: the choice lasts for this page only.
      }
      setActorId(id);
    },
    [ws],
  );

  const value = useMemo<Session | null>(() => {
    if (!methodology.data || !workspace.data || !members.data) return null;
    const m = methodology.data;
    return {
      ws,
      workspace: workspace.data,
      members: members.data,
      methodology: m,
      actor: members.data.find((x) => x.id === actorId) ?? null,
      setActor,
      stageName: (id) => m.stages.find((s) => s.id === id)?.name ?? id,
    };
  }, [ws, methodology.data, workspace.data, members.data, actorId, setActor]);

  const failed = methodology.error ?? workspace.error ?? members.error;
  if (failed) {
    return (
      <main id="main" className="page">
        <h1>Vetted</h1>
        <ErrorBox
          error={failed}
          retry={() => {
            methodology.refetch();
            workspace.refetch();
            members.refetch();
          }}
        />
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
