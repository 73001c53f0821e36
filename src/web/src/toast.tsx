import { useSyncExternalStore } from 'react';
import { describeError } from './api.ts';

/** A short message after a change, with the one action that takes it back (undo), for a few seconds. */
export interface Toast {
  id: number;
  text: string;
  tone: 'done' | 'error';
  action?: { label: string; run: () => Promise<unknown> } | undefined;
}

let toasts: Toast[] = [];
let next = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** How long a toast stays: long enough to read it and reach its button, by mouse or keyboard. */
export const TOAST_MS = 12_000;

export function dismissToast(id: number) {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function showToast(text: string, action?: Toast['action'], tone: Toast['tone'] = 'done') {
  const id = next++;
  // One at a time: a new change makes the previous undo moot, and a pile of toasts hides the page.
  toasts = [{ id, text, tone, action }];
  emit();
  setTimeout(() => dismissToast(id), TOAST_MS);
  return id;
}

/** The toasts, in a polite live region at the bottom of every workspace page. */
export function Toasts() {
  const list = useSyncExternalStore(subscribe, () => toasts);
  return (
    <section className="toasts" aria-label="Notifications" aria-live="polite">
      {list.map((t) => (
        <div key={t.id} className={`toast toast-${t.tone}`} role="status">
          <span className="toast-text">{t.text}</span>
          {t.action ? (
            <button
              type="button"
              className="button button-small"
              onClick={async () => {
                const action = t.action!;
                dismissToast(t.id);
                try {
                  await action.run();
                } catch (e) {
                  showToast(describeError(e), undefined, 'error');
                }
              }}
            >
              {t.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="button button-quiet button-small"
            aria-label="Dismiss"
            onClick={() => dismissToast(t.id)}
          >
            ✕
          </button>
        </div>
      ))}
    </section>
  );
}
