import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { STRATEGY } from '../../../methodology/index.ts';
import { api } from '../api.ts';
import { Confirm, type Errors, FormError, fieldErrors, InputField } from '../components/Fields.tsx';
import { NotAllowed, useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { Objective, Strategy as StrategyData } from '../types.ts';
import { Empty, ErrorBox, Loading, Page } from '../ui.tsx';

/**
 * /w/:ws/strategy: the workspace's goals, its North Star metric and the team objectives under it, each with
 * the member who owns its key metric and the ideas that serve it. Every member reads it; leaders and owners
 * edit it (the API decides; the page only offers what the role allows).
 */
export default function Strategy() {
  const { ws } = useSession();
  const q = useQuery({ queryKey: [ws, 'strategy'], queryFn: () => api.strategy(ws) });
  if (q.isPending) return <Loading what="the strategy" />;
  if (q.error) return <ErrorBox error={q.error} retry={() => q.refetch()} />;
  return (
    <Page
      title="Strategy"
      lead="Goals lead to one North Star metric; team objectives move it, each with a named owner."
    >
      <NorthStar strategy={q.data} />
      <Objectives strategy={q.data} />
    </Page>
  );
}

function NorthStar({ strategy }: { strategy: StrategyData }) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [northStar, setNorthStar] = useState(strategy.northStar);
  const [definition, setDefinition] = useState(strategy.definition);
  const [goals, setGoals] = useState(strategy.goals.join('\n'));
  const goalsId = useId();
  const save = useMutation({
    mutationFn: () =>
      api.updateStrategy(ws, {
        version: strategy.version,
        northStar,
        definition,
        goals: goals
          .split('\n')
          .map((g) => g.trim())
          .filter(Boolean),
      }),
    onSuccess: async () => {
      setEditing(false);
      showToast('Strategy saved.');
      await queryClient.invalidateQueries({ queryKey: [ws] });
    },
  });
  const errors: Errors = fieldErrors(save.error);
  return (
    <section className="section" aria-labelledby="north-star-h">
      <h2 id="north-star-h">North Star</h2>
      {editing ? (
        <form
          className="stack card-panel"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <InputField
            label="North Star metric"
            hint={STRATEGY.prompts.northStar}
            value={northStar}
            maxLength={200}
            onChange={(e) => setNorthStar(e.target.value)}
            error={errors.northStar}
          />
          <InputField
            label="Definition"
            hint={STRATEGY.prompts.definition}
            value={definition}
            maxLength={1000}
            onChange={(e) => setDefinition(e.target.value)}
            error={errors.definition}
          />
          <div className="field">
            <label htmlFor={goalsId}>Goals, one a line</label>
            <p className="hint" id={`${goalsId}-hint`}>
              {STRATEGY.prompts.goals}
            </p>
            <textarea
              id={goalsId}
              aria-describedby={`${goalsId}-hint`}
              rows={4}
              value={goals}
              onChange={(e) => setGoals(e.target.value)}
            />
          </div>
          <FormError error={save.error} shown={['northStar', 'definition']} />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              Save
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="card-panel">
          {strategy.northStar ? (
            <p className="north-star">
              <strong>{strategy.northStar}</strong>
            </p>
          ) : (
            <p className="muted">No North Star metric yet.</p>
          )}
          {strategy.definition ? <p>{strategy.definition}</p> : null}
          {strategy.goals.length ? (
            <>
              <h3>Goals</h3>
              <ul>
                {strategy.goals.map((g) => (
                  <li key={g}>{g}</li>
                ))}
              </ul>
            </>
          ) : null}
          {can('decide') ? (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit the North Star and goals
            </button>
          ) : null}
        </div>
      )}
      <NotAllowed permission="decide" to="change the strategy" />
    </section>
  );
}

function Objectives({ strategy }: { strategy: StrategyData }) {
  const { can } = useSession();
  return (
    <section className="section" aria-labelledby="objectives-h">
      <h2 id="objectives-h">Team objectives</h2>
      {strategy.objectives.length === 0 ? (
        <Empty title="No objectives yet.">
          <p>{STRATEGY.prompts.objective}</p>
        </Empty>
      ) : (
        <ul className="objective-list">
          {strategy.objectives.map((o) => (
            <ObjectiveItem key={o.id} objective={o} />
          ))}
        </ul>
      )}
      {can('decide') ? <AddObjective /> : null}
    </section>
  );
}

