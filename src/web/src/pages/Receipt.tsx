import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'wouter';
import { ApiError, api, describeError } from '../api.ts';
import { DecisionList } from '../components/Decisions.tsx';
import { recallReceipt } from '../memory.ts';
import { useSession } from '../session.tsx';
import { describedBy, FieldError, fmtDate, Page, StageBadge } from '../ui.tsx';

/** An anonymous submitter follows their idea with the receipt code: where it stands and why. */
export default function Receipt() {
  const { stageName } = useSession();
  const [code, setCode] = useState(() => recallReceipt() ?? '');
  const [formError, setFormError] = useState<string>();
  const id = useId();
  const lookup = useMutation({ mutationFn: (c: string) => api.receipt(c) });
  const data = lookup.data;

  return (
    <Page
      title="Follow an idea with its receipt code"
      lead="The code you got when you submitted anonymously shows where the idea stands and the reasons for every decision. Nobody can see who you are."
    >
      <form
        className="inline-form card-panel"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const c = code.trim();
          if (c.length < 8) {
            setFormError('Enter the whole receipt code (at least 8 characters).');
            return;
          }
          setFormError(undefined);
          lookup.mutate(c);
        }}
      >
        <div className="field">
          <label htmlFor={id}>Receipt code</label>
          <input
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            {...describedBy(id, false, formError)}
          />
          <FieldError id={`${id}-error`} message={formError} />
        </div>
        <button type="submit" className="button button-primary" disabled={lookup.isPending}>
          {lookup.isPending ? 'Looking…' : 'Show my idea'}
        </button>
      </form>

      {lookup.error ? (
        <div className="notice notice-error" role="alert">
          {lookup.error instanceof ApiError && lookup.error.status === 404
            ? 'No idea has this receipt code. Check it for typos (case, spaces and dashes do not matter; O and 0, I and 1 are read alike).'
            : describeError(lookup.error)}
        </div>
      ) : null}

      {data ? (
        <section className="card-panel" aria-labelledby="receipt-idea">
          <h2 id="receipt-idea">
            #{data.idea.number} {data.idea.title}
          </h2>
          <p>
            Stage: <StageBadge stage={data.idea.stage} name={stageName(data.idea.stage)} />{' '}
            <span className="muted">· submitted {fmtDate(data.idea.createdAt)}</span>
          </p>
          {data.mergedInto ? (
            <div className="notice">
              It was merged into{' '}
              <Link href={`/ideas/${data.mergedInto.number}`}>
                #{data.mergedInto.number} {data.mergedInto.title}
              </Link>
              , now in {stageName(data.mergedInto.stage)}: the work goes on there.
            </div>
          ) : null}
          <h3>Decisions and their reasons</h3>
          <DecisionList
            decisions={data.decisions}
            emptyText="No decision yet: the idea is waiting to be looked at. Decisions and their reasons will appear here."
          />
        </section>
      ) : null}
    </Page>
  );
}
