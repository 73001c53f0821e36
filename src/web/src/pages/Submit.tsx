import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'wouter';
import { ApiError, api, describeError } from '../api.ts';
import { rememberReceipt } from '../memory.ts';
import { NotAllowed, useSession } from '../session.tsx';
import type { IdeaCreate, IdeaCreated } from '../types.ts';
import { describedBy, FieldError, fmtPct, Page, StageBadge } from '../ui.tsx';

interface Values {
  title: string;
  description: string;
  tags: string;
  anonymous: boolean;
}

const parseTags = (s: string) => [
  ...new Set(
    s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/** Waits until typing pauses before asking for similar ideas. */
function useDebounced<T>(value: T, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export default function Submit() {
  const { ws, actor, can, stageName } = useSession();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<IdeaCreated | null>(null);
  const form = useForm<Values>({ defaultValues: { title: '', description: '', tags: '', anonymous: false } });
  const { register, handleSubmit, watch, setError, formState, reset } = form;
  const errors = formState.errors;
  const anonymous = watch('anonymous');
  const text = `${watch('title')} ${watch('description').slice(0, 300)}`.trim();
  const probe = useDebounced(text, 300);

  const similar = useQuery({
    queryKey: [ws, 'similar', probe],
    queryFn: () => api.similar(ws, probe, 5),
    enabled: probe.length >= 4,
    placeholderData: (prev) => prev,
  });

  const submit = useMutation({
    mutationFn: (body: IdeaCreate) => api.createIdea(ws, body),
    onSuccess: async (result) => {
      if (result.receiptCode) rememberReceipt(result.receiptCode);
      setCreated(result);
      reset();
      await queryClient.invalidateQueries({ queryKey: [ws] });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const fields = error.fieldErrors();
      for (const key of ['title', 'description'] as const) {
        if (fields[key]) setError(key, { type: 'server', message: fields[key] });
      }
      if (fields.tags) {
        setError('tags', {
          type: 'server',
          message: `Tag ${fields.tags.replace(/^item /, '')} (a tag cannot contain ";" or start with a space)`,
        });
      }
    },
  });

  const onSubmit = handleSubmit((v) => {
    const tags = parseTags(v.tags);
    submit.mutate({
      title: v.title.trim(),
      ...(v.description.trim() ? { description: v.description.trim() } : {}),
      ...(tags.length ? { tags } : {}),
      channel: 'web',
      ...(v.anonymous ? { anonymous: true } : {}),
    });
  });

  if (created) return <Submitted created={created} onAnother={() => setCreated(null)} />;

  const matches = probe.length >= 4 ? (similar.data ?? []) : [];
  const needsActor = !anonymous && !can('submit');

  return (
    <Page
      title="Submit an idea"
      lead="Anyone can submit. Say what you noticed and for whom; the team will frame it as a problem and look for evidence."
    >
      <div className="two-col">
        <form onSubmit={onSubmit} noValidate className="stack card-panel" aria-label="Your idea">
          <div className="field">
            <label htmlFor="s-title">Title</label>
            <p className="hint" id="s-title-hint">
              One line: what should exist, or what hurts today.
            </p>
            <input
              type="text"
              autoComplete="off"
              {...register('title', {
                validate: (v) => v.trim().length > 0 || 'Give the idea a title.',
                maxLength: { value: 200, message: 'Keep the title under 200 characters.' },
              })}
              {...describedBy('s-title', true, errors.title?.message)}
            />
            <FieldError id="s-title-error" message={errors.title?.message} />
          </div>
          <div className="field">
            <label htmlFor="s-description">Description (optional)</label>
            <p className="hint" id="s-description-hint">
              Who has the problem, what happens today, what you have seen or heard.
            </p>
            <textarea
              rows={6}
              {...register('description', {
                maxLength: { value: 10_000, message: 'Keep the description under 10,000 characters.' },
              })}
              {...describedBy('s-description', true, errors.description?.message)}
            />
            <FieldError id="s-description-error" message={errors.description?.message} />
          </div>
          <div className="field">
            <label htmlFor="s-tags">Tags (optional)</label>
            <p className="hint" id="s-tags-hint">
              Separated by commas, e.g. <em>driver-app, scheduling</em>.
            </p>
            <input type="text" {...register('tags')} {...describedBy('s-tags', true, errors.tags?.message)} />
            <FieldError id="s-tags-error" message={errors.tags?.message} />
          </div>

          <div className="field anonymous-box">
            <label className="choice">
              <input type="checkbox" {...register('anonymous')} aria-describedby="s-anon-explained" /> Submit
              anonymously
            </label>
            <div id="s-anon-explained" className="hint">
              {anonymous ? (
                <>
                  <p>
                    <strong>Stored:</strong> the title, description and tags you type, the time, and that it came from
                    the web form.
                  </p>
                  <p>
                    <strong>Not stored:</strong> your name, your member id, your address or browser, nor any link
                    between you and this idea; the server logs only the method and path of requests. You get a receipt
                    code, shown once, to follow the idea and read every decision on it. Only a hash of the code is kept,
                    so a lost code cannot be recovered.
                  </p>
                </>
              ) : (
                <p>
                  Your name is stored with the idea so you can follow it under <em>My ideas</em>. Tick this to leave no
                  trace of who you are.
                </p>
              )}
            </div>
          </div>

          {!anonymous ? (
            <NotAllowed permission="submit" to="submit under your name (anyone may submit anonymously)" />
          ) : null}
          {submit.error && !(submit.error instanceof ApiError && submit.error.problem.errors?.length) ? (
            <div className="notice notice-error" role="alert">
              {describeError(submit.error)}
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={submit.isPending || needsActor}>
              {submit.isPending
                ? 'Submitting…'
                : anonymous
                  ? 'Submit anonymously'
                  : actor
                    ? `Submit as ${actor.name}`
                    : 'Submit'}
            </button>
          </div>
        </form>

        <aside className="similar-panel" aria-labelledby="similar-heading">
          <h2 id="similar-heading">Already here?</h2>
          <div aria-live="polite" className="similar-live">
            {matches.length ? (
              <div className="notice notice-warn">
                <p>
                  <strong>
                    {matches.length} similar idea{matches.length === 1 ? '' : 's'} already exist
                    {matches.length === 1 ? 's' : ''}.
                  </strong>{' '}
                  If yours is one of them, add what you know there instead of sending a duplicate.
                </p>
                <ul className="plain-list similar-list">
                  {matches.map((m) => (
                    <li key={m.id}>
                      <a href={`/w/${ws}/ideas/${m.number}`} target="_blank" rel="noopener">
                        #{m.number} {m.title}
                        <span className="visually-hidden"> (opens in a new tab)</span>
                      </a>{' '}
                      <StageBadge stage={m.stage} name={stageName(m.stage)} />{' '}
                      <span className="muted small">{fmtPct(m.similarity)} similar</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="muted">
                {probe.length >= 4
                  ? similar.isFetching
                    ? 'Looking for similar ideas…'
                    : 'No similar ideas found so far.'
                  : 'Similar ideas appear here as you type, so duplicates are caught before they are sent.'}
              </p>
            )}
          </div>
        </aside>
      </div>
    </Page>
  );
}

function Submitted({ created, onAnother }: { created: IdeaCreated; onAnother: () => void }) {
  const { stageName } = useSession();
  const [copied, setCopied] = useState(false);
  const { idea, receiptCode, similar } = created;
  return (
    <Page title="Thank you: your idea is in" lead={`#${idea.number} ${idea.title} is now in ${stageName(idea.stage)}.`}>
      {receiptCode ? (
        <section className="receipt card-panel" aria-labelledby="receipt-heading">
          <h2 id="receipt-heading">Your receipt code</h2>
          <p>
            Nothing links this idea to you. Keep this code: it is shown only once, and it is the only way to follow the
            idea and read the reasons for every decision on it.
          </p>
          <p className="receipt-code">
            <code data-testid="receipt-code">{receiptCode}</code>{' '}
            <button
              type="button"
              className="button button-small"
              onClick={async () => {
                try {
                  await navigator.clipboard.writeText(receiptCode);
                  setCopied(true);
                } catch {
                  setCopied(false);
                }
              }}
            >
              Copy
            </button>{' '}
            <span role="status">{copied ? 'Copied.' : ''}</span>
          </p>
          <p>
            <Link href="/receipt">Follow it now</Link>
          </p>
        </section>
      ) : (
        <p>
          Follow it under <Link href="/mine">My ideas</Link>, or open{' '}
          <Link href={`/ideas/${idea.number}`}>its page</Link>.
        </p>
      )}
      {similar.length ? (
        <section aria-labelledby="similar-after">
          <h2 id="similar-after">Similar ideas the team will compare it with</h2>
          <ul className="plain-list">
            {similar.map((s) => (
              <li key={s.id}>
                <Link href={`/ideas/${s.number}`}>
                  #{s.number} {s.title}
                </Link>{' '}
                <span className="muted small">({fmtPct(s.similarity)} similar)</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <button type="button" className="button" onClick={onAnother}>
          Submit another idea
        </button>
      </p>
    </Page>
  );
}
