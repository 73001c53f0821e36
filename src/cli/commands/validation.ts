import { readFile } from 'node:fs/promises';
import type {
  AssumptionMapEntry,
  ChallengeReport,
  ChallengeResponse,
  Dismissal,
  Idea,
  Opportunity,
  Recommendation,
  StoredAssumption,
  StoredCompetitor,
  StoredExperiment,
} from '../../schema/index.ts';
import type { Session } from '../context.ts';
import { CliError, json, print, table } from '../output.ts';

function printReport(report: ChallengeReport) {
  const c = report.counts;
  print(`As of ${report.asOf}, rules ${report.methodologyVersion}.`);
  print(
    `${report.findings.length} finding(s): ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low (${report.rulesRun} rules run).`,
  );
  for (const f of report.findings) {
    print(`\n[${f.severity}] ${f.kind}  ${f.ruleId}`);
    if (f.items) for (const item of f.items) print(`  - ${item.subject}: ${item.explanation}`);
    else print(`  ${f.explanation}`);
    print(`  Next ${f.nextType}: ${f.next}`);
  }
  if (report.dismissed.length)
    print(
      `\n${report.dismissed.length} dismissed: ${report.dismissed.map((d) => `${d.finding.ruleId} ("${d.dismissal.reason}")`).join('; ')}`,
    );
}

/** An opportunity file is challenged on the spot: no database, no server. */
/** A --as-of value: a real calendar day, else a usage error before anything runs. */
function asOfOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!ok) throw new CliError(`--as-of must be a date as YYYY-MM-DD, not "${value}".`, 2);
  return value;
}

export async function challengeFile(path: string, asJson: boolean, asOf?: string) {
  const day = asOfOption(asOf);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new CliError(`Cannot read ${path} as JSON: ${(error as Error).message}`);
  }
  // The challenger (with its English tagger) and the validator load only for this command: the others ask the API.
  const [{ challengeReport, asOfMoment }, { defaultDimensions }, { opportunityValidator }, { describeErrors }] =
    await Promise.all([
      import('../../domain/challenger/index.ts'),
      import('../../domain/dimensions.ts'),
      import('../opportunity-validator.ts'),
      import('../../schema/validate.ts'),
    ]);
  // As check() in schema/validate.ts does it: the same messages the API gives.
  const validate = opportunityValidator();
  if (!validate(raw))
    throw new CliError(
      `${path} is not a valid opportunity file:\n${describeErrors(validate.errors ?? [])
        .map((e) => `  ${e.path || '/'}: ${e.message}`)
        .join('\n')}`,
    );
  const report = challengeReport(raw as Opportunity, {
    dimensions: defaultDimensions(),
    now: day ? asOfMoment(day) : new Date(),
  });
  if (asJson) return json(report);
  printReport(report);
}

export async function challenge(
  s: Session,
  ref: string | undefined,
  o: { ai?: boolean; dismiss?: string; subject?: string; reason?: string; 'as-of'?: string },
) {
  const day = asOfOption(o['as-of']);
  if (!ref)
    throw new CliError(
      'Usage: vetted challenge <idea> [--ai] [--as-of YYYY-MM-DD] | --file <opportunity.json> [--as-of YYYY-MM-DD] | <idea> --dismiss RULE --reason T [--subject S]',
      2,
    );
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  if (o.dismiss) {
    if (!o.reason) throw new CliError('A dismissal needs --reason: say why the finding does not apply.', 2);
    const d = await s.call<Dismissal>(
      'POST',
      `${base}/challenge/dismissals`,
      { ruleId: o.dismiss, reason: o.reason, ...(o.subject ? { subject: o.subject } : {}) },
      await s.actor(),
    );
    if (s.flags.json) return json(d);
    return print(`Dismissed ${d.ruleId}${d.subject ? ` (${d.subject})` : ''}: ${d.reason}`);
  }
  const query = new URLSearchParams({ ...(o.ai ? { ai: 'true' } : {}), ...(day ? { asOf: day } : {}) }).toString();
  const r = await s.call<ChallengeResponse>('GET', `${base}/challenge${query ? `?${query}` : ''}`);
  if (s.flags.json) return json(r);
  printReport(r.report);
  if (r.ai) {
    print('\nAI suggestions (not rule findings; check them):');
    if (r.ai.status === 'ok') for (const a of r.ai.suggestions) print(`  - ${a.title}: ${a.next}`);
    else print(`  unavailable: ${r.ai.detail}`);
  }
}

