import { readFile } from 'node:fs/promises';
import { formatMoney, formatShare } from '../../domain/economics.ts';
import { ECONOMICS_SCENARIOS } from '../../methodology/index.ts';
import type { EconomicsFields, EconomicsReadout, Idea, LaunchPlan, PmfData, PmfReadout } from '../../schema/index.ts';
import type { Session } from '../context.ts';
import { CliError, json, print, table } from '../output.ts';

const ECONOMICS_USAGE =
  'Usage: vetted economics show <idea> | set <idea> [--file economics.json] [--currency EUR] [--arpa 49.00] [--margin 0.7] [--churn 0.03] [--cac 400.00]';

/** A figure typed in major units (49.00) as minor units (4900); a share as a number 0..1. */
function minor(flag: string, text: string): number {
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) throw new CliError(`--${flag} "${text}" is not an amount like 49.00.`, 2);
  return Math.round(Number(text) * 100);
}
function share(flag: string, text: string): number {
  const n = Number(text);
  if (!/^-?\d*\.?\d+$/.test(text) || n < -1 || n > 1)
    throw new CliError(`--${flag} "${text}" is not a share like 0.7.`, 2);
  return n;
}

const money = (n: number | null, c: string | null) => (n === null ? '–' : formatMoney(n, c));

function printEconomics(r: EconomicsReadout) {
  const c = r.scenarios.base.currency;
  print(
    table(
      ECONOMICS_SCENARIOS.map((name) => {
        const u = r.scenarios[name];
        return {
          scenario: name,
          contribution: money(u.contributionMarginMonthly, c),
          ltv: money(u.ltv, c),
          'ltv/cac': u.ltvToCac ?? '–',
          payback: u.neverPaysBack ? 'never' : (u.paybackMonths ?? '–'),
        };
      }),
      ['scenario', 'contribution', 'ltv', 'ltv/cac', 'payback'],
    ),
  );
  if (r.channels.length) {
    print('');
    print(
      table(
        r.channels.map((ch) => ({
          channel: ch.channel,
          cac: money(ch.cac, c),
          share: formatShare(ch.share),
          'ltv/cac': ch.ltvToCac ?? '–',
        })),
        ['channel', 'cac', 'share', 'ltv/cac'],
      ),
    );
  }
  if (r.assumptions.length) print(`\nAssumptions (on the assumption map): ${r.assumptions.join(', ')}`);
  if (r.unsourced.length) print(`No source: ${r.unsourced.join(', ')}`);
  for (const line of r.sizing.explanation) print(line);
  for (const line of r.scenarios.base.missing.length ? [`Missing: ${r.scenarios.base.missing.join(', ')}`] : [])
    print(line);
}

export async function economics(
  s: Session,
  action: string | undefined,
  ref: string | undefined,
  o: Record<string, string | undefined>,
) {
  if (!ref || (action !== 'show' && action !== 'set')) throw new CliError(ECONOMICS_USAGE, 2);
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  if (action === 'set') {
    const idea = await s.call<Idea>('GET', base);
    let next: EconomicsFields = { ...(idea.economics ?? {}) };
    if (o.file) {
      try {
        next = JSON.parse(await readFile(o.file, 'utf8')) as EconomicsFields;
      } catch (error) {
        throw new CliError(`Cannot read ${o.file}: ${(error as Error).message}`, 2);
      }
    }
    if (o.currency) next.currency = o.currency.toUpperCase();
    if (o.arpa) next.arpuMonthly = minor('arpa', o.arpa);
    if (o.margin) next.grossMargin = share('margin', o.margin);
    if (o.churn) next.monthlyChurn = share('churn', o.churn);
    if (o.cac) {
      next.cac = minor('cac', o.cac);
      delete next.cacChannels; // a CAC typed in replaces the blend of channels
    }
    // The server checks every field; a typo in the file is a problem naming it, and nothing is saved.
    await s.call('PATCH', base, { version: idea.version, economics: next }, await s.actor());
  }
  const r = await s.call<EconomicsReadout>('GET', `${base}/economics`);
  if (s.flags.json) return json(r);
  printEconomics(r);
}

const PMF_USAGE =
  'Usage: vetted pmf show <idea> | import <idea> sean-ellis|cohorts <file.csv> [--source T] | set <idea> [--organic N/TOTAL] [--onboarding DONE/STARTED] [--tickets "Q2:0.4,Q3:0.3"]';

/** "45/120" as two whole numbers, the first no larger than the second. */
function pair(flag: string, text: string): [number, number] {
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[1]) > Number(m[2]))
    throw new CliError(`--${flag} "${text}" is not a count of a total, like 45/120.`, 2);
  return [Number(m[1]), Number(m[2])];
}

