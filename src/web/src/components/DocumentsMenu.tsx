import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import type { DocumentFormat, DocumentKind, Idea } from '../types.ts';
import { ErrorBox, Loading } from '../ui.tsx';

export const KIND_NAME: Record<DocumentKind, string> = {
  prd: 'PRD',
  'one-pager': 'One-pager',
  'pitch-deck': 'Pitch deck',
  'competitive-analysis': 'Competitive analysis',
  'decision-brief': 'Decision brief',
  'pr-faq': 'PR/FAQ',
};
export const FORMAT_NAME: Record<DocumentFormat, string> = {
  markdown: 'Markdown',
  html: 'HTML',
  pdf: 'PDF',
  docx: 'Word',
  pptx: 'PowerPoint',
};

/**
 * The stakeholder documents this idea can become, as a disclosure: a button that opens a panel of download
 * links, one group per kind. Escape closes it and gives focus back to the button.
 */
export function DocumentsMenu({ idea }: { idea: Idea }) {
  const { ws } = useSession();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const docs = useQuery({
    queryKey: [ws, 'documents', idea.number],
    queryFn: () => api.documents(ws, idea.number),
    enabled: open,
    staleTime: Number.POSITIVE_INFINITY,
  });

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere inside the menu closes it
    <div
      className="docs-menu"
      ref={wrap}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        Documents <span aria-hidden="true">▾</span>
      </button>
      <div id={panelId} className="docs-panel card-panel" hidden={!open}>
        {open ? (
          docs.isPending ? (
            <Loading what="documents" />
          ) : docs.error ? (
            <ErrorBox error={docs.error} retry={() => docs.refetch()} />
          ) : (
            <nav aria-label="Download documents">
              <p className="muted small">Generated from this idea's data as it is now.</p>
              <ul className="plain-list docs-kinds">
                {docs.data.map((d) => {
                  const headId = `${panelId}-${d.kind}`;
                  return (
                    <li key={d.kind} className="docs-kind-item">
                      <p className="docs-kind" id={headId}>
                        {KIND_NAME[d.kind] ?? d.kind}
                      </p>
                      <ul className="docs-formats" aria-labelledby={headId}>
                        {d.formats.map((f) => (
                          <li key={f}>
                            <a
                              href={`${d.url}?format=${encodeURIComponent(f)}`}
                              download
                              aria-label={`${KIND_NAME[d.kind] ?? d.kind} as ${FORMAT_NAME[f] ?? f}`}
                              onClick={() => setOpen(false)}
                            >
                              {FORMAT_NAME[f] ?? f}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </li>
                  );
                })}
              </ul>
            </nav>
          )
        ) : null}
      </div>
    </div>
  );
}
