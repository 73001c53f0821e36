import { type Static, Type } from 'typebox';
import { Page, Strict, Version } from './common.ts';
import { Decision } from './decision.ts';
import { DocumentFormatSchema, DocumentKindSchema, DocumentTemplateFile } from './document.ts';
import { Idea, Stage } from './idea.ts';
import { InboxItem } from './together.ts';
import { Member, Workspace } from './workspace.ts';

/**
 * What routes answer when the answer is more than one record. Declared here once, so the routes' OpenAPI,
 * the CLI, the web app and the tests all read the same shape instead of restating it.
 */

export const IdeaPage = Page(Idea);
export type IdeaPage = Static<typeof IdeaPage>;

export const WorkspaceCreated = Strict({ workspace: Workspace, owner: Member });
export type WorkspaceCreated = Static<typeof WorkspaceCreated>;

/** A gate decision and the idea as it now stands. */
export const DecisionRecorded = Strict({ idea: Idea, decision: Decision });
export type DecisionRecorded = Static<typeof DecisionRecorded>;

/** A bulk move: a decision on each idea, in the order they were sent. */
export const BulkDecided = Strict({ decided: Type.Array(DecisionRecorded) });
export type BulkDecided = Static<typeof BulkDecided>;

/** A bulk tag change: each idea as it now stands, in the order they were sent. */
export const BulkTagged = Strict({ ideas: Type.Array(Idea) });
export type BulkTagged = Static<typeof BulkTagged>;

/** A merge: the idea that absorbed the other one, and the decision that records it. */
export const MergeResult = Strict({ into: Idea, decision: Decision });
export type MergeResult = Static<typeof MergeResult>;

/** What an anonymous submitter sees with their receipt code. */
export const ReceiptLookup = Strict({
  idea: Idea,
  mergedInto: Type.Union([
    Strict({ id: Type.String(), number: Type.Integer(), title: Type.String(), stage: Stage }),
    Type.Null(),
  ]),
  decisions: Type.Array(Decision),
});
export type ReceiptLookup = Static<typeof ReceiptLookup>;

/** One kind of document an idea can become, in which formats, and where to get it. */
export const DocumentOffer = Strict({
  kind: DocumentKindSchema,
  formats: Type.Array(DocumentFormatSchema),
  url: Type.String(),
});
export type DocumentOffer = Static<typeof DocumentOffer>;

export const DocumentTemplatesState = Strict({
  templates: Type.Union([DocumentTemplateFile, Type.Null()]),
  version: Version,
});
export type DocumentTemplatesState = Static<typeof DocumentTemplatesState>;

/** An import's outcome, row by row; with dryRun nothing was written. */
export const ImportReport = Strict({
  dryRun: Type.Boolean(),
  imported: Type.Integer({ minimum: 0 }),
  rows: Type.Integer({ minimum: 0 }),
  membersCreated: Type.Array(Type.String()),
  numbers: Type.Array(Type.Integer(), { description: 'Numbers given to the imported ideas, in file order' }),
  errors: Type.Array(Strict({ row: Type.Integer(), path: Type.String(), message: Type.String() })),
});
export type ImportReport = Static<typeof ImportReport>;

export const DemoLoaded = Strict({ slug: Type.String(), created: Type.Boolean(), imported: Type.Integer() });
export type DemoLoaded = Static<typeof DemoLoaded>;

/** A page of the acting member's inbox, newest first; `next` is the `before` for the page after it. */
export const InboxPage = Strict({
  items: Type.Array(InboxItem),
  unread: Type.Integer({ minimum: 0, description: 'Unread items in all' }),
  next: Type.Union([Type.String(), Type.Null()]),
});
export type InboxPage = Static<typeof InboxPage>;

/** The health probe's answer: which engine, and whether the database answers. */
export const Health = Strict({
  ok: Type.Literal(true),
  engine: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
  database: Type.Union([Type.Literal('up'), Type.Literal('down')]),
});
export type Health = Static<typeof Health>;
