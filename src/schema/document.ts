import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import {
  DOCUMENT_FORMATS,
  DOCUMENT_KINDS,
  DOCUMENT_TEMPLATES,
  type DocumentKind,
  PITCH_DECK_SLIDES,
} from '../methodology/index.ts';
import { Enum, Strict, Text } from './common.ts';

export const DocumentKindSchema = Enum(
  DOCUMENT_KINDS,
  'prd, one-pager, pitch-deck, competitive-analysis, decision-brief, pr-faq',
);
export const DocumentFormatSchema = Enum(DOCUMENT_FORMATS, 'markdown, html, pdf, docx, pptx');

/** What a caller asks for: one kind in one format (which formats a kind supports: FORMATS_BY_KIND). */
export const DocumentRequest = Strict({ kind: DocumentKindSchema, format: DocumentFormatSchema });
export type DocumentRequest = Static<typeof DocumentRequest>;

export const DOCUMENT_TEMPLATES_FORMAT = 'vetted.document-templates/v1';

const SectionId = Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9][a-z0-9-]*$' });
const HeadingText = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });

export const SectionOverride = Strict({
  title: Type.Optional(HeadingText),
  include: Type.Optional(Type.Boolean({ description: 'false leaves an optional section out' })),
});
export type SectionOverride = Static<typeof SectionOverride>;

export const KindTemplateOverride = Strict({
  /** Sections named here come first, in this order; the others follow in the default order. */
  order: Type.Optional(Type.Array(SectionId, { maxItems: 60 })),
  sections: Type.Optional(Type.Record(SectionId, SectionOverride)),
  /** Titles of the PRD's chapters or the deck's acts. */
  groups: Type.Optional(Type.Record(SectionId, Strict({ title: HeadingText }))),
});
export type KindTemplateOverride = Static<typeof KindTemplateOverride>;

/**
 * A workspace's document template file: section order, titles and optional sections per kind. Every kind
 * and every field is optional; what is not said keeps the method's default.
 */
export const DocumentTemplateFile = Strict({
  format: Type.Literal(DOCUMENT_TEMPLATES_FORMAT),
  description: Type.Optional(Text(500)),
  templates: Strict({
    prd: Type.Optional(KindTemplateOverride),
    'one-pager': Type.Optional(KindTemplateOverride),
    'pitch-deck': Type.Optional(KindTemplateOverride),
    'competitive-analysis': Type.Optional(KindTemplateOverride),
    'decision-brief': Type.Optional(KindTemplateOverride),
    'pr-faq': Type.Optional(KindTemplateOverride),
  }),
});
export type DocumentTemplateFile = Static<typeof DocumentTemplateFile>;

export interface TemplateFieldError {
  /** JSON pointer to the field, e.g. /templates/prd/sections/team/include */
  path: string;
  message: string;
}
export type TemplateFileCheck = { ok: true; value: DocumentTemplateFile } | { ok: false; errors: TemplateFieldError[] };

