import { type ReactNode, useEffect, useId, useRef } from 'react';
import { describeError } from './api.ts';
import type { StageId } from './types.ts';

let firstPage = true;

/** A page: its title in the tab and as the one h1, which takes focus after navigation (not on first load). */
export function Page({
  title,
  lead,
  actions,
  children,
  wide,
}: {
  title: ReactNode;
  lead?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  const h1 = useRef<HTMLHeadingElement>(null);
  const text = typeof title === 'string' ? title : null;
  useEffect(() => {
    if (text) document.title = `${text} · Vetted`;
  }, [text]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else h1.current?.focus();
  }, []);
  return (
    <div className={wide ? 'page page-wide' : 'page'}>
      <div className="page-head">
        <div>
          <h1 ref={h1} tabIndex={-1}>
            {title}
          </h1>
          {lead ? <p className="lead">{lead}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{describeError(error)}</p>
      {retry ? (
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  );
}

export function StageBadge({ stage, name }: { stage: StageId; name: string }) {
  return <span className={`badge stage-${stage}`}>{name}</span>;
}

export const fmtScore = (n: number | null | undefined) => (n === null || n === undefined ? '–' : n.toFixed(2));
export const fmtPct = (n: number) => `${Math.round(n * 100)} %`;
export const fmtDate = (iso: string | null | undefined) =>
  iso
    ? new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso).toLocaleDateString('en-GB', {
        dateStyle: 'medium',
        timeZone: 'UTC',
      })
    : '';

/** The two scores side by side: what assessors believe, and what the evidence lets us keep of it. */
export function ScorePair({ composite, adjusted }: { composite: number | null; adjusted: number | null }) {
  if (composite === null) return <span className="muted">Not scored yet</span>;
  return (
    <span className="score-pair">
      <span title="Composite: the weighted mean of the scored dimensions, 1 to 5">
        <span className="visually-hidden">Composite score </span>
        <strong>{fmtScore(composite)}</strong>
      </span>
      <span className="muted" title="Confidence-adjusted: discounted for missing evidence and low confidence">
        {' '}
        <span aria-hidden="true">→ </span>
        <span className="visually-hidden">confidence-adjusted </span>
        {fmtScore(adjusted)}
      </span>
    </span>
  );
}

/** A field's message from the server (or the form), tied to its input by aria-describedby. */
export function FieldError({ id, message }: { id: string; message?: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id}>
      {message.charAt(0).toUpperCase() + message.slice(1)}
    </p>
  );
}

/** Accessibility attributes for an input with an optional hint and error. */
export const describedBy = (id: string, hint: boolean, error: string | undefined) => {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, 'aria-describedby': ids || undefined, 'aria-invalid': error ? true : undefined };
};

/** A modal dialog on the native <dialog> element: focus stays inside, Escape closes it. */
export function Dialog({
  title,
  onClose,
  children,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    // Focus goes back where it came from (the button that opened the dialog) when the dialog closes.
    const opener = d?.ownerDocument.activeElement as HTMLElement | null;
    if (d && !d.open) d.showModal();
    return () => {
      d?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button-quiet" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      {children}
    </dialog>
  );
}

/** A horizontally scrollable region (wide tables at phone width), reachable and scrollable by keyboard. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
