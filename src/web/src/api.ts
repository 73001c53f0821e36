import type {
  Assessment,
  AssessmentPut,
  AssumptionFields,
  AssumptionMapEntry,
  ChallengeResponse,
  Decision,
  DecisionCreate,
  DecisionRecorded,
  Dismissal,
  DismissalInput,
  DocumentOffer,
  Evidence,
  EvidenceCreate,
  ExperimentCreate,
  ExperimentResult,
  Frame,
  FramePut,
  Idea,
  IdeaCreate,
  IdeaCreated,
  IdeaListQuery,
  IdeaPage,
  IdeaUpdate,
  Member,
  MergeRequest,
  MergeResult,
  Methodology,
  Problem,
  ReceiptLookup,
  Recommendation,
  ScoreExplanation,
  SimilarIdea,
  StoredAssumption,
  StoredExperiment,
  Workspace,
} from './types.ts';

/** A failed call, carrying the API's problem+json: a title, a detail in words, and field-level errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
  }

  get isConflict() {
    return this.status === 409;
  }

  /** Field messages by the field's name (the first segment of the JSON pointer: /title, /scores/risk/score…). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const [key = '', ...rest] = e.path.replace(/^\//, '').split('/');
      // "/tags/1 has an invalid format" is about the second tag: say so.
      const index = rest.length === 1 && /^\d+$/.test(rest[0]!) ? Number(rest[0]) : null;
      const message = index === null ? e.message : `item ${index + 1} ${e.message}`;
      out[key] = out[key] ? `${out[key]}; ${message}` : message;
    }
    return out;
  }
}

/** Words for any failure, including the ones that never reached the server. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const { title, detail } = error.problem;
    return detail ? `${title}: ${detail}` : title;
  }
  if (error instanceof TypeError) return 'The server could not be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}

interface Options {
  body?: unknown;
  actor?: string | null | undefined;
  query?: Record<string, string | number | boolean | undefined>;
}

async function call<T>(method: string, path: string, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.actor) headers['vetted-actor'] = options.actor;
  let url = `/api${path}`;
  if (options.query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(options.query)) if (v !== undefined && v !== '') params.set(k, String(v));
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  const res = await fetch(url, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const problem =
      data && typeof data === 'object' && 'title' in data
        ? (data as Problem)
        : { type: 'about:blank', title: res.statusText || 'Request failed', status: res.status };
    throw new ApiError(res.status, problem);
  }
  return data as T;
}

const enc = encodeURIComponent;
const ideaPath = (ws: string, idea: string | number) => `/workspaces/${enc(ws)}/ideas/${enc(String(idea))}`;

export const api = {
  methodology: () => call<Methodology>('GET', '/methodology'),
  workspaces: () => call<Workspace[]>('GET', '/workspaces'),
  workspace: (ws: string) => call<Workspace>('GET', `/workspaces/${enc(ws)}`),
  members: (ws: string) => call<Member[]>('GET', `/workspaces/${enc(ws)}/members`),

  ideas: (ws: string, query: IdeaListQuery, actor?: string | null) =>
    call<IdeaPage>('GET', `/workspaces/${enc(ws)}/ideas`, { query: { ...query }, actor }),
  /** Every idea of the workspace, page by page (the API serves at most 200 at a time). */
  allIdeas: async (ws: string, query: Omit<IdeaListQuery, 'limit' | 'offset'> = {}, actor?: string | null) => {
    const items: Idea[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await api.ideas(ws, { ...query, limit: 200, offset }, actor);
      items.push(...page.items);
      if (items.length >= page.total || page.items.length === 0) return items;
    }
  },
  idea: (ws: string, idea: string | number) => call<Idea>('GET', ideaPath(ws, idea)),
  similar: (ws: string, text: string, limit = 5) =>
    call<SimilarIdea[]>('GET', `/workspaces/${enc(ws)}/ideas/similar`, { query: { text, limit } }),
  createIdea: (ws: string, body: IdeaCreate, actor: string | null) =>
    call<IdeaCreated>('POST', `/workspaces/${enc(ws)}/ideas`, { body, actor: body.anonymous ? null : actor }),
  updateIdea: (ws: string, idea: string | number, body: IdeaUpdate, actor: string | null) =>
    call<Idea>('PATCH', ideaPath(ws, idea), { body, actor }),

  frame: async (ws: string, idea: string | number): Promise<Frame | null> => {
    try {
      return await call<Frame>('GET', `${ideaPath(ws, idea)}/frame`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  },
  putFrame: (ws: string, idea: string | number, body: FramePut, actor: string | null) =>
    call<Frame>('PUT', `${ideaPath(ws, idea)}/frame`, { body, actor }),

  evidence: (ws: string, idea: string | number) => call<Evidence[]>('GET', `${ideaPath(ws, idea)}/evidence`),
  addEvidence: (ws: string, idea: string | number, body: EvidenceCreate, actor: string | null) =>
    call<Evidence>('POST', `${ideaPath(ws, idea)}/evidence`, { body, actor }),

  assessments: (ws: string, idea: string | number) => call<Assessment[]>('GET', `${ideaPath(ws, idea)}/assessments`),
  putAssessment: (ws: string, idea: string | number, body: AssessmentPut, actor: string | null) =>
    call<Assessment>('PUT', `${ideaPath(ws, idea)}/assessments/mine`, { body, actor }),
  score: (ws: string, idea: string | number) => call<ScoreExplanation>('GET', `${ideaPath(ws, idea)}/score`),

  decisions: (ws: string, idea: string | number) => call<Decision[]>('GET', `${ideaPath(ws, idea)}/decisions`),
  decide: (ws: string, idea: string | number, body: DecisionCreate, actor: string | null) =>
    call<DecisionRecorded>('POST', `${ideaPath(ws, idea)}/decisions`, { body, actor }),
  merge: (ws: string, idea: string | number, body: MergeRequest, actor: string | null) =>
    call<MergeResult>('POST', `${ideaPath(ws, idea)}/merge`, { body, actor }),

  challenge: (ws: string, idea: string | number, ai = false) =>
    call<ChallengeResponse>('GET', `${ideaPath(ws, idea)}/challenge`, { query: ai ? { ai: true } : {} }),
  dismiss: (ws: string, idea: string | number, body: DismissalInput, actor: string | null) =>
    call<Dismissal>('POST', `${ideaPath(ws, idea)}/challenge/dismissals`, { body, actor }),

  documents: (ws: string, idea: string | number) => call<DocumentOffer[]>('GET', `${ideaPath(ws, idea)}/documents`),

  recommendation: (ws: string, idea: string | number) =>
    call<Recommendation>('GET', `${ideaPath(ws, idea)}/recommendation`),
  assumptionMap: (ws: string, idea: string | number) =>
    call<AssumptionMapEntry[]>('GET', `${ideaPath(ws, idea)}/assumption-map`),
  addAssumption: (ws: string, idea: string | number, body: AssumptionFields, actor: string | null) =>
    call<StoredAssumption>('POST', `${ideaPath(ws, idea)}/assumptions`, { body, actor }),
  experiments: (ws: string, idea: string | number) =>
    call<StoredExperiment[]>('GET', `${ideaPath(ws, idea)}/experiments`),
  addExperiment: (ws: string, idea: string | number, body: ExperimentCreate, actor: string | null) =>
    call<StoredExperiment>('POST', `${ideaPath(ws, idea)}/experiments`, { body, actor }),
  startExperiment: (ws: string, idea: string | number, id: string, version: number, actor: string | null) =>
    call<StoredExperiment>('POST', `${ideaPath(ws, idea)}/experiments/${enc(id)}/start`, {
      body: { version },
      actor,
    }),
  recordResult: (ws: string, idea: string | number, id: string, body: ExperimentResult, actor: string | null) =>
    call<StoredExperiment>('POST', `${ideaPath(ws, idea)}/experiments/${enc(id)}/result`, { body, actor }),

  receipt: (code: string) => call<ReceiptLookup>('POST', '/receipts/lookup', { body: { code } }),
};
