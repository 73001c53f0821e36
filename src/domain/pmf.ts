import {
  CHALLENGE_THRESHOLDS,
  PMF_GUARDS,
  PMF_LEVEL_WORDS,
  PMF_SCALE_QUESTION,
  PMF_SIGNALS,
  PMF_STATUSES,
  type PmfGuardId,
  type PmfLevel,
  type PmfSignalId,
  type PmfStatus,
  SEAN_ELLIS_PATTERNS,
  type SeanEllisAnswer,
  PMF_THRESHOLDS as T,
} from '../methodology/index.ts';
import type {
  EconomicsFields,
  PmfData,
  PmfGuard,
  PmfReadout,
  PmfSignal,
  RetentionCohort,
  SeanEllisSurvey,
} from '../schema/index.ts';
import { formatShare, normaliseEconomics, unitEconomics } from './economics.ts';

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The Wilson score interval for a share of `successes` in `n`: unlike the normal approximation it stays
 * inside 0..1 and behaves at small samples and extreme shares, which is where a survey's answer matters.
 *   centre = (p + z²/2n) / (1 + z²/n),  half-width = z/(1 + z²/n) × √(p(1−p)/n + z²/4n²)
 */
export function wilsonInterval(successes: number, n: number, z: number = T.confidenceZ): { low: number; high: number } {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export type CsvRecords = readonly Record<string, string>[];
export type ImportProblem = { row: number; message: string };
/** An import either reads the whole file or says, row by row, why not: nothing is half-read. */
export type ImportResult<T> = { ok: true; value: T } | { ok: false; problems: ImportProblem[] };
const ok = <T>(value: T): ImportResult<T> => ({ ok: true, value });
const err = (problems: ImportProblem[]): { ok: false; problems: ImportProblem[] } => ({ ok: false, problems });

/** The answer a survey cell gives, or null when it is none of them. */
export function seanEllisAnswer(cell: string): SeanEllisAnswer | null {
  const text = cell.trim();
  return SEAN_ELLIS_PATTERNS.find((p) => p.pattern.test(text))?.answer ?? null;
}

/**
 * A Sean Ellis survey export: one response a row. The answer column is the one whose header mentions
 * "disappointed", else the only column. Empty answers are skipped; an answer that is none of the four is an
 * error with its row number (row 1 is the header), never guessed at.
 */
export function surveyFromRecords(records: CsvRecords): ImportResult<Omit<SeanEllisSurvey, 'source'>> {
  const header = Object.keys(records[0] ?? {});
  const column = header.find((h) => /disappointed/i.test(h)) ?? (header.length === 1 ? header[0] : undefined);
  if (!column)
    return err([
      { row: 1, message: 'No answer column: name it with "disappointed" (e.g. "How disappointed would you be…").' },
    ]);
  const counts = { very: 0, somewhat: 0, not: 0, 'not-applicable': 0 };
  const problems: ImportProblem[] = [];
  records.forEach((r, i) => {
    const cell = (r[column] ?? '').trim();
    if (!cell) return;
    const answer = seanEllisAnswer(cell);
    if (answer) counts[answer]++;
    else if (problems.length < 20)
      problems.push({
        row: i + 2,
        message: `"${cell.slice(0, 60)}" is not an answer (very / somewhat / not disappointed, or N/A).`,
      });
  });
  if (problems.length) return err(problems);
  if (counts.very + counts.somewhat + counts.not === 0) return err([{ row: 1, message: 'The file holds no answers.' }]);
  return ok({
    veryDisappointed: counts.very,
    somewhatDisappointed: counts.somewhat,
    notDisappointed: counts.not,
    notApplicable: counts['not-applicable'],
  });
}

/**
 * A retention cohort table: a cohort a row, oldest first; columns `cohort`, `size`, then `d<N>` (or `day<N>`)
 * holding the users still active on day N, as a count or as a share ("42 %" or 0.42).
 */
export function cohortsFromRecords(records: CsvRecords): ImportResult<RetentionCohort[]> {
  const header = Object.keys(records[0] ?? {});
  const lower = (h: string) => h.trim().toLowerCase();
  const cohortCol = header.find((h) => lower(h) === 'cohort');
  const sizeCol = header.find((h) => ['size', 'users', 'signups'].includes(lower(h)));
  const days = header.flatMap((h) => {
    const m = /^(?:d|day\s*)(\d{1,4})$/.exec(lower(h));
    return m ? [{ h, day: Number(m[1]) }] : [];
  });
  const head: ImportProblem[] = [];
  if (!cohortCol) head.push({ row: 1, message: 'The header has no "cohort" column.' });
  if (!sizeCol) head.push({ row: 1, message: 'The header has no "size" column (users in the cohort).' });
  if (days.length === 0) head.push({ row: 1, message: 'The header has no day columns (d1, d7, d30…).' });
  if (head.length) return err(head);
  const problems: ImportProblem[] = [];
  const cohorts: RetentionCohort[] = [];
  records.forEach((r, i) => {
    const row = i + 2;
    const size = Number((r[sizeCol!] ?? '').trim());
    if (!Number.isInteger(size) || size < 1) {
      problems.push({ row, message: `The size "${r[sizeCol!] ?? ''}" is not a whole number of users.` });
      return;
    }
    const retained: RetentionCohort['retained'] = [];
    for (const { h, day } of days) {
      const cell = (r[h] ?? '').trim();
      if (!cell) continue; // a young cohort has not reached this day yet
      const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(cell);
      const n = pct ? Number(pct[1]) / 100 : Number(cell);
      const users = pct || (n > 0 && n < 1) ? Math.round(n * size) : n;
      if (!Number.isFinite(users) || users < 0 || users > size || !Number.isInteger(users)) {
        problems.push({ row, message: `Day ${day}: "${cell}" is not a count or share of the ${size} users.` });
        continue;
      }
      retained.push({ day, users });
    }
    cohorts.push({ cohort: (r[cohortCol!] ?? '').trim() || `row ${row}`, size, retained });
  });
  if (problems.length) return err(problems.slice(0, 20));
  if (cohorts.length === 0) return err([{ row: 1, message: 'The file holds no cohorts.' }]);
  return ok(cohorts);
}

/** A cohort's share still active on a day, from its retained counts. */
const shareOn = (c: RetentionCohort, day: number): number | null => {
  const point = c.retained.find((p) => p.day === day);
  return point ? point.users / c.size : null;
};

/** All cohorts pooled, day by day: users retained ÷ users in the cohorts that reached that day. */
function pooledCurve(cohorts: readonly RetentionCohort[]): { day: number; share: number }[] {
  const days = [...new Set(cohorts.flatMap((c) => c.retained.map((p) => p.day)))].sort((a, b) => a - b);
  return days.map((day) => {
    const reached = cohorts.filter((c) => c.retained.some((p) => p.day === day));
    const users = reached.reduce((s, c) => s + c.retained.find((p) => p.day === day)!.users, 0);
    return { day, share: users / reached.reduce((s, c) => s + c.size, 0) };
  });
}

type Read = { status: PmfStatus; evidence: string; sample: number | null };
const NOT_MEASURED = (what: string): Read => ({ status: 'not-measured', evidence: `No ${what} yet.`, sample: null });

function desirability(survey: SeanEllisSurvey | undefined): { read: Read; view: PmfReadout['survey'] } {
  if (!survey) return { read: NOT_MEASURED('Sean Ellis survey'), view: null };
  const n = survey.veryDisappointed + survey.somewhatDisappointed + survey.notDisappointed;
  if (n === 0) return { read: NOT_MEASURED('survey answers'), view: null };
  const share = survey.veryDisappointed / n;
  const { low, high } = wilsonInterval(survey.veryDisappointed, n);
  let status: PmfStatus =
    share >= T.veryDisappointedStrong ? 'strong' : share >= T.veryDisappointedModerate ? 'moderate' : 'weak';
  const small = n < T.surveyMinSample;
  if (small && status === 'strong') status = 'moderate';
  const evidence =
    `${formatShare(share)} of ${n} answers "very disappointed" (95 % interval ${formatShare(low)}–${formatShare(high)}); ` +
    `the line is ${formatShare(T.veryDisappointedStrong)}` +
    (small ? `, and fewer than ${T.surveyMinSample} answers cannot show more than a moderate signal.` : '.');
  return {
    read: { status, evidence, sample: n },
    view: { n, veryDisappointed: survey.veryDisappointed, share: round(share), low: round(low), high: round(high) },
  };
}

function retention(cohorts: readonly RetentionCohort[]): {
  read: Read;
  trend: PmfReadout['retention']['trend'];
  flattening: boolean | null;
} {
  if (cohorts.length === 0) return { read: NOT_MEASURED('retention cohorts'), trend: null, flattening: null };
  const day = T.retentionDay;
  const withD30 = cohorts.filter((c) => shareOn(c, day) !== null);
  const recent = withD30.slice(-T.recentCohorts);
  let trend: PmfReadout['retention']['trend'] = null;
  if (recent.length >= 2) {
    const change = shareOn(recent.at(-1)!, day)! - shareOn(recent[0]!, day)!;
    trend = change > T.trendTolerance ? 'rising' : change < -T.trendTolerance ? 'falling' : 'flat';
  }
  const curve = pooledCurve(cohorts);
  let flattening: boolean | null = null;
  if (curve.length >= 3) {
    const [a, b] = curve.slice(-2) as [{ day: number; share: number }, { day: number; share: number }];
    flattening = ((a.share - b.share) / (b.day - a.day)) * 30 <= T.flatteningDropPer30Days;
  }
  const sample = cohorts.reduce((s, c) => s + c.size, 0);
  const latest = recent.length ? shareOn(recent.at(-1)!, day)! : null;
  let status: PmfStatus = 'weak';
  if (flattening && trend !== 'falling' && latest !== null && latest >= T.d30Strong) status = 'strong';
  else if (flattening || trend === 'rising') status = 'moderate';
  const parts = [
    latest !== null ? `D${day} of the latest cohort ${formatShare(latest)}` : `no cohort has reached day ${day} yet`,
    trend ? `${trend} across the last ${recent.length} cohorts` : 'too few cohorts for a trend',
    flattening === null
      ? 'too few points to tell whether the curve flattens'
      : flattening
        ? 'the curve flattens'
        : 'the curve is still falling',
  ];
  return { read: { status, evidence: `${parts.join('; ')}.`, sample }, trend, flattening };
}

function economics(e: EconomicsFields | null | undefined): Read {
  const u = unitEconomics(normaliseEconomics(e ?? {}));
  if (u.ltvToCac === null) return NOT_MEASURED('LTV/CAC (the unit economics lack an input)');
  const { ltvToCacMin, paybackMonthsMax } = CHALLENGE_THRESHOLDS;
  const payback = u.paybackMonths;
  const paysBack = payback !== null && payback <= paybackMonthsMax;
  const status: PmfStatus = u.ltvToCac > ltvToCacMin && paysBack ? 'strong' : u.ltvToCac >= 1 ? 'moderate' : 'weak';
  const evidence =
    `LTV/CAC ${u.ltvToCac} (above ${ltvToCacMin} needed), payback ` +
    `${payback === null ? 'never' : `${payback} months`} (within ${paybackMonthsMax} needed).`;
  return { status, evidence, sample: null };
}

function organic(o: PmfData['organic']): Read {
  if (!o) return NOT_MEASURED('acquisition split');
  const share = o.organicNewUsers / o.totalNewUsers;
  const status: PmfStatus = share >= T.organicStrong ? 'strong' : share >= T.organicModerate ? 'moderate' : 'weak';
  return {
    status,
    evidence: `${formatShare(share)} of ${o.totalNewUsers} new users${o.period ? ` (${o.period})` : ''} arrived organically; the line is ${formatShare(T.organicStrong)}.`,
    sample: o.totalNewUsers,
  };
}

function guards(d: PmfData): PmfGuard[] {
  const read: Record<PmfGuardId, Omit<PmfGuard, 'id' | 'name'>> = {
    'support-tickets': { status: 'not-measured', evidence: 'Fewer than two periods of support tickets.' },
    onboarding: { status: 'not-measured', evidence: 'No onboarding completion yet.' },
  };
  const t = d.supportTickets ?? [];
  if (t.length >= 2) {
    const first = t[0]!;
    const last = t.at(-1)!;
    read['support-tickets'] = {
      status: last.ticketsPerUser < first.ticketsPerUser ? 'holds' : 'fails',
      evidence: `${first.ticketsPerUser} tickets per user in ${first.period}, ${last.ticketsPerUser} in ${last.period}.`,
    };
  }
  if (d.onboarding) {
    const share = d.onboarding.completed / d.onboarding.started;
    read.onboarding = {
      status: share > T.onboardingCompletion ? 'holds' : 'fails',
      evidence: `${formatShare(share)} of ${d.onboarding.started} new users finished onboarding; above ${formatShare(T.onboardingCompletion)} is needed.`,
    };
  }
  return PMF_GUARDS.map((g) => ({ id: g.id, name: g.name, ...read[g.id] }));
}

const rank = (s: PmfStatus) => PMF_STATUSES.indexOf(s);

/**
 * Product-market fit from four signals that must converge. Ready to scale only when all four are strong and
 * both guards hold; otherwise the weakest signal (the first in the method's order on a tie), or the failing
 * guard, holds it back, with the question to answer.
 */
export function pmfReadout(data: PmfData | null | undefined, econ: EconomicsFields | null | undefined): PmfReadout {
  const d = data ?? {};
  const cohorts = d.cohorts ?? [];
  const des = desirability(d.survey);
  const ret = retention(cohorts);
  const reads: Record<PmfSignalId, Read> = {
    desirability: des.read,
    retention: ret.read,
    economics: economics(econ),
    organic: organic(d.organic),
  };
  const signals: PmfSignal[] = PMF_SIGNALS.map((s) => ({ id: s.id, name: s.name, ...reads[s.id] }));
  const g = guards(d);
  const strong = signals.filter((s) => s.status === 'strong').length;
  const atLeastModerate = signals.filter((s) => rank(s.status) >= rank('moderate')).length;
  const guardsHold = g.every((x) => x.status === 'holds');
  const level: PmfLevel =
    strong === signals.length && guardsHold
      ? 'extreme'
      : strong >= 3
        ? 'strong'
        : atLeastModerate >= 2
          ? 'developing'
          : 'nascent';
  let holdingBack: PmfReadout['holdingBack'] = null;
  const weakest = signals.reduce((a, b) => (rank(b.status) < rank(a.status) ? b : a));
  if (weakest.status !== 'strong') {
    const words = PMF_SIGNALS.find((s) => s.id === weakest.id)!;
    holdingBack = { id: weakest.id, name: weakest.name, question: words.question };
  } else {
    const failing = g.find((x) => x.status !== 'holds');
    if (failing) {
      const words = PMF_GUARDS.find((x) => x.id === failing.id)!;
      holdingBack = { id: failing.id, name: failing.name, question: words.question };
    }
  }
  return {
    signals,
    guards: g,
    level,
    levelWords: PMF_LEVEL_WORDS[level],
    readyToScale: level === 'extreme',
    holdingBack,
    scaleQuestion: PMF_SCALE_QUESTION,
    survey: des.view,
    cohorts: cohorts.map((c) => {
      const d30 = shareOn(c, T.retentionDay);
      return {
        cohort: c.cohort,
        size: c.size,
        d30: d30 === null ? null : round(d30),
        curve: [...c.retained]
          .sort((a, b) => a.day - b.day)
          .map((p) => ({ day: p.day, share: round(p.users / c.size) })),
      };
    }),
    retention: { trend: ret.trend, flattening: ret.flattening },
  };
}
