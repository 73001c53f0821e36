import { FRAME_FIELDS } from '../../methodology/index.ts';
import type { Assessment, Evidence, Frame, Member, ScoreExplanation } from '../../schema/index.ts';
import type { Session } from '../context.ts';
import { CliError, describeProblem, json, print, table } from '../output.ts';

export const FRAME_FLAGS = FRAME_FIELDS.map((f) => f.id);

export async function frame(s: Session, ref: string | undefined, o: Record<string, string | undefined>) {
  if (!ref)
    throw new CliError(`Usage: vetted frame <number|id> [${FRAME_FLAGS.map((f) => `--${f} TEXT`).join(' ')}]`, 2);
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}/frame`);
  const current = await s.client.request('GET', base);
  if (current.status !== 200) throw new CliError(describeProblem(current.status, current.body));
  // An idea not framed yet has an empty frame at version 0.
  const found = current.body as Frame & Record<string, unknown>;
  const existing = found.version > 0 ? found : null;
  const changes = Object.fromEntries(FRAME_FLAGS.filter((f) => o[f] !== undefined).map((f) => [f, o[f]]));
  let result = existing;
  if (Object.keys(changes).length) {
    const kept = existing
      ? Object.fromEntries(FRAME_FLAGS.filter((f) => existing[f] !== undefined).map((f) => [f, existing[f]]))
      : {};
    const gapMetric = existing?.gapMetric ? { gapMetric: existing.gapMetric } : {};
    result = await s.call<Frame & Record<string, unknown>>(
      'PUT',
      base,
      { ...kept, ...gapMetric, ...changes, version: existing?.version ?? 0 },
      await s.actor(),
    );
  }
  if (s.flags.json) return json(result);
  if (!result) return print('No problem frame yet. Set fields with --who, --currentState, --idealState, --gap, …');
  for (const f of FRAME_FIELDS) print(`${f.label}: ${result[f.id] ?? '(missing)'}`);
}

/** `assess 12 problem-significance=4:high certainty-of-demand=2:low --reason "…"` */
export async function assess(
  s: Session,
  ref: string | undefined,
  pairs: string[],
  o: { reason?: string; evidence?: string[] },
) {
  if (!ref || pairs.length === 0) {
    throw new CliError(
      'Usage: vetted assess <number|id> <dimension>=<1-5>[:low|medium|high] … [--reason TEXT] [--evidence ID]…',
      2,
    );
  }
  const scores: Record<string, unknown> = {};
  for (const p of pairs) {
    const m = /^([a-z0-9-]+)=(\d)(?::(low|medium|high))?$/.exec(p);
    if (!m)
      throw new CliError(
        `Cannot read "${p}": write dimension=score or dimension=score:confidence, e.g. risk=4:high.`,
        2,
      );
    scores[m[1]!] = {
      score: Number(m[2]),
      confidence: m[3] ?? 'medium',
      ...(o.evidence?.length ? { evidenceIds: o.evidence } : {}),
    };
  }
  const actor = await s.actor();
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  const mine = (await s.call<Assessment[]>('GET', `${base}/assessments`)).find(
    (a) => a.assessor.id === actor['vetted-actor'],
  );
  await s.call(
    'PUT',
    `${base}/assessments/mine`,
    { scores, version: mine?.version ?? 0, ...(o.reason ? { reason: o.reason } : {}) },
    actor,
  );
  const result = await s.call<ScoreExplanation>('GET', `${base}/score`);
  if (s.flags.json) return json(result);
  print(
    `Saved. Composite ${result.composite ?? '–'}, confidence-adjusted ${result.adjusted ?? '–'} (coverage ${Math.round(result.coverage * 100)} %).`,
  );
}

export async function evidenceAdd(
  s: Session,
  ref: string | undefined,
  o: {
    kind?: string;
    summary?: string;
    source?: string;
    date?: string;
    strength?: string;
    dimensions?: string;
    url?: string;
  },
) {
  if (!ref || !o.kind || !o.summary || !o.source || !o.strength) {
    throw new CliError(
      'Usage: vetted evidence add <number|id> --kind KIND --summary TEXT --source TEXT --strength anecdote|interview|survey|experiment|paying [--date YYYY-MM-DD] [--dimensions a,b] [--url URL]',
      2,
    );
  }
  const body = {
    kind: o.kind,
    summary: o.summary,
    source: o.source,
    strength: o.strength,
    observedOn: o.date ?? new Date().toISOString().slice(0, 10),
    ...(o.dimensions ? { dimensions: o.dimensions.split(',').map((d) => d.trim()) } : {}),
    ...(o.url ? { url: o.url } : {}),
  };
  const r = await s.call<Evidence>(
    'POST',
    await s.ws(`/ideas/${encodeURIComponent(ref)}/evidence`),
    body,
    await s.actor(),
  );
  if (s.flags.json) return json(r);
  print(`Added ${r.strength} evidence ${r.id}.`);
}

export async function members(s: Session) {
  const list = await s.call<Member[]>('GET', await s.ws('/members'));
  if (s.flags.json) return json(list);
  print(table(list as unknown as Record<string, unknown>[], ['name', 'role', 'email', 'id']));
}