/** The measures typed in on the command line, laid over what is stored. */
function measures(current: PmfData, o: Record<string, string | undefined>): PmfData {
  const next: PmfData = { ...current };
  if (o.organic) {
    const [organicNewUsers, totalNewUsers] = pair('organic', o.organic);
    next.organic = { organicNewUsers, totalNewUsers };
  }
  if (o.onboarding) {
    const [completed, started] = pair('onboarding', o.onboarding);
    next.onboarding = { completed, started };
  }
  if (o.tickets) {
    next.supportTickets = o.tickets.split(',').map((part) => {
      const m = /^\s*(.{1,40}?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
      if (!m) throw new CliError(`--tickets "${part}" is not PERIOD:TICKETS-PER-USER, like Q3:0.4.`, 2);
      return { period: m[1]!, ticketsPerUser: Number(m[2]) };
    });
  }
  return next;
}

export async function pmf(
  s: Session,
  action: string | undefined,
  ref: string | undefined,
  rest: string[],
  o: Record<string, string | undefined>,
) {
  if (!ref || !['show', 'import', 'set'].includes(action ?? '')) throw new CliError(PMF_USAGE, 2);
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  if (action === 'set') {
    if (!o.organic && !o.onboarding && !o.tickets) throw new CliError(PMF_USAGE, 2);
    const idea = await s.call<Idea>('GET', base);
    const pmf = measures(idea.pmf ?? {}, o);
    await s.call('PATCH', base, { version: idea.version, pmf }, await s.actor());
  }
  if (action === 'import') {
    const [kind, file] = rest;
    if ((kind !== 'sean-ellis' && kind !== 'cohorts') || !file) throw new CliError(PMF_USAGE, 2);
    let csv: string;
    try {
      csv = await readFile(file, 'utf8');
    } catch (error) {
      throw new CliError(`Cannot read ${file}: ${(error as Error).message}`, 2);
    }
    const idea = await s.call<Idea>('GET', base);
    await s.call(
      'POST',
      `${base}/pmf/import`,
      { version: idea.version, kind, csv, ...(o.source ? { source: o.source } : {}) },
      await s.actor(),
    );
  }
  const r = await s.call<PmfReadout>('GET', `${base}/pmf`);
  if (s.flags.json) return json(r);
  print(`Product-market fit: ${r.levelWords}`);
  print(
    table(
      r.signals.map((x) => ({ signal: x.name, status: x.status, sample: x.sample ?? '', evidence: x.evidence })),
      ['signal', 'status', 'sample', 'evidence'],
    ),
  );
  for (const g of r.guards) print(`Guard: ${g.name}: ${g.status}. ${g.evidence}`);
  print(r.readyToScale ? 'Ready to scale.' : `Held back by ${r.holdingBack?.name}: ${r.holdingBack?.question}`);
  print(r.scaleQuestion);
}

const LAUNCH_USAGE =
  'Usage: vetted launch show <idea> | set <idea> [--file plan.json] [--budget 250000.00] [--currency EUR] [--people 4] [--months 6] [--buys T] [--gtm T] [--team "Role=Name;Role"]';

/** A whole number in a range, typed on the command line. */
function whole(flag: string, text: string, max: number): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) > max)
    throw new CliError(`--${flag} "${text}" is not a whole number up to ${max}.`, 2);
  return Number(text);
}

/** "Engineering lead=Ana Ruiz;Designer" as seats: a role, and its person once someone is named. */
function seats(text: string): NonNullable<LaunchPlan['team']> {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [role, name] = part.split('=').map((x) => x.trim());
      if (!role) throw new CliError(`--team "${part}" has no role: write ROLE or ROLE=NAME.`, 2);
      return { role, ...(name ? { name } : {}) };
    });
}

function printLaunchPlan(idea: Idea) {
  const p = idea.launchPlan;
  if (!p) return print('No launch plan yet.');
  const a = p.ask ?? {};
  const cur = a.currency ?? idea.economics?.currency ?? null;
  print(`Budget: ${a.budget !== undefined ? formatMoney(a.budget, cur) : '–'}`);
  print(`People: ${a.people ?? '–'}`);
  print(`Months: ${a.months ?? '–'}`);
  print(`Buys: ${a.buys ?? '–'}`);
  if (p.team?.length) {
    print('');
    print(
      table(
        p.team.map((t) => ({
          role: t.role,
          name: t.name ?? '(open)',
          time: t.share !== undefined ? formatShare(t.share) : '',
        })),
        ['role', 'name', 'time'],
      ),
    );
  }
  print(`\nGo-to-market: ${p.goToMarket ?? '–'}`);
}

/** The idea's launch plan: the ask (budget, people, time, what it buys), the team, the go-to-market plan. */
export async function launch(
  s: Session,
  action: string | undefined,
  ref: string | undefined,
  o: Record<string, string | undefined>,
) {
  if (!ref || (action !== 'show' && action !== 'set')) throw new CliError(LAUNCH_USAGE, 2);
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  let idea = await s.call<Idea>('GET', base);
  if (action === 'set') {
    let next: LaunchPlan = { ...(idea.launchPlan ?? {}) };
    if (o.file) {
      try {
        next = JSON.parse(await readFile(o.file, 'utf8')) as LaunchPlan;
      } catch (error) {
        throw new CliError(`Cannot read ${o.file}: ${(error as Error).message}`, 2);
      }
    }
    const ask = { ...(next.ask ?? {}) };
    if (o.budget) ask.budget = minor('budget', o.budget);
    if (o.currency) ask.currency = o.currency.toUpperCase();
    if (o.people) ask.people = whole('people', o.people, 10_000);
    if (o.months) ask.months = whole('months', o.months, 120);
    if (o.buys) ask.buys = o.buys;
    if (Object.keys(ask).length) next.ask = ask;
    if (o.team) next.team = seats(o.team);
    if (o.gtm) next.goToMarket = o.gtm;
    // The server checks every field; a bad one is a problem naming it, and nothing is saved.
    idea = await s.call<Idea>('PATCH', base, { version: idea.version, launchPlan: next }, await s.actor());
  }
  if (s.flags.json) return json(idea.launchPlan);
  printLaunchPlan(idea);
}
