import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError, api, describeError } from '../api.ts';
import { NotAllowed, useSession } from '../session.tsx';
import type { Idea } from '../types.ts';
import { Dialog, describedBy, Empty, ErrorBox, FieldError, fmtPct, Loading, StageBadge } from '../ui.tsx';

/** Ideas that look like this one, and merging a duplicate into the idea that carries on. */
export function SimilarSection({ idea }: { idea: Idea }) {
  const { ws, stageName } = useSession();
  const text = `${idea.title} ${idea.description.slice(0, 200)}`.trim();
  const similar = useQuery({
    queryKey: [ws, 'similar-to', idea.number, text],
    queryFn: async () => (await api.similar(ws, text, 8)).filter((s) => s.id !== idea.id),
  });
  const [target, setTarget] = useState<{ number: number; title: string } | null>(null);
  const [other, setOther] = useState('');
  const [otherError, setOtherError] = useState<string>();
  const otherId = useId();
  const merged = !!idea.mergedIntoId;

  return (
    <>
      {similar.isPending ? (
        <Loading what="similar ideas" />
      ) : similar.error ? (
        <ErrorBox error={similar.error} retry={() => similar.refetch()} />
      ) : similar.data.length === 0 ? (
        <Empty title="No similar ideas found." />
      ) : (
        <ul className="plain-list similar-list">
          {similar.data.map((s) => (
            <li key={s.id}>
              <Link href={`/ideas/${s.number}`}>
                #{s.number} {s.title}
              </Link>{' '}
              <StageBadge stage={s.stage} name={stageName(s.stage)} />{' '}
              <span className="muted small">{fmtPct(s.similarity)} similar</span>{' '}
              {!merged && s.stage !== 'killed' ? (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setTarget({ number: s.number, title: s.title })}
                >
                  Merge #{idea.number} into #{s.number}…
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {!merged ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            const n = Number(other.replace('#', '').trim());
            if (!Number.isInteger(n) || n < 1) return setOtherError('Give the number of the idea to merge into.');
            if (n === idea.number) return setOtherError('An idea cannot be merged into itself.');
            try {
              const t = await api.idea(ws, n);
              setOtherError(undefined);
              setTarget({ number: t.number, title: t.title });
            } catch (err) {
              setOtherError(
                err instanceof ApiError && err.status === 404 ? `There is no idea #${n}.` : describeError(err),
              );
            }
          }}
        >
          <div className="field">
            <label htmlFor={otherId}>Or merge into idea number</label>
            <input
              type="text"
              inputMode="numeric"
              value={other}
              onChange={(e) => setOther(e.target.value)}
              {...describedBy(otherId, false, otherError)}
            />
            <FieldError id={`${otherId}-error`} message={otherError} />
          </div>
          <button type="submit" className="button">
            Merge…
          </button>
        </form>
      ) : null}
      {target ? <MergeDialog idea={idea} target={target} onClose={() => setTarget(null)} /> : null}
    </>
  );
}

function MergeDialog({
  idea,
  target,
  onClose,
}: {
  idea: Idea;
  target: { number: number; title: string };
  onClose: () => void;
}) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const [rationale, setRationale] = useState('');
  const [error, setError] = useState<string>();
  const id = useId();
  const merge = useMutation({
    mutationFn: async () => {
      const into = await api.idea(ws, target.number);
      return api.merge(ws, idea.number, { intoId: into.id, rationale: rationale.trim(), version: idea.version });
    },
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: [ws] });
      onClose();
      navigate(`/ideas/${r.into.number}`);
    },
    onError: (e) => {
      if (e instanceof ApiError) setError(e.fieldErrors().rationale);
    },
  });
  return (
    <Dialog title={`Merge #${idea.number} into #${target.number}`} onClose={onClose}>
      <p>
        <strong>
          #{idea.number} {idea.title}
        </strong>{' '}
        will be closed as a duplicate of{' '}
        <strong>
          #{target.number} {target.title}
        </strong>
        . Its evidence, assessments and followers move over, and the merge is recorded as a decision with your reasons,
        which the submitter can read. This cannot be undone.
      </p>
      <NotAllowed permission="decide" to="merge ideas" />
      <form
        noValidate
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (!rationale.trim()) return setError('Say why these are the same idea.');
          setError(undefined);
          merge.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={id}>Why they are the same idea</label>
          <textarea
            rows={3}
            value={rationale}
            onChange={(e) => setRationale(e.target.value)}
            {...describedBy(id, false, error)}
          />
          <FieldError id={`${id}-error`} message={error} />
        </div>
        {merge.error && !(merge.error instanceof ApiError && merge.error.problem.errors?.length) ? (
          <div className="notice notice-error" role="alert">
            {describeError(merge.error)}
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="button button-danger" disabled={merge.isPending || !can('decide')}>
            {merge.isPending ? 'Merging…' : 'Merge'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
