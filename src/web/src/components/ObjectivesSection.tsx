import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api.ts';
import { NotAllowed, useSession } from '../session.tsx';
import type { Idea } from '../types.ts';
import { ErrorBox, Loading } from '../ui.tsx';

/**
 * Which of the workspace's objectives the idea serves: its evidence of strategic fit, and what the challenger
 * asks for when the workspace has objectives. Saved as a whole against the idea's version.
 */
export function ObjectivesSection({ idea }: { idea: Idea }) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const strategy = useQuery({ queryKey: [ws, 'strategy'], queryFn: () => api.strategy(ws) });
  const served = useQuery({
    queryKey: [ws, 'idea-objectives', idea.number, idea.version],
    queryFn: () => api.ideaObjectives(ws, idea.number),
  });
  const [picked, setPicked] = useState<string[] | null>(null);
  const save = useMutation({
    mutationFn: (ids: string[]) => api.setIdeaObjectives(ws, idea.number, served.data!.version, ids),
    onSuccess: async () => {
      setPicked(null);
      await queryClient.invalidateQueries({ queryKey: [ws] });
    },
  });
  if (strategy.isPending || served.isPending) return <Loading what="objectives" />;
  const failed = strategy.error ?? served.error;
  if (failed) return <ErrorBox error={failed} />;
  const all = strategy.data!.objectives;
  if (all.length === 0)
    return (
      <p className="muted">
        The workspace has no objectives yet. <Link href="/strategy">Set them on the Strategy page.</Link>
      </p>
    );
  const current = picked ?? served.data!.objectives.map((o) => o.id);
  const editable = can('contribute') && !idea.archivedAt;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(current);
      }}
    >
      <fieldset disabled={!editable || save.isPending}>
        <legend>Objectives this idea serves</legend>
        {all.map((o) => (
          <label key={o.id} className="choice">
            <input
              type="checkbox"
              checked={current.includes(o.id)}
              onChange={(e) => setPicked(e.target.checked ? [...current, o.id] : current.filter((id) => id !== o.id))}
            />{' '}
            {o.title}{' '}
            <span className="muted small">
              ({o.keyMetric}; owner {o.owner.name})
            </span>
          </label>
        ))}
      </fieldset>
      {save.error ? <ErrorBox error={save.error} /> : null}
      <NotAllowed permission="contribute" to="link objectives" />
      {editable && picked ? (
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            Save objectives
          </button>
          <button type="button" className="button" onClick={() => setPicked(null)}>
            Cancel
          </button>
        </div>
      ) : null}
    </form>
  );
}