function ObjectiveItem({ objective: o }: { objective: Objective }) {
  const { ws, can, stageName } = useSession();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.deleteObjective(ws, o.id, o.version),
    onSuccess: async () => {
      setConfirming(false);
      showToast(`Objective “${o.title}” deleted.`);
      await queryClient.invalidateQueries({ queryKey: [ws] });
    },
  });
  return (
    <li className="card-panel objective">
      <h3>{o.title}</h3>
      <dl className="objective-facts">
        <dt>Key metric</dt>
        <dd>
          {o.keyMetric}
          {o.target ? `, target ${o.target}` : ''}
        </dd>
        <dt>Owner of the key metric</dt>
        <dd>{o.owner.name}</dd>
        <dt>Ideas serving it</dt>
        <dd>
          {o.ideas.length === 0 ? (
            <span className="muted">none yet</span>
          ) : (
            <ul className="inline-list">
              {o.ideas.map((i) => (
                <li key={i.number}>
                  <Link href={`/ideas/${i.number}`}>
                    #{i.number} {i.title}
                  </Link>{' '}
                  <span className="muted small">({stageName(i.stage)})</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {can('decide') ? (
        <button
          type="button"
          className="button button-danger"
          aria-label={`Delete the objective ${o.title}`}
          onClick={() => setConfirming(true)}
        >
          Delete
        </button>
      ) : null}
      {confirming ? (
        <Confirm
          title={`Delete “${o.title}”?`}
          action="Delete the objective"
          danger
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate()}
          onClose={() => setConfirming(false)}
        >
          <p>
            {o.ideas.length
              ? `The ${o.ideas.length} idea(s) serving it will serve it no more, and the challenger may note them.`
              : 'No idea serves it yet.'}
          </p>
        </Confirm>
      ) : null}
    </li>
  );
}

function AddObjective() {
  const { ws, members, actor } = useSession();
  const queryClient = useQueryClient();
  const ownerId = useId();
  const blank = { title: '', keyMetric: '', target: '', owner: actor?.id ?? '' };
  const [draft, setDraft] = useState(blank);
  const add = useMutation({
    mutationFn: () =>
      api.createObjective(ws, {
        title: draft.title,
        keyMetric: draft.keyMetric,
        owner: draft.owner,
        ...(draft.target.trim() ? { target: draft.target } : {}),
      }),
    onSuccess: async (o) => {
      setDraft(blank);
      showToast(`Objective “${o.title}” added.`);
      await queryClient.invalidateQueries({ queryKey: [ws] });
    },
  });
  const errors = fieldErrors(add.error);
  return (
    <form
      className="stack card-panel"
      aria-labelledby="add-objective-h"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h3 id="add-objective-h">Add an objective</h3>
      <div className="row">
        <InputField
          label="Objective"
          value={draft.title}
          maxLength={160}
          required
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          error={errors.title}
        />
        <InputField
          label="Key metric"
          value={draft.keyMetric}
          maxLength={200}
          required
          onChange={(e) => setDraft({ ...draft, keyMetric: e.target.value })}
          error={errors.keyMetric}
        />
      </div>
      <div className="row">
        <InputField
          label="Target (optional)"
          value={draft.target}
          maxLength={200}
          onChange={(e) => setDraft({ ...draft, target: e.target.value })}
          error={errors.target}
        />
        <div className="field">
          <label htmlFor={ownerId}>Owner of the key metric</label>
          <select id={ownerId} value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })}>
            <option value="">Choose a member</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          {errors.owner ? (
            <p className="field-error" role="alert">
              {errors.owner}
            </p>
          ) : null}
        </div>
      </div>
      <FormError error={add.error} shown={['title', 'keyMetric', 'target', 'owner']} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          Add the objective
        </button>
      </div>
    </form>
  );
}