export async function recommendation(s: Session, ref: string | undefined) {
  if (!ref) throw new CliError('Usage: vetted recommend <idea>', 2);
  const r = await s.call<Recommendation>('GET', await s.ws(`/ideas/${encodeURIComponent(ref)}/recommendation`));
  if (s.flags.json) return json(r);
  print(`${r.verdict.toUpperCase()} (${r.reading}): ${r.summary}`);
  for (const reason of r.reasons) print(`  - ${reason.text}`);
}

export async function assumption(
  s: Session,
  sub: string | undefined,
  ref: string | undefined,
  o: Record<string, string | undefined>,
) {
  if (!ref || (sub !== 'add' && sub !== 'list')) {
    throw new CliError(
      'Usage: vetted assumption list <idea> | add <idea> --statement T --kind risk|uncertainty|silent --area A --importance 1-5 [--evidence ID]',
      2,
    );
  }
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  if (sub === 'list') {
    const map = await s.call<AssumptionMapEntry[]>('GET', `${base}/assumption-map`);
    if (s.flags.json) return json(map);
    return print(
      table(
        map.map((a) => ({
          rank: a.rank,
          ref: a.ref,
          kind: a.kind,
          importance: a.importance,
          status: a.status,
          statement: a.statement,
        })),
        ['rank', 'ref', 'kind', 'importance', 'status', 'statement'],
      ),
    );
  }
  const body = {
    statement: o.statement,
    kind: o.kind,
    area: o.area,
    importance: o.importance === undefined ? undefined : Number(o.importance),
    ...(o.evidence ? { evidence: o.evidence.split(',') } : {}),
    ...(o.ref ? { ref: o.ref } : {}),
  };
  const r = await s.call<StoredAssumption>('POST', `${base}/assumptions`, body, await s.actor());
  if (s.flags.json) return json(r);
  print(`Listed assumption ${r.ref}.`);
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

async function findExperiment(s: Session, base: string, which: string | undefined): Promise<StoredExperiment> {
  const all = await s.call<StoredExperiment[]>('GET', `${base}/experiments`);
  const x = all.find((e) => e.id === which || e.ref === which);
  if (!x)
    throw new CliError(`No experiment "${which}" on this idea (known: ${all.map((e) => e.ref).join(', ') || 'none'}).`);
  return x;
}

export async function experiment(
  s: Session,
  sub: string | undefined,
  ref: string | undefined,
  which: string | undefined,
  o: Record<string, string | boolean | undefined>,
) {
  const usage =
    'Usage: vetted experiment list <idea> | add <idea> --hypothesis T --method M --metric T [--because T] [--wrong-when T] [--success N] [--kill N] [--lower-is-better] [--min-sample N] [--deadline D] [--tests A1,A2]\n' +
    '       | start <idea> <experiment> | result <idea> <experiment> --observed N --sample N [--learned T --therefore T] [--interim] | change <idea> <experiment> [--success N] [--kill N] … --reason T';
  if (!ref || !sub) throw new CliError(usage, 2);
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  let result: StoredExperiment | StoredExperiment[];
  switch (sub) {
    case 'list':
      result = await s.call<StoredExperiment[]>('GET', `${base}/experiments`);
      if (s.flags.json) return json(result);
      return print(
        table(
          result.map((e) => ({
            ref: e.ref,
            status: e.status,
            metric: e.metric,
            success: e.successThreshold,
            kill: e.killThreshold,
            observed: e.observed,
            moved: e.goalpostsMoved ? 'yes' : '',
          })),
          ['ref', 'status', 'metric', 'success', 'kill', 'observed', 'moved'],
        ),
      );
    case 'add': {
      const body = {
        hypothesis: str('hypothesis'),
        method: str('method'),
        metric: str('metric'),
        ...(str('because') ? { because: str('because') } : {}),
        ...(str('wrong-when') ? { wrongWhen: str('wrong-when') } : {}),
        ...(str('success') ? { successThreshold: num(str('success')) } : {}),
        ...(str('kill') ? { killThreshold: num(str('kill')) } : {}),
        ...(o['lower-is-better'] ? { higherIsBetter: false } : {}),
        ...(str('min-sample') ? { minSample: num(str('min-sample')) } : {}),
        ...(str('deadline') ? { deadline: str('deadline') } : {}),
        ...(str('tests') ? { tests: str('tests')!.split(',') } : {}),
      };
      result = await s.call<StoredExperiment>('POST', `${base}/experiments`, body, await s.actor());
      break;
    }
    case 'start': {
      const x = await findExperiment(s, base, which);
      result = await s.call<StoredExperiment>(
        'POST',
        `${base}/experiments/${x.id}/start`,
        { version: x.version },
        await s.actor(),
      );
      break;
    }
    case 'result': {
      const x = await findExperiment(s, base, which);
      const body = {
        version: x.version,
        observed: num(str('observed')),
        sample: num(str('sample')),
        ...(str('learned') && str('therefore')
          ? { learningCard: { observed: str('learned'), therefore: str('therefore') } }
          : {}),
        ...(o.interim ? { complete: false } : {}),
      };
      result = await s.call<StoredExperiment>('POST', `${base}/experiments/${x.id}/result`, body, await s.actor());
      break;
    }
    case 'change': {
      const x = await findExperiment(s, base, which);
      const body = {
        version: x.version,
        ...(str('success') ? { successThreshold: num(str('success')) } : {}),
        ...(str('kill') ? { killThreshold: num(str('kill')) } : {}),
        ...(str('min-sample') ? { minSample: num(str('min-sample')) } : {}),
        ...(str('deadline') ? { deadline: str('deadline') } : {}),
        ...(str('metric') ? { metric: str('metric') } : {}),
        ...(str('reason') ? { reason: str('reason') } : {}),
      };
      result = await s.call<StoredExperiment>('PATCH', `${base}/experiments/${x.id}`, body, await s.actor());
      break;
    }
    default:
      throw new CliError(usage, 2);
  }
  if (s.flags.json) return json(result);
  const x = result as StoredExperiment;
  print(
    `Experiment ${x.ref}: ${x.status}${x.locked ? `, criteria locked on ${x.locked.lockedOn}` : ''}${x.goalpostsMoved ? ', goalposts moved (recorded)' : ''}.`,
  );
}

export async function competitor(
  s: Session,
  sub: string | undefined,
  ref: string | undefined,
  o: Record<string, string | boolean | undefined>,
) {
  if (!ref || (sub !== 'add' && sub !== 'list' && sub !== 'ours')) {
    throw new CliError(
      'Usage: vetted competitor list <idea> | add <idea> --name T --kind direct|indirect|substitute [--strengths a;b] [--weaknesses a;b] [--price T] | ours <idea> [--rate "Speed=4,Price=2"] [--clear]',
      2,
    );
  }
  if (sub === 'ours') return ourRatings(s, ref, typeof o.rate === 'string' ? o.rate : undefined, o.clear === true);
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}/competitors`);
  if (sub === 'list') {
    const list = await s.call<StoredCompetitor[]>('GET', base);
    if (s.flags.json) return json(list);
    return print(
      table(
        list.map((c) => ({ name: c.name, kind: c.kind, price: c.price, strengths: (c.strengths ?? []).join('; ') })),
        ['name', 'kind', 'price', 'strengths'],
      ),
    );
  }
  const split = (v: string | undefined) =>
    v
      ? v
          .split(';')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined;
  const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
  const body = {
    name: text(o.name),
    kind: text(o.kind),
    ...(split(text(o.strengths)) ? { strengths: split(text(o.strengths)) } : {}),
    ...(split(text(o.weaknesses)) ? { weaknesses: split(text(o.weaknesses)) } : {}),
    ...(o.price ? { price: text(o.price) } : {}),
  };
  const r = await s.call<StoredCompetitor>('POST', base, body, await s.actor());
  if (s.flags.json) return json(r);
  print(`Added ${r.kind} competitor ${r.name}.`);
}

/** "Speed=4, Price=2" as ratings 0..5; a rating outside that range is refused here, before anything is sent. */
function ratings(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s*=\s*([0-5])$/.exec(part);
    if (!m) throw new CliError(`--rate "${part}" is not CAPABILITY=0..5, like Speed=4.`, 2);
    out[m[1]!.trim()] = Number(m[2]);
  }
  return out;
}

/**
 * Our own product rated on the competitors' capabilities (0..5), so that the positioning chart can place it;
 * --rate adds to or changes the ratings kept, --clear removes them all.
 */
async function ourRatings(s: Session, ref: string, rate: string | undefined, clear: boolean) {
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  let idea = await s.call<Idea>('GET', base);
  if (rate || clear) {
    const capabilities = clear ? null : { ...(idea.capabilities ?? {}), ...ratings(rate!) };
    idea = await s.call<Idea>('PATCH', base, { version: idea.version, capabilities }, await s.actor());
  }
  if (s.flags.json) return json(idea.capabilities ?? {});
  const rows = Object.entries(idea.capabilities ?? {}).map(([capability, rating]) => ({ capability, rating }));
  if (!rows.length) return print('Our own product is not rated yet: add --rate "Speed=4,Price=2".');
  print(table(rows, ['capability', 'rating']));
}
