import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { nextStage, outcomesFrom } from '../../../domain/stages.ts';
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
    },
  });
  const { register, handleSubmit, watch, setError, formState } = form;
  const outcome = watch('outcome');
  const errors = formState.errors;

  const decide = useMutation({
    mutationFn: (body: DecisionCreate) => api.decide(ws, current.number, body),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: [ws] });
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
        ? { criteria: exitCriteria.map((criterion, i) => ({ criterion, met: !!v.criteria[i] })) }
        : {}),
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
      {choices.length === 0 ? (
        <p>
          {current.stage === 'launched'
            ? 'A launched idea has no further stage.'
            : 'A killed idea stays killed; its reasons are kept on its page.'}
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
                <option value="">The stage it was parked from</option>
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
                <label key={c} className="choice">
                  <input type="checkbox" {...register(`criteria.${i}` as const)} /> {c}
                </label>
              ))}
            </fieldset>
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
