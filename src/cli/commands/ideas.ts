import { STAGE_IDS } from '../../methodology/index.ts';
import type {
  Decision,
  DecisionRecorded,
  Frame,
  Idea,
  IdeaCreated,
  IdeaPage,
  MergeResult,
  ScoreExplanation,
} from '../../schema/index.ts';
import type { Session } from '../context.ts';
import { CliError, json, print, table } from '../output.ts';

const score = (v: number | null) => (v === null ? '–' : v.toFixed(2));
const ideaRow = (i: Idea) => ({
  '#': i.number,
  title: i.title,
  stage: i.stage,
  score: score(i.score.composite),
  adjusted: score(i.score.adjusted),
  tags: i.tags.join(', '),
});

export async function ideaAdd(
  s: Session,
  title: string | undefined,
  o: { description?: string; tags?: string; anonymous?: boolean },
) {
  if (!title) throw new CliError('Usage: vetted idea add "<title>" [--description TEXT] [--tags a,b] [--anonymous]', 2);
  const body = {
    title,
    channel: 'cli',
    ...(o.description ? { description: o.description } : {}),
    ...(o.tags
      ? {
          tags: o.tags
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        }
      : {}),
    ...(o.anonymous ? { anonymous: true } : {}),
  };
  const r = await s.call<IdeaCreated>('POST', await s.ws('/ideas'), body, o.anonymous ? {} : await s.actor());
  if (s.flags.json) return json(r);
  print(`Added idea #${r.idea.number}: ${r.idea.title} (${r.idea.stage})`);
  if (r.receiptCode) print(`Receipt code (shown once, keep it to follow your idea): ${r.receiptCode}`);
  if (r.similar.length) {
    print('\nSimilar ideas already exist; consider merging:');
    print(
      table(
        r.similar.map((x) => ({ '#': x.number, title: x.title, stage: x.stage, similarity: x.similarity })),
        ['#', 'title', 'stage', 'similarity'],
      ),
    );
  }
}

export async function ideaList(
  s: Session,
  o: {
    stage?: string;
    tag?: string;
    q?: string;
    sort?: string;
    limit?: string;
    offset?: string;
    mine?: boolean;
    archived?: boolean;
  },
) {
  if (o.stage && !(STAGE_IDS as readonly string[]).includes(o.stage))
    throw new CliError(`--stage must be one of: ${STAGE_IDS.join(', ')}`, 2);
  const q = new URLSearchParams();
  for (const k of ['stage', 'tag', 'q', 'sort', 'limit', 'offset', 'mine', 'archived'] as const) {
    if (o[k] !== undefined && o[k] !== false) q.set(k, String(o[k]));
  }
  const page = await s.call<IdeaPage>('GET', `${await s.ws('/ideas')}?${q}`, undefined, o.mine ? await s.actor() : {});
  if (s.flags.json) return json(page);
  print(table(page.items.map(ideaRow), ['#', 'title', 'stage', 'score', 'adjusted', 'tags']));
  print(`${page.offset + 1}-${page.offset + page.items.length} of ${page.total}`);
}

export async function ideaShow(s: Session, ref: string | undefined) {
  if (!ref) throw new CliError('Usage: vetted idea show <number|id>', 2);
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  const [idea, scoreExp, decisions] = await Promise.all([
    s.call<Idea>('GET', base),
    s.call<ScoreExplanation>('GET', `${base}/score`),
    s.call<Decision[]>('GET', `${base}/decisions`),
  ]);
  const frame = await s.client.request('GET', `${base}/frame`);
  if (s.flags.json) return json({ idea, score: scoreExp, decisions, frame: frame.status === 200 ? frame.body : null });
  print(`#${idea.number} ${idea.title}`);
  print(
    `Stage: ${idea.stage}   Submitted by: ${idea.anonymous ? 'anonymous' : (idea.submitter?.name ?? '–')}   Version: ${idea.version}`,
  );
  if (idea.tags.length) print(`Tags: ${idea.tags.join(', ')}`);
  if (idea.description) print(`\n${idea.description}`);
  if (frame.status === 200) {
    const f = frame.body as Frame;
    print('\nProblem frame');
    for (const k of ['who', 'currentState', 'idealState', 'gap'] as const) if (f[k]) print(`  ${k}: ${f[k]}`);
  }
  print('\nScore');
  for (const line of scoreExp.explanation) print(`  ${line}`);
  if (scoreExp.composite !== null) {
    print(
      table(
        scoreExp.dimensions.map((d) => ({
          dimension: d.name,
          weight: d.weight,
          mean: d.mean ?? '–',
          spread: d.spread ?? '–',
          evidence: d.evidenceStrength ?? 'none',
          adjusted: d.adjusted,
        })),
        ['dimension', 'weight', 'mean', 'spread', 'evidence', 'adjusted'],
      ),
    );
  }
  print('\nDecisions');
  if (decisions.length === 0) print('  (none yet)');
  for (const d of decisions) {
    print(
      `  ${d.createdAt.slice(0, 10)} ${d.outcome}: ${d.fromStage} -> ${d.toStage} by ${d.decidedBy?.name ?? '–'}${d.reversible ? ' (reversible)' : ''}`,
    );
    print(`    ${d.rationale}`);
  }
}

