import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type RefObject,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { ApiError, describeError } from '../api.ts';
import { Dialog, describedBy, FieldError } from '../ui.tsx';

/** A labelled input with an optional hint and error (tied to it for screen readers), in the app's form style. */
export function InputField({
  label,
  hint,
  error,
  ref,
  ...input
}: {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
} & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input ref={ref} type="text" {...input} {...describedBy(id, !!hint, error)} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export type Errors = Record<string, string | undefined>;

/** The API's field messages, plus what the form found itself (which wins: it is about what is typed now). */
export const fieldErrors = (error: unknown, own: Errors = {}): Errors => ({
  ...(error instanceof ApiError ? error.fieldErrors() : {}),
  ...Object.fromEntries(Object.entries(own).filter(([, v]) => v)),
});

/** An error that is not about one field (or about a field the form does not show), as an alert. */
export function FormError({ error, shown = [] }: { error: unknown; shown?: string[] }) {
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const keys = Object.keys(fields);
  if (keys.length && keys.every((k) => shown.includes(k))) return null;
  return (
    <div className="notice notice-error" role="alert">
      <p>{describeError(error)}</p>
    </div>
  );
}

/** After a submit that found errors, focus goes to the first field marked invalid. */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, attempt: number) {
  useEffect(() => {
    if (attempt === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt, form]);
}

/** Passwords: the API's floor (10 characters), and the repeat must match. */
export function passwordErrors(password: string, repeat: string, field = 'password'): Errors {
  return {
    [field]: password.length < 10 ? 'must be at least 10 characters long' : undefined,
    repeat: repeat !== password ? 'does not match the password above' : undefined,
  };
}

/** A workspace's address from its name: lower case, digits and dashes. */
export const slugify = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');

/**
 * A secret or link shown once: read-only in a field (selected on focus) with a Copy button. Where the
 * clipboard is not available (a page not served over https), the text is selected for the person to copy.
 */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: ReactNode }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('Copied to the clipboard.');
    } catch {
      input.current?.select();
      setStatus('Selected: press Ctrl+C (⌘C on a Mac) to copy it.');
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="copy-row">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={value}
          className="mono"
          spellCheck={false}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button" onClick={copy}>
          Copy
        </button>
      </div>
      <p role="status" className="status-line small">
        {status}
      </p>
    </div>
  );
}

/** "Are you sure?" as a modal dialog: what will happen, the action (named) and Cancel; errors stay in it. */
export function Confirm({
  title,
  children,
  action,
  danger,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  action: string;
  danger?: boolean;
  pending?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      {children}
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>{describeError(error)}</p>
        </div>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className={danger ? 'button button-danger' : 'button button-primary'}
          disabled={pending}
          onClick={onConfirm}
        >
          {action}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

/** A date and time, compact, in the reader's time zone, with the exact instant for machines. */
export function When({ iso }: { iso: string | null }) {
  if (!iso) return <span className="muted">never</span>;
  const d = new Date(iso);
  return (
    <time dateTime={iso} title={d.toISOString()}>
      {d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}
    </time>
  );
}
