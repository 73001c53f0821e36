import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { findMentions } from '../../../domain/markdown.ts';
import { DEMAND_SIGNAL } from '../../../methodology/evidence.ts';
import { api } from '../api.ts';
import { NotAllowed, useSession } from '../session.tsx';
import type { Idea } from '../types.ts';
import { describedBy, ErrorBox, FieldError, fmtDate, Loading } from '../ui.tsx';
import { FormError, fieldErrors } from './Fields.tsx';
import { Markdown } from './Markdown.tsx';

/** Following the idea, colleagues who have the problem too, and the comments, on the idea's page. */
export function TogetherSection({ idea }: { idea: Idea }) {
  return (
    <>
      <FollowBar idea={idea} />
      <Demand idea={idea} />
      <Comments idea={idea} />
    </>
  );
}

function FollowBar({ idea }: { idea: Idea }) {
  const { ws } = useSession();
  const queryClient = useQueryClient();
  const key = [ws, 'follow', idea.number];
  const state = useQuery({ queryKey: key, queryFn: () => api.follow(ws, idea.number) });
  const change = useMutation({
    mutationFn: (on: boolean) => api.setFollow(ws, idea.number, on),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
  if (state.isPending) return <Loading what="following" />;
  if (state.error) return <ErrorBox error={state.error} retry={() => state.refetch()} />;
  const { following, followers } = state.data;
  return (
    <div className="follow-bar">
      <button
        type="button"
        className="button"
        aria-pressed={following}
        disabled={change.isPending}
        onClick={() => change.mutate(!following)}
      >
        {following ? 'Following' : 'Follow'}
      </button>
      <span className="muted small">
        {followers} {followers === 1 ? 'person follows' : 'people follow'} this idea.{' '}
        {following
          ? 'Decisions, results, merges and comments on it come to your inbox.'
          : 'Follow it to hear of decisions, results, merges and comments in your inbox.'}
      </span>
      <FormError error={change.error} />
    </div>
  );
}

function Demand({ idea }: { idea: Idea }) {
  const { ws, can, actor } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const key = [ws, 'demand', idea.number];
  const [context, setContext] = useState('');
  const demand = useQuery({ queryKey: key, queryFn: () => api.demand(ws, idea.number) });
  const change = useMutation({
    mutationFn: (on: boolean) =>
      api.setDemand(ws, idea.number, on ? (context.trim() ? { context: context.trim() } : {}) : null),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      setContext('');
    },
  });
  if (demand.isPending) return <Loading what="who has this problem too" />;
  if (demand.error) return <ErrorBox error={demand.error} retry={() => demand.refetch()} />;
  const { count, mine, signals } = demand.data;
  const error = fieldErrors(change.error).context;
  return (
    <div className="demand card-panel">
      <h3>{DEMAND_SIGNAL.label}</h3>
      <p className="demand-count">
        <strong>{count}</strong> {count === 1 ? 'colleague has' : 'colleagues have'} this problem too.
      </p>
      <p className="muted small">{DEMAND_SIGNAL.explanation}</p>
      {signals.some((s) => s.context) ? (
        <ul className="plain-list demand-list">
          {signals
            .filter((s) => s.context)
            .map((s) => (
              <li key={s.member.id}>
                “{s.context}” <span className="muted small">— {s.member.name}</span>
              </li>
            ))}
        </ul>
      ) : null}
      {!can('contribute') ? (
        <NotAllowed permission="contribute" to={`say "${DEMAND_SIGNAL.label}"`} />
      ) : mine ? (
        <button type="button" className="button" disabled={change.isPending} onClick={() => change.mutate(false)}>
          Take back "{DEMAND_SIGNAL.label}"
        </button>
      ) : actor && idea.submitter?.id === actor.id ? (
        <p className="muted small">You submitted this idea: this is for colleagues who share the problem.</p>
      ) : (
        <form
          className="demand-form"
          onSubmit={(e) => {
            e.preventDefault();
            change.mutate(true);
          }}
        >
          <div className="field">
            <label htmlFor={id}>{DEMAND_SIGNAL.contextPrompt}</label>
            <input
              type="text"
              value={context}
              maxLength={DEMAND_SIGNAL.contextMaxLength}
              onChange={(e) => setContext(e.target.value.replace(/[\r\n]+/g, ' '))}
              {...describedBy(id, false, error)}
            />
            <FieldError id={`${id}-error`} message={error} />
          </div>
          <button type="submit" className="button" disabled={change.isPending}>
            {DEMAND_SIGNAL.label}
          </button>
          <FormError error={change.error} shown={['context']} />
        </form>
      )}
    </div>
  );
}

function Comments({ idea }: { idea: Idea }) {
  const { ws, can, members, actor } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [body, setBody] = useState('');
  const [own, setOwn] = useState('');
  const key = [ws, 'comments', idea.number];
  const comments = useQuery({ queryKey: key, queryFn: () => api.comments(ws, idea.number) });
  const add = useMutation({
    mutationFn: () => api.addComment(ws, idea.number, { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, [...(comments.data ?? []), saved]);
      // Commenting follows the idea.
      void queryClient.invalidateQueries({ queryKey: [ws, 'follow', idea.number] });
      setBody('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) {
      setOwn('Write something first.');
      return;
    }
    setOwn('');
    add.mutate();
  };
  const error = own || fieldErrors(add.error).body;
  // Who the API will tell, found the same way it finds them (the author is not told of their own comment).
  const told = findMentions(
    body,
    members.filter((m) => m.id !== actor?.id),
  );
  return (
    <div className="comments">
      <h3>Comments</h3>
      {comments.isPending ? (
        <Loading what="comments" />
      ) : comments.error ? (
        <ErrorBox error={comments.error} retry={() => comments.refetch()} />
      ) : comments.data.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ol className="plain-list comment-list">
          {comments.data.map((c) => (
            <li key={c.id} className="comment card-panel">
              <p className="comment-head">
                <strong>{c.author.name}</strong>{' '}
                <span className="muted small">
                  <time dateTime={c.createdAt}>{fmtDate(c.createdAt)}</time>
                </span>
              </p>
              <Markdown text={c.body} mentions={c.mentions.map((m) => m.name)} />
            </li>
          ))}
        </ol>
      )}
      {can('contribute') ? (
        <form ref={form} className="comment-form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={id}>Add a comment</label>
            <p className="hint" id={`${id}-hint`}>
              Markdown: **bold**, _italic_, `code`, [links](https://…), lists. Write @ and a member's name to tell them.
            </p>
            <textarea
              rows={3}
              value={body}
              maxLength={5000}
              onChange={(e) => setBody(e.target.value)}
              {...describedBy(id, true, error)}
            />
            <FieldError id={`${id}-error`} message={error} />
            {told.length ? <p className="hint">Will tell: {told.map((m) => m.name).join(', ')}.</p> : null}
          </div>
          <button type="submit" className="button button-primary" disabled={add.isPending}>
            {add.isPending ? 'Posting…' : 'Post comment'}
          </button>
          <FormError error={add.error} shown={['body']} />
        </form>
      ) : (
        <NotAllowed permission="contribute" to="comment" />
      )}
    </div>
  );
}