export async function ideaMove(
  s: Session,
  ref: string | undefined,
  outcome: string | undefined,
  o: {
    rationale?: string;
    to?: string;
    reversible?: boolean;
    'one-way'?: boolean;
    'review-on'?: string;
    criterion?: string[];
    'override-reason'?: string;
  },
) {
  if (!ref || !outcome || !o.rationale) {
    throw new CliError(
      'Usage: vetted idea move <number|id> <advance|park|kill|reopen> --rationale TEXT [--to STAGE] [--one-way] [--review-on YYYY-MM-DD] [--criterion "text=met|unmet"]…',
      2,
    );
  }
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  const idea = await s.call<Idea>('GET', base);
  const criteria = (o.criterion ?? []).map((c) => {
    const m = /^(.*?)(?:=(met|unmet))?$/.exec(c)!;
    return { criterion: m[1]!.trim(), met: m[2] !== 'unmet' };
  });
  const r = await s.call<DecisionRecorded>(
    'POST',
    `${base}/decisions`,
    {
      outcome,
      rationale: o.rationale,
      reversible: !o['one-way'],
      criteria,
      version: idea.version,
      ...(o.to ? { toStage: o.to } : {}),
      ...(o['review-on'] ? { reviewOn: o['review-on'] } : {}),
      ...(o['override-reason'] ? { overrideReason: o['override-reason'] } : {}),
    },
    await s.actor(),
  );
  if (s.flags.json) return json(r);
  print(
    `#${r.idea.number} ${r.decision.fromStage} -> ${r.decision.toStage} (${outcome}), recorded with its rationale.`,
  );
}

const tagList = (tags: string) =>
  tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/** Change an idea's title, description or tags at the version it has now. */
export async function ideaEdit(
  s: Session,
  ref: string | undefined,
  o: { title?: string; description?: string; tags?: string },
) {
  if (!ref || (o.title === undefined && o.description === undefined && o.tags === undefined))
    throw new CliError('Usage: vetted idea edit <number|id> [--title T] [--description T] [--tags a,b]', 2);
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  const idea = await s.call<Idea>('GET', base);
  const body = {
    version: idea.version,
    ...(o.title !== undefined ? { title: o.title } : {}),
    ...(o.description !== undefined ? { description: o.description } : {}),
    ...(o.tags !== undefined ? { tags: tagList(o.tags) } : {}),
  };
  const r = await s.call<Idea>('PATCH', base, body, await s.actor());
  if (s.flags.json) return json(r);
  print(`Changed #${r.number}: ${r.title} (version ${r.version})`);
}

/** Archive an idea (a soft delete) or restore it. */
export async function ideaArchive(s: Session, ref: string | undefined, archived: boolean) {
  if (!ref) throw new CliError(`Usage: vetted idea ${archived ? 'archive' : 'restore'} <number|id>`, 2);
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  const idea = await s.call<Idea>('GET', base);
  const r = await s.call<Idea>(
    'POST',
    `${base}/${archived ? 'archive' : 'restore'}`,
    { version: idea.version },
    await s.actor(),
  );
  if (s.flags.json) return json(r);
  print(
    archived
      ? `Archived #${r.number}: out of lists and boards; 'vetted idea restore ${r.number}' brings it back.`
      : `Restored #${r.number}: ${r.title}`,
  );
}

