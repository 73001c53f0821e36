import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { ApiError, api, describeError } from '../api.ts';
import { TraitRatingForm } from '../components/TraitRatingForm.tsx';
import { useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { RatingRequest, TraitRatingInput } from '../types.ts';
import { Empty, ErrorBox, Loading, Page } from '../ui.tsx';

/** Whom the answer is shown to, and how: said before the form, for raters signed in and through a link. */
function WhoSees({ r }: { r: Pick<RatingRequest, 'subject' | 'asksConsent'> }) {
  return (
    <p className="notice" role="note">
      {r.subject} sees your answer only in aggregate with your group, and only when at least three of the group rated a
      trait; your examples are shown without your name. Your answer is given once and cannot be read back, by anyone.
      {r.asksConsent ? ' As their manager, you may agree to be shown as the manager instead.' : ''}
    </p>
  );
}

function Consent({ value, onChange }: { value: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="choice">
      <input type="checkbox" checked={value} onChange={(e) => onChange(e.target.checked)} />
      <span>Show my rating as the manager's (without this, it counts only with at least three managers)</span>
    </label>
  );
}

/** /growth/requests: requests to rate a colleague, waiting for you. */
export default function RateRequests() {
  const { ws } = useSession();
  const client = useQueryClient();
  const requests = useQuery({ queryKey: [ws, 'rating-requests'], queryFn: () => api.ratingRequests(ws) });
  const [open, setOpen] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const answer = useMutation({
    mutationFn: ({ id, ratings }: { id: string; ratings: TraitRatingInput[] }) =>
      api.answerRequest(ws, id, ratings, consent),
    onSuccess: () => {
      showToast('Thank you: your answer is in.');
      setOpen(null);
      setConsent(false);
      client.invalidateQueries({ queryKey: [ws, 'rating-requests'] });
    },
  });
  return (
    <Page title="Feedback requests" lead="Colleagues who asked you to rate them.">
      {requests.isPending ? (
        <Loading what="requests" />
      ) : requests.error ? (
        <ErrorBox error={requests.error} retry={() => requests.refetch()} />
      ) : requests.data.length === 0 ? (
        <Empty title="No request is waiting for you.">
          <p>
            <Link href="/growth">Back to my growth</Link>
          </p>
        </Empty>
      ) : (
        <ul className="plain-list stack">
          {requests.data.map((r) => (
            <li key={r.id} className="card-panel">
              <h2 className="h3">Rate {r.subject}</h2>
              {open === r.id ? (
                <>
                  <WhoSees r={r} />
                  <TraitRatingForm
                    about={r.subject}
                    submitLabel="Send my answer"
                    busy={answer.isPending}
                    error={answer.error}
                    extra={r.asksConsent ? <Consent value={consent} onChange={setConsent} /> : null}
                    onSubmit={(ratings) => answer.mutate({ id: r.id, ratings })}
                  />
                </>
              ) : (
                <button type="button" className="button button-primary" onClick={() => setOpen(r.id)}>
                  Rate {r.subject}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

/** /rate#<code>: a one-time link, for a rater without an account. The code stays in the fragment. */
export function RateLink() {
  const [code] = useState(() => decodeURIComponent(window.location.hash.replace(/^#/, '')).trim());
  const info = useQuery({
    queryKey: ['rate-link', code],
    queryFn: () => api.ratingLink(code),
    enabled: code.length >= 10,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [consent, setConsent] = useState(false);
  const send = useMutation({ mutationFn: (ratings: TraitRatingInput[]) => api.answerLink(code, ratings, consent) });
  if (code.length < 10)
    return (
      <Page title="Give feedback">
        <Empty title="This address has no code.">
          <p>Open the whole link you were given: it ends with # and a long code.</p>
        </Empty>
      </Page>
    );
  if (info.isPending) return <Loading what="the request" />;
  if (info.error)
    return (
      <Page title="Give feedback">
        {info.error instanceof ApiError && info.error.status === 404 ? (
          <div className="notice notice-error" role="alert">
            <p>{describeError(info.error)}</p>
          </div>
        ) : (
          <ErrorBox error={info.error} />
        )}
      </Page>
    );
  return (
    <Page title={`Rate ${info.data.subject}`} lead={`${info.data.workspace}: a 360 for ${info.data.subject}.`}>
      {send.isSuccess ? (
        <p className="notice" role="status">
          Thank you: your answer is in. This link no longer works.
        </p>
      ) : (
        <>
          <WhoSees r={info.data} />
          <TraitRatingForm
            about={info.data.subject}
            submitLabel="Send my answer"
            busy={send.isPending}
            error={send.error}
            extra={info.data.asksConsent ? <Consent value={consent} onChange={setConsent} /> : null}
            onSubmit={(ratings) => send.mutate(ratings)}
          />
        </>
      )}
    </Page>
  );
}
