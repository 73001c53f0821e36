import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { followsRecommendation } from '../../../domain/recommendation.ts';
import { nextStage, outcomesFrom } from '../../../domain/stages.ts';
import { VERDICTS } from '../../../methodology/index.ts';
import { ACTIVE_STAGES } from '../../../methodology/stages.ts';
import { ApiError, api, describeError } from '../api.ts';
import { NotAllowed, useSession } from '../session.tsx';
import type { Decision, DecisionCreate, Idea, StageId } from '../types.ts';
import { Dialog, describedBy, FieldError } from '../ui.tsx';

type Choice = DecisionCreate['outcome'];

interface Values {
  outcome: Choice | '';
  toStage: StageId | '';
  rationale: string;
  reversible: 'yes' | 'no' | '';
  reviewOn: string;
  criteria: boolean[];
  /** Why a criterion is passed unmet, by its position. */
  notes: string[];
  overrideReason: string;
}

export function DecisionDialog({
  idea,
  preset,
  onClose,
  onDone,
}: {
  idea: Idea;
  preset?: { outcome: Choice; toStage?: StageId | undefined } | undefined;
  onClose: () => void;
  onDone?: (result: { idea: Idea; decision: Decision }) => void;
}) {
  const { ws, can, methodology, stageName } = useSession();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState(idea);
  const [notice, setNotice] = useState<string | null>(null);
  const stage = methodology.stages.find((s) => s.id === current.stage);
  const choices = outcomesFrom(current.stage);
  const exitCriteria = stage?.exitCriteria ?? [];

  const form = useForm<Values>({
    defaultValues: {
      outcome: preset?.outcome ?? (choices.length === 1 ? choices[0] : ''),
      toStage: preset?.toStage ?? '',
      rationale: '',
      reversible: '',
      reviewOn: '',
      criteria: exitCriteria.map(() => false),
      notes: exitCriteria.map(() => ''),
      overrideReason: '',
    },
  });
  // The facts the decision is taken on, in view before it is confirmed.
  const advice = useQuery({
    queryKey: [ws, 'recommendation', current.number],
    queryFn: () => api.recommendation(ws, current.number),
  });
  const challenge = useQuery({
    queryKey: [ws, 'challenge', current.number],
    queryFn: () => api.challenge(ws, current.number),
  });
  const serious = (challenge.data?.report.findings ?? []).filter(
    (f) => f.severity === 'critical' || f.severity === 'high',
  );
  const { register, handleSubmit, watch, setError, formState } = form;
  const outcome = watch('outcome');
  const ticked = watch('criteria');
  const errors = formState.errors;
  const overrides = !!advice.data && !!outcome && !followsRecommendation(advice.data.verdict, outcome);
  const verdictName = VERDICTS.find((v) => v.id === advice.data?.verdict)?.name;

  const decide = useMutation({
    mutationFn: (body: DecisionCreate) => api.decide(ws, current.number, body),
    onSuccess: (result) => {
      // The answer is the idea as it now stands: show it at once; lists and the rest reload behind.
      queryClient.setQueryData([ws, 'idea', String(result.idea.number)], result.idea);
      void queryClient.invalidateQueries({
        queryKey: [ws],
        predicate: (q) => !(q.queryKey[1] === 'idea' && q.queryKey[2] === String(result.idea.number)),
      });
      onDone?.(result);
      onClose();
    },
    onError: async (error) => {
      if (error instanceof ApiError) {
        if (error.isConflict) {
          // Someone moved or edited the idea meanwhile: load it again, keep everything typed here.
          const fresh = await api.idea(ws, current.number).catch(() => null);
          if (fresh) setCurrent(fresh);
          setNotice(
            `This idea changed while the dialog was open${fresh ? ` (it is now in ${stageName(fresh.stage)})` : ''}. Nothing was recorded. Your rationale is still here: check the stage, then record the decision again.`,
          );
          return;
        }
        const fields = error.fieldErrors();
        for (const key of ['rationale', 'reviewOn', 'toStage', 'reversible', 'outcome'] as const) {
          if (fields[key]) setError(key, { type: 'server', message: fields[key] });
        }
      }
      setNotice(describeError(error));
    },
  });

  const onSubmit = handleSubmit((v) => {
    setNotice(null);
    if (!v.outcome) return;
    const body: DecisionCreate = {
      outcome: v.outcome,
      rationale: v.rationale.trim(),
      reversible: v.reversible === 'yes',
      version: current.version,
      ...(v.outcome === 'reopen' && v.toStage ? { toStage: v.toStage } : {}),
      ...(v.reviewOn ? { reviewOn: v.reviewOn } : {}),
      ...(v.outcome === 'advance' && exitCriteria.length
        ? {
            criteria: exitCriteria.map((criterion, i) => ({
              criterion,
              met: !!v.criteria[i],
              ...(!v.criteria[i] && v.notes[i]?.trim() ? { note: v.notes[i]!.trim() } : {}),
            })),
          }
        : {}),
      ...(overrides && v.overrideReason.trim() ? { overrideReason: v.overrideReason.trim() } : {}),
    };
    decide.mutate(body);
  });

  const label = (c: Choice) => {
    switch (c) {
      case 'advance':
        return `Advance to ${stageName(nextStage(current.stage) ?? current.stage)}`;
      case 'park':
        return 'Park: sound, but not now';
      case 'kill':
        return 'Kill: stop for good';
      case 'reopen':
        return 'Reopen';
    }
  };

  return (
    <Dialog title={`Decide on #${current.number}: ${current.title}`} onClose={onClose} wide>
      <p className="muted">
        Now in <strong>{stageName(current.stage)}</strong>. Every decision is recorded with its reasons, and the
        submitter can read them.
      </p>
      <NotAllowed permission="decide" to="record a decision" />
      <section className="gate-facts" aria-labelledby="gate-facts-h">
        <h3 id="gate-facts-h">The facts</h3>
        {advice.isPending ? (
          <p className="muted">Loading the recommendation…</p>
        ) : advice.error ? (
          <p className="notice notice-error">The recommendation could not be loaded: {describeError(advice.error)}</p>
        ) : (
          <div data-testid="gate-recommendation">
            <p>
              Vetted recommends <strong>{verdictName}</strong>:{' '}
              {verdictName && advice.data.summary.startsWith(`${verdictName}: `)
                ? advice.data.summary.slice(verdictName.length + 2)
                : advice.data.summary}
            </p>
            <ul className="small">
              {advice.data.reasons.map((r) => (
                <li key={r.code + r.text}>{r.text}</li>
              ))}
            </ul>
          </div>
        )}
        {challenge.isPending ? (
          <p className="muted">Loading the challenger's findings…</p>
        ) : challenge.error ? (
          <p className="notice notice-error">The findings could not be loaded: {describeError(challenge.error)}</p>
        ) : serious.length === 0 ? (
          <p className="muted">No open critical or high finding.</p>
        ) : (
          <div data-testid="gate-findings">
            <p>
              {serious.length} open critical or high finding{serious.length === 1 ? '' : 's'}:
            </p>
            <ul className="small">
              {serious.map((f) => (
                <li key={f.id}>
                  <span className={`badge severity-${f.severity}`}>{f.severity}</span> {f.title}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      {choices.length === 0 ? (
        <p>
          {current.stage === 'launched' ? 'A launched idea has no further stage.' : 'This idea cannot move from here.'}
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate className="stack">
          <fieldset aria-describedby={errors.outcome ? 'd-outcome-error' : undefined}>
            <legend>Decision</legend>
            {choices.map((c) => (
              <label key={c} className="choice">
                <input type="radio" value={c} {...register('outcome', { required: 'Choose a decision.' })} /> {label(c)}
              </label>
            ))}
            <FieldError id="d-outcome-error" message={errors.outcome?.message} />
          </fieldset>

          {outcome === 'reopen' ? (
            <div className="field">
              <label htmlFor="d-toStage">Reopen into</label>
              <select {...register('toStage')} {...describedBy('d-toStage', false, errors.toStage?.message)}>
                <option value="">{current.stage === 'killed' ? 'Discovery' : 'The stage it was parked from'}</option>
                {ACTIVE_STAGES.map((s) => (
                  <option key={s} value={s}>
                    {stageName(s)}
                  </option>
                ))}
              </select>
              <FieldError id="d-toStage-error" message={errors.toStage?.message} />
            </div>
          ) : null}

          {outcome === 'advance' && exitCriteria.length ? (
            <fieldset>
              <legend>Exit criteria of {stage?.name}: tick those that are met</legend>
              {exitCriteria.map((c, i) => (
                <div key={c} className="criterion">
                  <label className="choice">
                    <input type="checkbox" {...register(`criteria.${i}` as const)} /> {c}{' '}
                    <span className={ticked[i] ? 'met' : 'unmet'}>{ticked[i] ? '(met)' : '(not met)'}</span>
                  </label>
                  {ticked[i] ? null : (
                    <div className="field">
                      <label htmlFor={`d-note-${i}`}>Why pass it unmet?</label>
                      <input
                        type="text"
                        {...register(`notes.${i}` as const, {
                          validate: (v, all) =>
                            all.outcome !== 'advance' ||
                            !!all.criteria[i] ||
                            v.trim().length > 0 ||
                            'Say why this criterion may be passed unmet.',
                        })}
                        {...describedBy(`d-note-${i}`, false, errors.notes?.[i]?.message)}
                      />
                      <FieldError id={`d-note-${i}-error`} message={errors.notes?.[i]?.message} />
                    </div>
                  )}
                </div>
              ))}
            </fieldset>
          ) : null}

          {overrides ? (
            <div className="field">
              <label htmlFor="d-overrideReason">Why decide against the recommendation ({verdictName})?</label>
              <p className="hint" id="d-overrideReason-hint">
                Recorded with the decision, beside the recommendation it overrides.
              </p>
              <textarea
                rows={2}
                {...register('overrideReason', {
                  validate: (v) => !overrides || v.trim().length > 0 || 'Give the reason for overriding it.',
                })}
                {...describedBy('d-overrideReason', true, errors.overrideReason?.message)}
              />
              <FieldError id="d-overrideReason-error" message={errors.overrideReason?.message} />
            </div>
          ) : null}

          <div className="field">
            <label htmlFor="d-rationale">Rationale</label>
            <p className="hint" id="d-rationale-hint">
              Why this decision, in words the submitter will understand. It is shown to them.
            </p>
            <textarea
              rows={4}
              {...register('rationale', {
                validate: (v) => v.trim().length > 0 || 'Give the reasons for the decision.',
              })}
              {...describedBy('d-rationale', true, errors.rationale?.message)}
            />
            <FieldError id="d-rationale-error" message={errors.rationale?.message} />
          </div>

          <fieldset aria-describedby={errors.reversible ? 'd-reversible-error' : undefined}>
            <legend>Can it be undone cheaply?</legend>
            <label className="choice">
              <input
                type="radio"
                value="yes"
                {...register('reversible', { required: 'Say whether it can be undone.' })}
              />{' '}
              Yes, reversible (a two-way door)
            </label>
            <label className="choice">
              <input
                type="radio"
                value="no"
                {...register('reversible', { required: 'Say whether it can be undone.' })}
              />{' '}
              No, hard to reverse (a one-way door)
            </label>
            <FieldError id="d-reversible-error" message={errors.reversible?.message} />
          </fieldset>

          <div className="field">
            <label htmlFor="d-reviewOn">Review on (optional)</label>
            <p className="hint" id="d-reviewOn-hint">
              When to look at this decision again.
            </p>
            <input
              type="date"
              {...register('reviewOn')}
              {...describedBy('d-reviewOn', true, errors.reviewOn?.message)}
            />
            <FieldError id="d-reviewOn-error" message={errors.reviewOn?.message} />
          </div>

          {notice ? (
            <div className="notice notice-error" role="alert">
              {notice}
            </div>
          ) : null}
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={decide.isPending || !can('decide')}>
              {decide.isPending ? 'Recording…' : 'Record decision'}
            </button>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
