import type {
  ApiToken,
  Assessment,
  AssessmentPut,
  AssumptionFields,
  AssumptionMapEntry,
  AssumptionUpdate,
  AuditPage,
  BulkDecided,
  BulkDecision,
  BulkTag,
  BulkTagged,
  ChallengeResponse,
  Comment,
  CommentCreate,
  CompetitorFields,
  CompetitorUpdate,
  Cycle,
  Decision,
  DecisionCreate,
  DecisionRecorded,
  DemandPut,
  DemandSummary,
  Dismissal,
  DismissalInput,
  DismissalRestore,
  DocumentOffer,
  Evidence,
  EvidenceCreate,
  EvidenceUpdate,
  ExperimentCreate,
  ExperimentResult,
  ExperimentUpdate,
  FollowState,
  Frame,
  FramePut,
  Idea,
  IdeaCreate,
  IdeaCreated,
  IdeaListQuery,
  IdeaObjectives,
  IdeaPage,
  IdeaUpdate,
  ImportReport,
  InboxPage,
  InboxQuery,
  InboxRead,
  InboxUnread,
  Invite,
  InviteCreate,
  LadderStanding,
  LadderState,
  LinkInfo,
  LinkIssued,
  LinkRatingInfo,
  LinkUse,
  Member,
  MergeRequest,
  MergeResult,
  Methodology,
  MvpReadout,
  Objective,
  ObjectiveCreate,
  ObjectiveUpdate,
  ObservedEvidence,
  OidcSettingsPut,
  OidcSettingsState,
  OneOnOne,
  OneOnOneCreate,
  OneOnOneUpdate,
  Plan,
  PlanCreate,
  PmfImport,
  PortalInfo,
  PortalLink,
  PortalReceipt,
  PortalState,
  PortalSubmission,
  Problem,
  PulseOverview,
  PulseRound,
  RaterInvite,
  RaterInvited,
  RatingRequest,
  ReceiptLookup,
  Recommendation,
  Roadmap,
  RoadmapShare,
  RoadmapShareCreated,
  Role,
  SavedView,
  SavedViewCreate,
  ScoreExplanation,
  SessionState,
  Setup,
  Share,
  SimilarIdea,
  StoredAssumption,
  StoredCompetitor,
  StoredExperiment,
  Strategy,
  StrategyUpdate,
  TeamView,
  TokenCreate,
  TokenCreated,
  TraitFramework,
  TraitInsights,
  TraitRatingInput,
  Workspace,
  WorkspaceCreated,
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
  /** Sent as it is, with this content type (a CSV file), instead of as JSON. */
  raw?: { text: string; type: string };
  query?: Record<string, string | number | boolean | undefined>;
}

/**
 * The session's CSRF token (from GET /api/auth/session or a sign-in's answer), sent on every write: the
 * session cookie alone is never enough to change anything. Who is acting comes from the session itself.
 */
let csrf: string | null = null;
export const setCsrf = (token: string | null) => {
  csrf = token;
};

async function call<T>(method: string, path: string, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.raw) headers['content-type'] = options.raw.type;
  if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
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
    ...(options.raw ? { body: options.raw.text } : {}),
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
/** The records kept per idea that are removed softly and can be restored. */
export type IdeaPart = 'assumptions' | 'experiments' | 'competitors';
const ideaPath = (ws: string, idea: string | number) => `/workspaces/${enc(ws)}/ideas/${enc(String(idea))}`;

