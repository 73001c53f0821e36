import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api, describeError } from '../api.ts';
import { CopyField, InputField } from '../components/Fields.tsx';
import { Empty, ErrorBox, Loading, Page } from '../ui.tsx';

/**
 * /portal#<code>: a workspace's submission portal, for people without an account. Ideas sent here are
 * anonymous: the page asks for nothing about the sender, and answers with the receipt code to follow the
 * idea. The code travels in the fragment, which browsers never send to a server.
 */
export default function Portal() {
  const [code] = useState(() => decodeURIComponent(window.location.hash.replace(/^#/, '')).trim());
  const info = useQuery({
    queryKey: ['portal', code],
    queryFn: () => api.portalInfo(code),
    enabled: code.length >= 10,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [titleError, setTitleError] = useState<string>();
  const send = useMutation({ mutationFn: () => api.portalSubmit({ code, title: title.trim(), description }) });
  const [receipt, setReceipt] = useState('');
  const follow = useMutation({ mutationFn: (c: string) => api.receipt(c) });

  if (code.length < 10)
    return (
      <Page title="Submit an idea">
        <Empty title="This address has no portal code.">
          <p>Open the whole link you were given: it ends with # and a long code.</p>
        </Empty>
      </Page>
    );
  if (info.isPending) return <Loading what="the portal" />;
  if (info.error)
    return (
      <Page title="Submit an idea">
        {info.error instanceof ApiError && info.error.status === 404 ? (
          <div className="notice notice-error" role="alert">
            <p>{describeError(info.error)}</p>
          </div>
        ) : (
          <ErrorBox error={info.error} />
        )}
      </Page>
    );

  const name = info.data.workspace.name;
  return (
    <Page
      title={`Submit an idea to ${name}`}
      lead="Anonymous: nothing about you is asked or kept. You get a receipt code to follow what happens to the idea."
    >
      {send.data ? (
        <div className="card-panel stack" role="status">
          <p>
            Thank you: idea #{send.data.number} “{send.data.title}” is in. Keep this code: it is shown only now.
          </p>
          <CopyField label="Your receipt code" value={send.data.receiptCode} />
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                send.reset();
                setTitle('');
                setDescription('');
              }}
            >
              Submit another idea
            </button>
          </div>
        </div>
      ) : (
        <form
          className="stack card-panel"
          aria-label="Your idea"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!title.trim()) {
              setTitleError('Give the idea a title.');
              return;
            }
            setTitleError(undefined);
            send.mutate();
          }}
        >
          <InputField
            label="Title"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            error={titleError}
          />
          <div className="field">
            <label htmlFor="portal-description">What is the problem, and who has it?</label>
            <textarea
              id="portal-description"
              rows={6}
              maxLength={10_000}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          {send.error ? <ErrorBox error={send.error} /> : null}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={send.isPending}>
              {send.isPending ? 'Sending…' : 'Submit anonymously'}
            </button>
          </div>
        </form>
      )}

      <section className="section" aria-labelledby="follow-h">
        <h2 id="follow-h">Follow an idea</h2>
        <form
          className="inline-form"
          aria-label="Follow an idea"
          onSubmit={(e) => {
            e.preventDefault();
            if (receipt.trim().length >= 8) follow.mutate(receipt.trim());
          }}
        >
          <InputField
            label="Receipt code"
            value={receipt}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setReceipt(e.target.value)}
          />
          <button type="submit" className="button" disabled={follow.isPending}>
            Show my idea
          </button>
        </form>
        {follow.error ? <ErrorBox error={follow.error} /> : null}
        {follow.data ? (
          <div className="card-panel" role="status">
            <p>
              <strong>{follow.data.idea.title}</strong>: {follow.data.idea.stage}
              {follow.data.mergedInto ? ` (merged into #${follow.data.mergedInto.number})` : ''}
            </p>
            <ul>
              {follow.data.decisions.map((d) => (
                <li key={d.id}>
                  {d.outcome}: {d.rationale}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </Page>
  );
}
