import { TRAIT_IDS, type TraitId } from '../../methodology/index.ts';
import type {
  Cycle,
  Member,
  Plan,
  RaterInvited,
  RatingRequest,
  TraitInsights,
  TraitRatingInput,
} from '../../schema/index.ts';
import type { Session } from '../context.ts';
import { CliError, json, print, table } from '../output.ts';

/**
 * `vetted traits …` and `vetted plan …`: your own 360 and development plan, through the same personal API
 * routes as the web app. They act as the member named by --as (or the signed-in account), and only ever
 * read that member's own data.
 */

const TRAITS_USAGE = `Usage:
  vetted traits                         your current cycle: your ratings and whom you asked
  vetted traits start                   start a cycle (an assessment or a reassessment)
  vetted traits rate <trait>=<1-5>… [--example "<trait>=when you saw it"]…
  vetted traits invite --group manager|peer|report|cross-functional (--member NAME | --link [--label L])
  vetted traits close                   close the cycle: others are summarised (per group, at least 3 raters)
  vetted traits summary                 per trait: you, others, each group; blind spots; the weakest trait
  vetted traits requests                requests to rate someone, waiting for you
  vetted traits answer <request> <trait>=<1-5>… [--example "<trait>=…"]… [--consent]
Traits: ${TRAIT_IDS.join(', ')}`;

const PLAN_USAGE = `Usage:
  vetted plan                                   your current development plan
  vetted plan make --stage early|mid|senior [--idea "idea #14"]
  vetted plan note "<what happened>" [--check-in]`;

/** `trait=score` pairs, with `--example trait=text` joined to them. */
export function parseRatings(pairs: string[], examples: string[] = []): TraitRatingInput[] {
  if (pairs.length === 0) throw new CliError(`Give at least one <trait>=<1-5>.\n${TRAITS_USAGE}`, 2);
  const traitOf = (t: string): TraitId => {
    if (!(TRAIT_IDS as readonly string[]).includes(t))
      throw new CliError(`Unknown trait "${t}". Traits: ${TRAIT_IDS.join(', ')}.`, 2);
    return t as TraitId;
  };
  const said = new Map<string, string>();
  for (const e of examples) {
    const at = e.indexOf('=');
    if (at < 1) throw new CliError(`--example takes <trait>=<text>, not "${e}".`, 2);
    said.set(traitOf(e.slice(0, at)), e.slice(at + 1));
  }
  return pairs.map((p) => {
    const m = /^([a-z-]+)=(\d)$/.exec(p);
    if (!m) throw new CliError(`"${p}" is not <trait>=<1-5>.`, 2);
    const trait = traitOf(m[1]!);
    const example = said.get(trait);
    return { trait, score: Number(m[2]), ...(example ? { example } : {}) };
  });
}

async function currentCycle(s: Session): Promise<Cycle> {
  const all = await s.call<Cycle[]>('GET', await s.ws('/traits/cycles'), undefined, await s.actor());
  const last = all.at(-1);
  if (!last) throw new CliError('You have no cycle yet: start one with `vetted traits start`.');
  return last;
}

function showCycle(c: Cycle) {
  print(`Cycle opened ${c.openedAt.slice(0, 10)}${c.closedAt ? `, closed ${c.closedAt.slice(0, 10)}` : ' (open)'}.`);
  print(table(c.self, ['trait', 'score', 'example']));
  print(`\nAsked to rate you (${c.raters.length}):`);
  print(table(c.raters, ['group', 'name', 'via']));
}