export const api = {
  methodology: () => call<Methodology>('GET', '/methodology'),
  workspaces: () => call<Workspace[]>('GET', '/workspaces'),
  workspace: (ws: string) => call<Workspace>('GET', `/workspaces/${enc(ws)}`),
  members: (ws: string) => call<Member[]>('GET', `/workspaces/${enc(ws)}/members`),

  ideas: (ws: string, query: IdeaListQuery) =>
    call<IdeaPage>('GET', `/workspaces/${enc(ws)}/ideas`, { query: { ...query } }),
  /** Every idea of the workspace, page by page (the API serves at most 200 at a time). */
  allIdeas: async (ws: string, query: Omit<IdeaListQuery, 'limit' | 'offset'> = {}) => {
    const items: Idea[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await api.ideas(ws, { ...query, limit: 200, offset });
      items.push(...page.items);
      if (items.length >= page.total || page.items.length === 0) return items;
    }
  },
  idea: (ws: string, idea: string | number) => call<Idea>('GET', ideaPath(ws, idea)),
  bulkTag: (ws: string, body: BulkTag) => call<BulkTagged>('POST', `/workspaces/${enc(ws)}/ideas/bulk/tags`, { body }),
  bulkDecide: (ws: string, body: BulkDecision) =>
    call<BulkDecided>('POST', `/workspaces/${enc(ws)}/ideas/bulk/decisions`, { body }),
  views: (ws: string) => call<SavedView[]>('GET', `/workspaces/${enc(ws)}/views`),
  saveView: (ws: string, body: SavedViewCreate) => call<SavedView>('POST', `/workspaces/${enc(ws)}/views`, { body }),
  deleteView: (ws: string, id: string) => call<SavedView>('DELETE', `/workspaces/${enc(ws)}/views/${enc(id)}`),
  /** A CSV or JSON file's text, checked only (dryRun) or imported: the API's report, row by row. */
  importFile: (ws: string, text: string, format: 'csv' | 'json', dryRun: boolean) =>
    call<ImportReport>('POST', `/workspaces/${enc(ws)}/import`, {
      raw: { text, type: format === 'csv' ? 'text/csv' : 'application/json' },
      query: { dryRun },
    }),
  similar: (ws: string, text: string, limit = 5) =>
    call<SimilarIdea[]>('GET', `/workspaces/${enc(ws)}/ideas/similar`, { query: { text, limit } }),
  createIdea: (ws: string, body: IdeaCreate) => call<IdeaCreated>('POST', `/workspaces/${enc(ws)}/ideas`, { body }),
  updateIdea: (ws: string, idea: string | number, body: IdeaUpdate) =>
    call<Idea>('PATCH', ideaPath(ws, idea), { body }),
  /** The seven steps' progress, the stated headline and the backlog by priority (GET …/mvp). */
  mvp: (ws: string, idea: string | number) => call<MvpReadout>('GET', `${ideaPath(ws, idea)}/mvp`),
  importPmf: (ws: string, idea: string | number, body: PmfImport) =>
    call<Idea>('POST', `${ideaPath(ws, idea)}/pmf/import`, { body }),
  archiveIdea: (ws: string, idea: string | number, version: number) =>
    call<Idea>('POST', `${ideaPath(ws, idea)}/archive`, { body: { version } }),
  restoreIdea: (ws: string, idea: string | number, version: number) =>
    call<Idea>('POST', `${ideaPath(ws, idea)}/restore`, { body: { version } }),

  /** The idea's problem frame, or null when no one has framed it yet (the API answers an empty frame, version 0). */
  frame: async (ws: string, idea: string | number): Promise<Frame | null> => {
    const frame = await call<Frame>('GET', `${ideaPath(ws, idea)}/frame`);
    return frame.version > 0 ? frame : null;
  },
  putFrame: (ws: string, idea: string | number, body: FramePut) =>
    call<Frame>('PUT', `${ideaPath(ws, idea)}/frame`, { body }),

  evidence: (ws: string, idea: string | number) => call<Evidence[]>('GET', `${ideaPath(ws, idea)}/evidence`),
  addEvidence: (ws: string, idea: string | number, body: EvidenceCreate) =>
    call<Evidence>('POST', `${ideaPath(ws, idea)}/evidence`, { body }),
  updateEvidence: (ws: string, idea: string | number, id: string, body: EvidenceUpdate) =>
    call<Evidence>('PATCH', `${ideaPath(ws, idea)}/evidence/${enc(id)}`, { body }),
  unlinkEvidence: (ws: string, idea: string | number, id: string) =>
    call<void>('DELETE', `${ideaPath(ws, idea)}/evidence/${enc(id)}`),
  linkEvidence: (ws: string, idea: string | number, id: string, dimensions: string[]) =>
    call<Evidence>('PUT', `${ideaPath(ws, idea)}/evidence/${enc(id)}`, { body: { dimensions } }),

  assessments: (ws: string, idea: string | number) => call<Assessment[]>('GET', `${ideaPath(ws, idea)}/assessments`),
  putAssessment: (ws: string, idea: string | number, body: AssessmentPut) =>
    call<Assessment>('PUT', `${ideaPath(ws, idea)}/assessments/mine`, { body }),
  score: (ws: string, idea: string | number) => call<ScoreExplanation>('GET', `${ideaPath(ws, idea)}/score`),

  decisions: (ws: string, idea: string | number) => call<Decision[]>('GET', `${ideaPath(ws, idea)}/decisions`),
  decide: (ws: string, idea: string | number, body: DecisionCreate) =>
    call<DecisionRecorded>('POST', `${ideaPath(ws, idea)}/decisions`, { body }),
  merge: (ws: string, idea: string | number, body: MergeRequest) =>
    call<MergeResult>('POST', `${ideaPath(ws, idea)}/merge`, { body }),

  challenge: (ws: string, idea: string | number, ai = false) =>
    call<ChallengeResponse>('GET', `${ideaPath(ws, idea)}/challenge`, { query: ai ? { ai: true } : {} }),
  dismiss: (ws: string, idea: string | number, body: DismissalInput) =>
    call<Dismissal>('POST', `${ideaPath(ws, idea)}/challenge/dismissals`, { body }),
  restoreFinding: (ws: string, idea: string | number, body: DismissalRestore) =>
    call<Dismissal>('POST', `${ideaPath(ws, idea)}/challenge/dismissals/restore`, { body }),

  documents: (ws: string, idea: string | number) => call<DocumentOffer[]>('GET', `${ideaPath(ws, idea)}/documents`),

  recommendation: (ws: string, idea: string | number) =>
    call<Recommendation>('GET', `${ideaPath(ws, idea)}/recommendation`),
  assumptionMap: (ws: string, idea: string | number) =>
    call<AssumptionMapEntry[]>('GET', `${ideaPath(ws, idea)}/assumption-map`),
  addAssumption: (ws: string, idea: string | number, body: AssumptionFields) =>
    call<StoredAssumption>('POST', `${ideaPath(ws, idea)}/assumptions`, { body }),
  assumptions: (ws: string, idea: string | number) =>
    call<StoredAssumption[]>('GET', `${ideaPath(ws, idea)}/assumptions`),
  // Every record kept per idea is removed and restored the same way (src/api/routes/parts.ts).
  deletePart: (ws: string, idea: string | number, part: IdeaPart, id: string) =>
    call<void>('DELETE', `${ideaPath(ws, idea)}/${part}/${enc(id)}`),
  restorePart: (ws: string, idea: string | number, part: IdeaPart, id: string, version: number) =>
    call<unknown>('POST', `${ideaPath(ws, idea)}/${part}/${enc(id)}/restore`, { body: { version } }),
  updateAssumption: (ws: string, idea: string | number, id: string, body: AssumptionUpdate) =>
    call<StoredAssumption>('PATCH', `${ideaPath(ws, idea)}/assumptions/${enc(id)}`, { body }),
  updateExperiment: (ws: string, idea: string | number, id: string, body: ExperimentUpdate) =>
    call<StoredExperiment>('PATCH', `${ideaPath(ws, idea)}/experiments/${enc(id)}`, { body }),
  competitors: (ws: string, idea: string | number) =>
    call<StoredCompetitor[]>('GET', `${ideaPath(ws, idea)}/competitors`),
  addCompetitor: (ws: string, idea: string | number, body: CompetitorFields) =>
    call<StoredCompetitor>('POST', `${ideaPath(ws, idea)}/competitors`, { body }),
  updateCompetitor: (ws: string, idea: string | number, id: string, body: CompetitorUpdate) =>
    call<StoredCompetitor>('PATCH', `${ideaPath(ws, idea)}/competitors/${enc(id)}`, { body }),
  experiments: (ws: string, idea: string | number) =>
    call<StoredExperiment[]>('GET', `${ideaPath(ws, idea)}/experiments`),
  addExperiment: (ws: string, idea: string | number, body: ExperimentCreate) =>
    call<StoredExperiment>('POST', `${ideaPath(ws, idea)}/experiments`, { body }),
  startExperiment: (ws: string, idea: string | number, id: string, version: number) =>
    call<StoredExperiment>('POST', `${ideaPath(ws, idea)}/experiments/${enc(id)}/start`, {
      body: { version },
    }),
  recordResult: (ws: string, idea: string | number, id: string, body: ExperimentResult) =>
    call<StoredExperiment>('POST', `${ideaPath(ws, idea)}/experiments/${enc(id)}/result`, { body }),

  // Working together (src/api/routes/together.ts).
  comments: (ws: string, idea: string | number) => call<Comment[]>('GET', `${ideaPath(ws, idea)}/comments`),
  addComment: (ws: string, idea: string | number, body: CommentCreate) =>
    call<Comment>('POST', `${ideaPath(ws, idea)}/comments`, { body }),
  follow: (ws: string, idea: string | number) => call<FollowState>('GET', `${ideaPath(ws, idea)}/follow`),
  setFollow: (ws: string, idea: string | number, on: boolean) =>
    call<FollowState>(on ? 'PUT' : 'DELETE', `${ideaPath(ws, idea)}/follow`),
  demand: (ws: string, idea: string | number) => call<DemandSummary>('GET', `${ideaPath(ws, idea)}/demand`),
  setDemand: (ws: string, idea: string | number, body: DemandPut | null) =>
    body
      ? call<DemandSummary>('PUT', `${ideaPath(ws, idea)}/demand`, { body })
      : call<DemandSummary>('DELETE', `${ideaPath(ws, idea)}/demand`),
  inbox: (ws: string, query: InboxQuery = {}) =>
    call<InboxPage>('GET', `/workspaces/${enc(ws)}/inbox`, { query: { ...query } }),
  inboxUnread: (ws: string) => call<InboxUnread>('GET', `/workspaces/${enc(ws)}/inbox/unread`),
  markRead: (ws: string, body: InboxRead) => call<InboxUnread>('POST', `/workspaces/${enc(ws)}/inbox/read`, { body }),

  receipt: (code: string) => call<ReceiptLookup>('POST', '/receipts/lookup', { body: { code } }),

  // Who is signed in, and signing in and out (src/api/routes/auth.ts).
  session: () => call<SessionState>('GET', '/auth/session'),
  setup: (body: Setup) => call<SessionState>('POST', '/auth/setup', { body }),
  signIn: (email: string, password: string) =>
    call<SessionState>('POST', '/auth/sign-in', { body: { email, password } }),
  demo: () => call<SessionState>('POST', '/auth/demo'),
  signOut: () => call<void>('POST', '/auth/sign-out'),
  signOutEverywhere: () => call<void>('POST', '/auth/sign-out-everywhere'),
  changePassword: (current: string, password: string) =>
    call<void>('PUT', '/auth/password', { body: { current, password } }),
  inspectLink: (code: string) => call<LinkInfo>('POST', '/auth/links/inspect', { body: { code } }),
  redeemLink: (body: LinkUse) => call<SessionState>('POST', '/auth/links/use', { body }),
  tokens: () => call<ApiToken[]>('GET', '/auth/tokens'),
  createToken: (body: TokenCreate) => call<TokenCreated>('POST', '/auth/tokens', { body }),
  revokeToken: (id: string) => call<ApiToken>('DELETE', `/auth/tokens/${enc(id)}`),
  oidcSettings: () => call<OidcSettingsState>('GET', '/auth/oidc/settings'),
  putOidcSettings: (body: OidcSettingsPut) => call<OidcSettingsState>('PUT', '/auth/oidc/settings', { body }),

  // The submission portal: people without an account submit anonymously through its link.
  portal: (ws: string) => call<PortalState>('GET', `/workspaces/${enc(ws)}/portal`),
  openPortal: (ws: string) => call<PortalLink>('POST', `/workspaces/${enc(ws)}/portal`),
  closePortal: (ws: string) => call<void>('DELETE', `/workspaces/${enc(ws)}/portal`),
  portalInfo: (code: string) => call<PortalInfo>('POST', '/portal/inspect', { body: { code } }),
  portalSubmit: (body: PortalSubmission) => call<PortalReceipt>('POST', '/portal/ideas', { body }),

  // A workspace's people and its record of changes.
  createWorkspace: (slug: string, name: string) =>
    call<WorkspaceCreated>('POST', '/workspaces', { body: { slug, name } }),
  updateMember: (ws: string, member: string, version: number, role: Role) =>
    call<Member>('PATCH', `/workspaces/${enc(ws)}/members/${enc(member)}`, { body: { version, role } }),
  removeMember: (ws: string, member: string) => call<Member>('DELETE', `/workspaces/${enc(ws)}/members/${enc(member)}`),
  passwordReset: (ws: string, member: string) =>
    call<LinkIssued>('POST', `/workspaces/${enc(ws)}/members/${enc(member)}/password-reset`),
  invites: (ws: string) => call<Invite[]>('GET', `/workspaces/${enc(ws)}/invites`),
  invite: (ws: string, body: InviteCreate) => call<LinkIssued>('POST', `/workspaces/${enc(ws)}/invites`, { body }),
  revokeInvite: (ws: string, id: string) => call<void>('DELETE', `/workspaces/${enc(ws)}/invites/${enc(id)}`),
  // Leadership growth: the acting person's own 360 and plan (the API serves no one else's).
  traitFramework: () => call<TraitFramework>('GET', '/traits/framework'),
  cycles: (ws: string) => call<Cycle[]>('GET', `/workspaces/${enc(ws)}/traits/cycles`),
  openCycle: (ws: string) => call<Cycle>('POST', `/workspaces/${enc(ws)}/traits/cycles`),
  rateSelf: (ws: string, cycle: string, version: number, ratings: TraitRatingInput[]) =>
    call<Cycle>('PUT', `/workspaces/${enc(ws)}/traits/cycles/${enc(cycle)}/self`, { body: { version, ratings } }),
  inviteRater: (ws: string, cycle: string, body: RaterInvite) =>
    call<RaterInvited>('POST', `/workspaces/${enc(ws)}/traits/cycles/${enc(cycle)}/raters`, { body }),
  closeCycle: (ws: string, cycle: string, version: number) =>
    call<Cycle>('POST', `/workspaces/${enc(ws)}/traits/cycles/${enc(cycle)}/close`, { body: { version } }),
  traitInsights: (ws: string) => call<TraitInsights>('GET', `/workspaces/${enc(ws)}/traits/insights`),
  ratingRequests: (ws: string) => call<RatingRequest[]>('GET', `/workspaces/${enc(ws)}/traits/requests`),
  answerRequest: (ws: string, request: string, ratings: TraitRatingInput[], consent: boolean) =>
    call<void>('POST', `/workspaces/${enc(ws)}/traits/requests/${enc(request)}`, { body: { ratings, consent } }),
  ratingLink: (code: string) => call<LinkRatingInfo>('POST', '/traits/link/inspect', { body: { code } }),
  answerLink: (code: string, ratings: TraitRatingInput[], consent: boolean) =>
    call<void>('POST', '/traits/link/answer', { body: { code, ratings, consent } }),
  plan: (ws: string) => call<Plan>('GET', `/workspaces/${enc(ws)}/plan`),
  makePlan: (ws: string, body: PlanCreate) => call<Plan>('POST', `/workspaces/${enc(ws)}/plan`, { body }),
  notePlan: (ws: string, version: number, text: string, checkIn: boolean) =>
    call<Plan>('POST', `/workspaces/${enc(ws)}/plan/notes`, { body: { version, text, checkIn } }),

  shares: (ws: string) => call<Share[]>('GET', `/workspaces/${enc(ws)}/traits/shares`),
  share: (ws: string, memberId: string) =>
    call<Share[]>('POST', `/workspaces/${enc(ws)}/traits/shares`, { body: { memberId } }),
  unshare: (ws: string, memberId: string) =>
    call<Share[]>('DELETE', `/workspaces/${enc(ws)}/traits/shares/${enc(memberId)}`),
  teamView: (ws: string) => call<TeamView>('GET', `/workspaces/${enc(ws)}/traits/team`),
  pulse: (ws: string) => call<PulseOverview>('GET', `/workspaces/${enc(ws)}/pulse`),
  openPulse: (ws: string) => call<PulseRound>('POST', `/workspaces/${enc(ws)}/pulse`),
  closePulse: (ws: string, round: string, version: number) =>
    call<PulseRound>('POST', `/workspaces/${enc(ws)}/pulse/${enc(round)}/close`, { body: { version } }),
  answerPulse: (ws: string, round: string, answers: Record<string, number>) =>
    call<void>('POST', `/workspaces/${enc(ws)}/pulse/${enc(round)}/answers`, { body: { answers } }),

  observed: (ws: string) => call<ObservedEvidence>('GET', `/workspaces/${enc(ws)}/traits/observed`),
  setObserved: (ws: string, optedIn: boolean) =>
    call<ObservedEvidence>('PUT', `/workspaces/${enc(ws)}/traits/observed`, { body: { optedIn } }),
  ladder: (ws: string) => call<LadderState>('GET', `/workspaces/${enc(ws)}/ladder`),
  ladderStanding: (ws: string, level: string) =>
    call<LadderStanding>('GET', `/workspaces/${enc(ws)}/ladder/standing`, { query: { level } }),
  oneOnOnes: (ws: string) => call<OneOnOne[]>('GET', `/workspaces/${enc(ws)}/one-on-ones`),
  createOneOnOne: (ws: string, body: OneOnOneCreate) =>
    call<OneOnOne>('POST', `/workspaces/${enc(ws)}/one-on-ones`, { body }),
  updateOneOnOne: (ws: string, id: string, body: OneOnOneUpdate) =>
    call<OneOnOne>('PATCH', `/workspaces/${enc(ws)}/one-on-ones/${enc(id)}`, { body }),

  // Strategy and the roadmap: read by every member; edited by leaders and owners (src/api/routes/strategy.ts).
  strategy: (ws: string) => call<Strategy>('GET', `/workspaces/${enc(ws)}/strategy`),
  updateStrategy: (ws: string, body: StrategyUpdate) =>
    call<Strategy>('PATCH', `/workspaces/${enc(ws)}/strategy`, { body }),
  createObjective: (ws: string, body: ObjectiveCreate) =>
    call<Objective>('POST', `/workspaces/${enc(ws)}/objectives`, { body }),
  updateObjective: (ws: string, id: string, body: ObjectiveUpdate) =>
    call<Objective>('PATCH', `/workspaces/${enc(ws)}/objectives/${enc(id)}`, { body }),
  deleteObjective: (ws: string, id: string, version: number) =>
    call<void>('DELETE', `/workspaces/${enc(ws)}/objectives/${enc(id)}`, { query: { version } }),
  ideaObjectives: (ws: string, idea: string | number) =>
    call<IdeaObjectives>('GET', `${ideaPath(ws, idea)}/objectives`),
  setIdeaObjectives: (ws: string, idea: string | number, version: number, objectives: string[]) =>
    call<IdeaObjectives>('PUT', `${ideaPath(ws, idea)}/objectives`, { body: { version, objectives } }),
  roadmap: (ws: string) => call<Roadmap>('GET', `/workspaces/${enc(ws)}/roadmap`),
  roadmapShares: (ws: string) => call<RoadmapShare[]>('GET', `/workspaces/${enc(ws)}/roadmap/shares`),
  shareRoadmap: (ws: string, label: string) =>
    call<RoadmapShareCreated>('POST', `/workspaces/${enc(ws)}/roadmap/shares`, { body: { label } }),
  revokeRoadmapShare: (ws: string, id: string) =>
    call<RoadmapShare>('POST', `/workspaces/${enc(ws)}/roadmap/shares/${enc(id)}/revoke`),
  /** The roadmap a share link opens, for someone without an account (the code goes in the body, not the URL). */
  sharedRoadmap: (code: string) => call<Roadmap>('POST', '/roadmap/shared', { body: { code } }),

  /** A workspace's audit log, or the install's own entries (workspaces, tokens, sign-in) when `ws` is null. */
  audit: (ws: string | null, before?: string, limit = 50) =>
    call<AuditPage>('GET', ws ? `/workspaces/${enc(ws)}/audit` : '/audit', { query: { before, limit } }),
};

/** Where a workspace's export downloads from: the portfolio file (JSON, re-importable) or a CSV of ideas. */
/** The idea's user stories as a CSV file for Jira's or Linear's importer, all of them or only the MVP. */
export const storiesCsvUrl = (ws: string, idea: number, format: 'jira' | 'linear', onlyMvp = false) =>
  `/api/workspaces/${enc(ws)}/ideas/${idea}/mvp/stories.csv?format=${format}${onlyMvp ? '&cut=mvp' : ''}`;

export const exportUrl = (ws: string, format: 'json' | 'csv') => `/api/workspaces/${enc(ws)}/export?format=${format}`;

/** Where the audit log's CSV export downloads from (the browser sends the session cookie with the link). */
export const auditCsvUrl = (ws: string | null) =>
  `/api${ws ? `/workspaces/${enc(ws)}/audit` : '/audit'}?format=csv&limit=500`;