const pointer = (...parts: (string | number)[]) =>
  `/${parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

/** One message per field, in words a person can act on, from TypeBox's structural errors. */
function structuralErrors(input: unknown): TemplateFieldError[] {
  const out: TemplateFieldError[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(DocumentTemplateFile, input)) {
    const params = e.params as Record<string, unknown>;
    let path = e.instancePath || '/';
    let message: string;
    switch (e.keyword) {
      case 'additionalProperties': {
        const extra = (params.additionalProperties as string[] | undefined) ?? [];
        for (const name of extra) {
          const p = `${e.instancePath}/${name}`;
          if (seen.has(p)) continue;
          seen.add(p);
          const known = e.instancePath === '/templates' ? ` (known kinds: ${DOCUMENT_KINDS.join(', ')})` : '';
          out.push({ path: p, message: `unknown field "${name}"${known}` });
        }
        continue;
      }
      case 'boolean':
        continue; // the additionalProperties entry above says it better
      case 'required': {
        const missing = (params.requiredProperties as string[] | undefined) ?? [];
        for (const name of missing) out.push({ path: `${e.instancePath}/${name}`, message: 'is required' });
        continue;
      }
      case 'const':
        message = `must be "${DOCUMENT_TEMPLATES_FORMAT}"`;
        break;
      case 'pattern':
        message = e.instancePath.endsWith('/title')
          ? 'must contain a visible character'
          : 'must be a section id: lower-case letters, digits and dashes';
        break;
      case 'propertyNames':
        message = 'keys must be section ids: lower-case letters, digits and dashes';
        break;
      default:
        message = e.message;
    }
    if (!path) path = '/';
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks that cross fields: known section ids, no duplicates, required sections kept, the deck's length.
 * Defensive about shapes, so that it can run beside the structural check and report everything at once.
 */
function semanticErrors(file: unknown): TemplateFieldError[] {
  const out: TemplateFieldError[] = [];
  const templates = isObject(file) && isObject(file.templates) ? file.templates : {};
  for (const kind of DOCUMENT_KINDS) {
    const o = templates[kind];
    if (!isObject(o)) continue;
    const template = DOCUMENT_TEMPLATES[kind];
    const ids = template.sections.map((x) => x.id);
    const known = `known sections of ${kind}: ${ids.join(', ')}`;
    const order = Array.isArray(o.order) ? o.order : [];
    order.forEach((id, i) => {
      if (typeof id !== 'string') return;
      const path = pointer('templates', kind, 'order', i);
      if (!ids.includes(id)) out.push({ path, message: `unknown section "${id}"; ${known}` });
      else if (order.indexOf(id) !== i) out.push({ path, message: `section "${id}" is listed twice` });
    });
    const sections = isObject(o.sections) ? o.sections : {};
    for (const [id, section] of Object.entries(sections)) {
      const def = template.sections.find((x) => x.id === id);
      if (!def) {
        out.push({ path: pointer('templates', kind, 'sections', id), message: `unknown section "${id}"; ${known}` });
      } else if (isObject(section) && section.include === false && !def.optional) {
        out.push({
          path: pointer('templates', kind, 'sections', id, 'include'),
          message: `section "${id}" is required in a ${kind} and cannot be left out`,
        });
      }
    }
    const groupIds = template.groups.map((g) => g.id);
    for (const id of Object.keys(isObject(o.groups) ? o.groups : {})) {
      if (!groupIds.includes(id)) {
        out.push({
          path: pointer('templates', kind, 'groups', id),
          message: groupIds.length
            ? `unknown group "${id}"; known groups of ${kind}: ${groupIds.join(', ')}`
            : `a ${kind} has no groups`,
        });
      }
    }
    if (kind === 'pitch-deck') {
      // Slides shown only in some stages replace others there: the count is that of the stage-free deck.
      const kept = template.sections.filter((x) => {
        if (x.only) return false;
        const ov = sections[x.id];
        return !(isObject(ov) && ov.include === false);
      }).length;
      if (kept < PITCH_DECK_SLIDES.min) {
        out.push({
          path: pointer('templates', kind, 'sections'),
          message: `a pitch deck keeps at least ${PITCH_DECK_SLIDES.min} slides; this template leaves ${kept}`,
        });
      }
    }
  }
  return out;
}

/**
 * Validate a workspace's document template file (already parsed from JSON). Errors name the field by JSON
 * pointer and say what to change; nothing is silently ignored.
 */
export function checkDocumentTemplateFile(input: unknown): TemplateFileCheck {
  const structural = Value.Check(DocumentTemplateFile, input) ? [] : structuralErrors(input);
  const seen = new Set(structural.map((e) => e.path));
  const errors = [...structural, ...semanticErrors(input).filter((e) => !seen.has(e.path))];
  if (errors.length) return { ok: false, errors };
  if (structural.length === 0 && Value.Check(DocumentTemplateFile, input)) return { ok: true, value: input };
  return { ok: false, errors: [{ path: '/', message: 'is not a document template file' }] };
}

/** The override for one kind, if the file has one. */
export const templateOverrideFor = (
  file: DocumentTemplateFile | undefined,
  kind: DocumentKind,
): KindTemplateOverride | undefined => file?.templates[kind];