export async function traits(
  s: Session,
  action: string | undefined,
  args: string[],
  o: Record<string, string | string[] | boolean | undefined>,
) {
  const actor = await s.actor();
  const examples = (o.example as string[] | undefined) ?? [];
  if (!action) {
    const c = await currentCycle(s);
    return s.flags.json ? json(c) : showCycle(c);
  }
  if (action === 'start') {
    const c = await s.call<Cycle>('POST', await s.ws('/traits/cycles'), undefined, actor);
    return s.flags.json ? json(c) : print(`Cycle started. Rate yourself with \`vetted traits rate <trait>=<1-5>…\`.`);
  }
  if (action === 'rate') {
    const c = await currentCycle(s);
    const ratings = parseRatings(args, examples);
    const next = await s.call<Cycle>(
      'PUT',
      await s.ws(`/traits/cycles/${c.id}/self`),
      { version: c.version, ratings },
      actor,
    );
    return s.flags.json ? json(next) : print(`Rated ${ratings.length} trait(s); ${next.self.length} of 9 rated.`);
  }
  if (action === 'invite') {
    const c = await currentCycle(s);
    if (!o.group)
      throw new CliError(`Say which group: --group manager|peer|report|cross-functional.\n${TRAITS_USAGE}`, 2);
    let memberId: string | undefined;
    if (o.member) {
      const list = await s.call<Member[]>('GET', await s.ws('/members'));
      const wanted = String(o.member).toLowerCase();
      const m = list.find(
        (x) => x.id === o.member || x.name.toLowerCase() === wanted || x.email?.toLowerCase() === wanted,
      );
      if (!m) throw new CliError(`No member "${o.member}" in workspace "${await s.workspace()}".`);
      memberId = m.id;
    } else if (!o.link) throw new CliError('Say whom: --member NAME, or --link for someone without an account.', 2);
    const r = await s.call<RaterInvited>(
      'POST',
      await s.ws(`/traits/cycles/${c.id}/raters`),
      { version: c.version, group: o.group, ...(memberId ? { memberId } : {}), ...(o.label ? { label: o.label } : {}) },
      actor,
    );
    if (s.flags.json) return json(r);
    return print(
      r.link
        ? `One-time link (shown once; send it yourself):\n${r.link.url}`
        : `Asked. Answers are shown only once you close the cycle, per group, when at least 3 raters answered.`,
    );
  }
  if (action === 'close') {
    const c = await currentCycle(s);
    const closed = await s.call<Cycle>(
      'POST',
      await s.ws(`/traits/cycles/${c.id}/close`),
      { version: c.version },
      actor,
    );
    return s.flags.json ? json(closed) : print('Cycle closed. See `vetted traits summary`.');
  }
  if (action === 'summary') {
    const i = await s.call<TraitInsights>('GET', await s.ws('/traits/insights'), undefined, actor);
    if (s.flags.json) return json(i);
    print(i.closed ? 'Your latest closed cycle:' : 'Your own ratings (no closed cycle yet):');
    print(
      table(
        i.traits.map((t) => ({
          trait: t.name,
          self: t.self?.score ?? '',
          others: t.othersMean ?? '',
          groups: t.groups
            .map((g) => (g.shown ? `${g.group} ${g.mean} (${g.raters})` : `${g.group} withheld`))
            .join('; '),
        })),
        ['trait', 'self', 'others', 'groups'],
      ),
    );
    for (const g of [...i.blindSpots, ...i.hiddenStrengths]) print(`${g.kind}: ${g.explanation}`);
    print(i.weakest.explanation);
    return;
  }
  if (action === 'requests') {
    const list = await s.call<RatingRequest[]>('GET', await s.ws('/traits/requests'), undefined, actor);
    return s.flags.json ? json(list) : print(table(list, ['id', 'subject', 'group', 'asksConsent']));
  }
  if (action === 'answer') {
    const [request, ...pairs] = args;
    if (!request) throw new CliError(`Say which request (see \`vetted traits requests\`).\n${TRAITS_USAGE}`, 2);
    const body = { ratings: parseRatings(pairs, examples), ...(o.consent ? { consent: true } : {}) };
    await s.call<null>('POST', await s.ws(`/traits/requests/${request}`), body, actor);
    return print('Answered. It is shown only in aggregate, with at least 3 raters in your group.');
  }
  throw new CliError(TRAITS_USAGE, 2);
}

function showPlan(p: Plan) {
  const d = p.plan;
  print(d.explanation);
  print(`Stage: ${d.stage} (develops ${d.stageFocus.join(', ')}). Check in on ${d.checkInOn}.`);
  print(
    table(
      d.goals.map((g) => ({ trait: g.traitName, from: g.from, to: g.target, stretch: g.stretch })),
      ['trait', 'from', 'to', 'stretch'],
    ),
  );
  if (p.cards.length) print(`Read: ${p.cards.map((c) => c.title).join('; ')}`);
  for (const n of d.notes) print(`${n.on}  ${n.text}`);
}

export async function plan(
  s: Session,
  action: string | undefined,
  args: string[],
  o: Record<string, string | string[] | boolean | undefined>,
) {
  const actor = await s.actor();
  if (!action) {
    const p = await s.call<Plan>('GET', await s.ws('/plan'), undefined, actor);
    return s.flags.json ? json(p) : showPlan(p);
  }
  if (action === 'make') {
    if (!o.stage) throw new CliError(`Say your career stage: --stage early|mid|senior.\n${PLAN_USAGE}`, 2);
    const p = await s.call<Plan>(
      'POST',
      await s.ws('/plan'),
      { stage: o.stage, ...(o.idea ? { idea: o.idea } : {}) },
      actor,
    );
    return s.flags.json ? json(p) : showPlan(p);
  }
  if (action === 'note') {
    const text = args.join(' ');
    const current = await s.call<Plan>('GET', await s.ws('/plan'), undefined, actor);
    const p = await s.call<Plan>(
      'POST',
      await s.ws('/plan/notes'),
      { version: current.version, text, ...(o['check-in'] ? { checkIn: true } : {}) },
      actor,
    );
    return s.flags.json ? json(p) : print(`Noted. Next check-in: ${p.plan.checkInOn}.`);
  }
  throw new CliError(PLAN_USAGE, 2);
}
