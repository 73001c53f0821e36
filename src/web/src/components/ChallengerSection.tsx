import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ApiError, api, describeError } from '../api.ts';
import { NotAllowed, useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { DismissedFinding, Enrichment, Finding, Idea, Severity } from '../types.ts';
import { describedBy, ErrorBox, FieldError, fmtDate, Loading } from '../ui.tsx';

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/** "unsupported-score" → "Unsupported score". */
export const humanize = (id: string) => {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge severity severity-${severity}`}>{SEVERITY_LABEL[severity]}</span>;
}

/** The challenger: rule findings that say "prove it", next question first; dismissals need a reason. */
export function ChallengerSection({ idea }: { idea: Idea }) {
  const { ws, methodology } = useSession();
  const [askAi, setAskAi] = useState(false);
  const [message, setMessage] = useState('');
  const challenge = useQuery({
    queryKey: [ws, 'challenge', idea.number],
    queryFn: () => api.challenge(ws, idea.number),
  });
  const ai = useQuery({
    queryKey: [ws, 'challenge-ai', idea.number],
    queryFn: () => api.challenge(ws, idea.number, true),
    enabled: askAi,
    staleTime: Number.POSITIVE_INFINITY,
  });

  if (challenge.isPending) return <Loading what="the challenger's findings" />;
  if (challenge.error) return <ErrorBox error={challenge.error} retry={() => challenge.refetch()} />;
  const { report } = challenge.data;
  const total = report.findings.length;

  return (
    <>
      <p className="muted small">
        Rules that look for weak spots in the data and say "prove it". Each finding ends in a next question or test;
        dismiss one only with a reason, which is recorded.
      </p>
      <p className="challenge-counts" data-testid="challenge-counts">
        <strong>
          {total} {total === 1 ? 'finding' : 'findings'}
        </strong>{' '}
        from {report.rulesRun} rules:{' '}
        {SEVERITIES.map((s, i) => (
          <span key={s}>
            {i > 0 ? ', ' : ''}
            {report.counts[s]} {s}
          </span>
        ))}
        .
      </p>
      <p role="status" className="status-line">
        {message}
      </p>
      {total === 0 ? (
        <div className="notice">
          <p>The challenger found nothing to question right now.</p>
        </div>
      ) : (
        SEVERITIES.filter((s) => report.findings.some((f) => f.severity === s)).map((s, i) => {
          const group = report.findings.filter((f) => f.severity === s);
          // The most severe group is open; the others are one click (or Enter) away.
          return (
            <details key={s} className="severity-group" open={i === 0}>
              <summary>
                <h3 className="severity-heading">
                  {SEVERITY_LABEL[s]} severity <span className="count">({group.length})</span>
                </h3>
              </summary>
              <ol className="findings">
                {group.map((f) => (
                  <FindingItem key={f.id} idea={idea} finding={f} onDismissed={setMessage} />
                ))}
              </ol>
            </details>
          );
        })
      )}

      <details className="dismissed" data-testid="dismissed">
        <summary>Dismissed findings ({report.dismissed.length})</summary>
        {report.dismissed.length === 0 ? (
          <p className="muted">Nothing dismissed.</p>
        ) : (
          <ul className="plain-list dismissed-list">
            {report.dismissed.map((d) => (
              <DismissedItem key={`${d.finding.id}`} idea={idea} item={d} />
            ))}
          </ul>
        )}
      </details>

      <section className="ai-block" aria-labelledby="ai-h">
        <h3 id="ai-h">AI suggestions</h3>
        <p className="muted small">
          Optional, from a language model if one is configured. Shown apart: they are not rule findings and count for
          nothing above.
        </p>
        {!methodology.aiSuggestions ? (
          <p className="muted small">No language model is configured on this server.</p>
        ) : !askAi ? (
          <button type="button" className="button" onClick={() => setAskAi(true)}>
            Ask for AI suggestions
          </button>
        ) : ai.isPending ? (
          <Loading what="AI suggestions" />
        ) : ai.error ? (
          <ErrorBox error={ai.error} retry={() => ai.refetch()} />
        ) : (
          <AiSuggestions enrichment={ai.data.ai} />
        )}
      </section>
    </>
  );
}

function FindingItem({
  idea,
  finding: f,
  onDismissed,
}: {
  idea: Idea;
  finding: Finding;
  onDismissed: (message: string) => void;
}) {
  const [dismissing, setDismissing] = useState(false);
  return (
    <li className={`finding finding-${f.severity}`}>
      <p className="finding-next">
        <span className={`next-type next-${f.nextType}`}>{f.nextType === 'test' ? 'Next test' : 'Next question'}</span>{' '}
        <strong>{f.next}</strong>
      </p>
      <p className="finding-title">
        {f.title}
        <span className="muted"> · {f.subject}</span>
      </p>
      <p className="explanation">{f.explanation}</p>
      {f.items ? (
        <p className="muted small finding-subjects">
          One finding for {f.items.length} subjects: {f.items.map((i) => i.subject).join(', ')}.
        </p>
      ) : null}
      <p className="muted small finding-meta">
        <SeverityBadge severity={f.severity} /> {humanize(f.kind)} · rule <code>{f.ruleId}</code>
      </p>
      {dismissing ? (
        <DismissForm
          idea={idea}
          finding={f}
          onDone={(done) => {
            setDismissing(false);
            if (done) onDismissed(`Dismissed: ${f.title} (${f.subject}).`);
          }}
        />
      ) : (
        <button
          type="button"
          className="button button-small"
          onClick={() => setDismissing(true)}
          aria-label={`Dismiss “${f.title}” about ${f.subject}`}
        >
          Dismiss…
        </button>
      )}
    </li>
  );
}

function DismissForm({ idea, finding, onDone }: { idea: Idea; finding: Finding; onDone: (done: boolean) => void }) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const dismiss = useMutation({
    mutationFn: () =>
      // A grouped finding is dismissed as a whole: every subject the rule reports.
      api.dismiss(ws, idea.number, {
        ruleId: finding.ruleId,
        ...(finding.items ? {} : { subject: finding.subject }),
        reason: reason.trim(),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [ws, 'challenge', idea.number] });
      onDone(true);
    },
  });
  const fields = dismiss.error instanceof ApiError ? dismiss.error.fieldErrors() : {};
  const other = Object.entries(fields)
    .filter(([k]) => k !== 'reason')
    .map(([k, v]) => `${k}: ${v}`);
  const reasonId = `${id}-reason`;
  return (
    <form
      className="stack card-panel dismiss-form"
      aria-label={`Dismiss “${finding.title}”`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        dismiss.mutate();
      }}
    >
      <NotAllowed permission="decide" to="dismiss a finding" />
      <div className="field">
        <label htmlFor={reasonId}>Why dismiss it?</label>
        <textarea
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...describedBy(reasonId, true, fields.reason)}
        />
        <p className="hint" id={`${reasonId}-hint`}>
          The reason is recorded with your name; the finding moves to the dismissed list.
        </p>
        <FieldError id={`${reasonId}-error`} message={fields.reason} />
      </div>
      {dismiss.error && (other.length || !Object.keys(fields).length) ? (
        <div className="notice notice-error" role="alert">
          <p>{describeError(dismiss.error)}</p>
          {other.length ? <p>{other.join('; ')}</p> : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={dismiss.isPending || !can('decide')}>
          {dismiss.isPending ? 'Dismissing…' : 'Dismiss finding'}
        </button>
        <button type="button" className="button" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DismissedItem({ idea, item: { finding: f, dismissal: d } }: { idea: Idea; item: DismissedFinding }) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const restore = useMutation({
    mutationFn: () =>
      api.restoreFinding(ws, idea.number, { ruleId: d.ruleId, ...(d.subject ? { subject: d.subject } : {}) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [ws, 'challenge', idea.number] });
      showToast(`“${f.title}” counts again.`, {
        label: 'Undo',
        run: async () => {
          await api.dismiss(ws, idea.number, {
            ruleId: d.ruleId,
            ...(d.subject ? { subject: d.subject } : {}),
            reason: d.reason,
          });
          await queryClient.invalidateQueries({ queryKey: [ws, 'challenge', idea.number] });
        },
      });
    },
  });
  return (
    <li className="dismissed-item">
      <p>
        <SeverityBadge severity={f.severity} /> <strong>{f.title}</strong>
        <span className="muted"> · {f.subject}</span>
      </p>
      <p>
        <span className="muted">Reason:</span> {d.reason}
      </p>
      <p className="muted small">
        Dismissed{d.dismissedBy ? ` by ${d.dismissedBy}` : ''}
        {d.dismissedAt ? ` on ${fmtDate(d.dismissedAt)}` : ''} · rule <code>{d.ruleId}</code>
        {d.subject ? '' : ' (every finding of the rule)'}
      </p>
      {can('decide') ? (
        <button
          type="button"
          className="button button-small"
          disabled={restore.isPending}
          onClick={() => restore.mutate()}
        >
          Restore this finding
        </button>
      ) : null}
      {restore.error ? (
        <p className="notice notice-error" role="alert">
          {describeError(restore.error)}
        </p>
      ) : null}
    </li>
  );
}

function AiSuggestions({ enrichment }: { enrichment: Enrichment | undefined }) {
  if (!enrichment) {
    return (
      <div className="notice" role="status">
        <p>AI suggestions are unavailable: the server returned none.</p>
      </div>
    );
  }
  if (enrichment.status === 'unavailable') {
    return (
      <div className="notice" role="status">
        <p>
          <strong>AI suggestions are unavailable.</strong> {enrichment.detail}
        </p>
      </div>
    );
  }
  if (enrichment.suggestions.length === 0) {
    return (
      <p className="muted" role="status">
        The model ({enrichment.model}) had nothing to add.
      </p>
    );
  }
  return (
    <ul className="plain-list ai-list">
      {enrichment.suggestions.map((s) => (
        <li key={`${s.title}-${s.next}`} className="ai-suggestion">
          <p>
            <span className="badge ai-label">{s.label}</span> <span className="muted small">from {s.model}</span>
          </p>
          <p className="finding-next">
            <strong>{s.next}</strong>
          </p>
          <p className="finding-title">{s.title}</p>
          <p className="explanation">{s.explanation}</p>
          <p className="muted small">
            {s.kind === 'other' ? 'Other' : humanize(s.kind)}
            {s.references.length ? ` · refers to ${s.references.join(', ')}` : ''}
          </p>
        </li>
      ))}
    </ul>
  );
}
