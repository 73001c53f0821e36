import { useEffect, useState } from 'react';
import { Dialog } from './ui.tsx';

/**
 * Keyboard shortcuts on every workspace page. Pages mark what they apply to instead of registering handlers:
 * `data-shortcut="search"` on the search box, `data-shortcut="item"` on each listed idea's link, in order.
 * Keys typed into a field, or with a modifier, are the field's and the browser's own.
 */
const SHORTCUTS: [string, string][] = [
  ['/', 'Search or filter this page'],
  ['j', 'Next idea in the list or board'],
  ['k', 'Previous idea'],
  ['Enter', 'Open the idea in focus'],
  ['?', 'Show these shortcuts'],
  ['Esc', 'Close a dialog'],
];

const typing = (t: EventTarget | null) =>
  t instanceof HTMLElement &&
  (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) || !!t.closest('dialog'));

export function Shortcuts() {
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelp(true);
      } else if (e.key === '/') {
        const box = document.querySelector<HTMLElement>('[data-shortcut="search"]');
        if (!box) return;
        e.preventDefault();
        box.focus();
      } else if (e.key === 'j' || e.key === 'k') {
        const items = [...document.querySelectorAll<HTMLElement>('[data-shortcut="item"]')];
        if (items.length === 0) return;
        e.preventDefault();
        const at = items.indexOf(document.activeElement as HTMLElement);
        const next = at < 0 ? 0 : Math.min(items.length - 1, Math.max(0, at + (e.key === 'j' ? 1 : -1)));
        items[next]!.focus();
        items[next]!.scrollIntoView({ block: 'nearest' });
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  if (!help) return null;
  return (
    <Dialog title="Keyboard shortcuts" onClose={() => setHelp(false)}>
      <dl className="shortcuts">
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">Shortcuts wait while you type in a field.</p>
    </Dialog>
  );
}