export async function ideaMerge(s: Session, ref: string | undefined, o: { into?: string; rationale?: string }) {
  if (!ref || !o.into || !o.rationale)
    throw new CliError('Usage: vetted idea merge <number|id> --into <number|id> --rationale TEXT', 2);
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  const [idea, into] = await Promise.all([
    s.call<Idea>('GET', base),
    s.call<Idea>('GET', await s.ws(`/ideas/${encodeURIComponent(o.into)}`)),
  ]);
  const r = await s.call<MergeResult>(
    'POST',
    `${base}/merge`,
    { intoId: into.id, rationale: o.rationale, version: idea.version },
    await s.actor(),
  );
  if (s.flags.json) return json(r);
  print(`Merged #${idea.number} into #${r.into.number}; its evidence, assessments and followers moved over.`);
}

const criteriaLines = (idea: Idea): string[] => [
  'Success metrics',
  ...(idea.successMetrics.length
    ? idea.successMetrics.map(
        (m, i) =>
          `  ${i + 1}. ${m.metric}: ${m.higherIsBetter === false ? 'down to' : 'up to'} ${m.target}${m.unit ? ` ${m.unit}` : ''}` +
          `${m.baseline !== undefined ? ` from ${m.baseline}` : ''}${m.byWhen ? ` by ${m.byWhen}` : ''}`,
      )
    : ['  (none stated)']),
  'Kill criteria',
  ...(idea.killCriteria.length
    ? idea.killCriteria.map(
        (k, i) =>
          `  ${i + 1}. ${k.statement}${k.metric !== undefined && k.threshold !== undefined ? ` [${k.metric} ${k.higherIsBetter === false ? '>=' : '<='} ${k.threshold}]` : ''}${k.byWhen ? ` by ${k.byWhen}` : ''}`,
      )
    : ['  (none stated)']),
];

const number = (flag: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new CliError(`--${flag} must be a number, not "${v}".`, 2);
  return n;
};

/**
 * The idea's success metrics and kill criteria: shown, added to (one of each per call) or cleared. The API
 * checks every field; the version read here guards against someone else's edit in between.
 */
export async function criteria(s: Session, ref: string | undefined, o: Record<string, string | boolean | undefined>) {
  const usage =
    'Usage: vetted criteria <idea> [--metric M --target N [--baseline N] [--unit U] [--by YYYY-MM-DD] [--lower-is-better]]\n' +
    '       [--kill "We stop if …" [--kill-metric M --kill-threshold N] [--kill-by YYYY-MM-DD]] [--clear-metrics] [--clear-kill]';
  if (!ref) throw new CliError(usage, 2);
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  const idea = await s.call<Idea>('GET', base);
  const lower = o['lower-is-better'] === true;
  const metric = str('metric');
  const kill = str('kill');
  if (!metric && !kill && !o['clear-metrics'] && !o['clear-kill']) {
    if (s.flags.json) return json({ successMetrics: idea.successMetrics, killCriteria: idea.killCriteria });
    return print(criteriaLines(idea).join('\n'));
  }
  if (metric && str('target') === undefined) throw new CliError('A success metric needs --target.', 2);
  const successMetrics = [
    ...(o['clear-metrics'] ? [] : idea.successMetrics),
    ...(metric
      ? [
          {
            metric,
            target: number('target', str('target'))!,
            ...(str('unit') ? { unit: str('unit') } : {}),
            ...(str('baseline') !== undefined ? { baseline: number('baseline', str('baseline')) } : {}),
            ...(str('by') ? { byWhen: str('by') } : {}),
            ...(lower ? { higherIsBetter: false } : {}),
          },
        ]
      : []),
  ];
  const killCriteria = [
    ...(o['clear-kill'] ? [] : idea.killCriteria),
    ...(kill
      ? [
          {
            statement: kill,
            ...(str('kill-metric') ? { metric: str('kill-metric') } : {}),
            ...(str('kill-threshold') !== undefined
              ? { threshold: number('kill-threshold', str('kill-threshold')) }
              : {}),
            ...(str('kill-by') ? { byWhen: str('kill-by') } : {}),
            ...(lower ? { higherIsBetter: false } : {}),
          },
        ]
      : []),
  ];
  const updated = await s.call<Idea>(
    'PATCH',
    base,
    { version: idea.version, successMetrics, killCriteria },
    await s.actor(),
  );
  if (s.flags.json) return json(updated);
  print(`Idea #${updated.number}: criteria saved.\n${criteriaLines(updated).join('\n')}`);
}
