import { DOCUMENT_TEMPLATES, type DocumentKind, type DocumentLayout, type StageId } from '../../methodology/index.ts';
import type { DocumentTemplateFile } from '../../schema/index.ts';
import { oneLine } from './text.ts';

export interface ResolvedSection {
  id: string;
  title: string;
  group?: { id: string; title: string };
  questions: readonly string[];
}

export interface ResolvedTemplate {
  kind: DocumentKind;
  name: string;
  layout: DocumentLayout;
  sections: ResolvedSection[];
}

/**
 * The method's template for a kind with the workspace's overrides applied. Sections named in `order` come
 * first in that order, the others follow in the default order; titles are replaced; optional sections with
 * `include: false` are left out. The file is assumed checked (checkDocumentTemplateFile); anything unknown
 * that slips through is ignored rather than invented. With a `stage`, the sections meant for other stages
 * are left out (a killed idea has no ask, and has its lessons); without one, only the stage-free sections.
 */
export function resolveTemplate(kind: DocumentKind, file?: DocumentTemplateFile, stage?: StageId): ResolvedTemplate {
  const t = DOCUMENT_TEMPLATES[kind];
  const o = file?.templates[kind];
  const order = (o?.order ?? []).filter((id, i, all) => all.indexOf(id) === i);
  const defaults = t.sections.map((s) => s.id);
  const ids = [...order.filter((id) => defaults.includes(id)), ...defaults.filter((id) => !order.includes(id))];
  const groupTitle = (id: string) => oneLine(o?.groups?.[id]?.title) || t.groups.find((g) => g.id === id)?.title || id;
  const sections: ResolvedSection[] = [];
  for (const id of ids) {
    const def = t.sections.find((s) => s.id === id)!;
    const ov = o?.sections?.[id];
    if (ov?.include === false && def.optional) continue;
    if (def.only && !(stage && def.only.includes(stage))) continue;
    if (def.not && stage && def.not.includes(stage)) continue;
    sections.push({
      id,
      title: oneLine(ov?.title) || def.title,
      ...(def.group ? { group: { id: def.group, title: groupTitle(def.group) } } : {}),
      questions: def.questions,
    });
  }
  return { kind, name: t.name, layout: t.layout, sections };
}
