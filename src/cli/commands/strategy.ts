import type {
  IdeaObjectives,
  Objective,
  Roadmap,
  RoadmapShare,
  RoadmapShareCreated,
  Strategy,
} from '../../schema/index.ts';
import type { Session } from '../context.ts';
import { CliError, json, print, table } from '../output.ts';

/** `vetted strategy`, `vetted objective` and `vetted roadmap`: the verbs over src/api/routes/strategy.ts. */

const STRATEGY_USAGE =
  'Usage: vetted strategy [set [--north-star T] [--definition T] [--goal T]…]   (--goal replaces the goals; repeat it)';
const OBJECTIVE_USAGE =
  'Usage: vetted objective add --title T --metric M --owner MEMBER [--target T] | remove <objective> | link <idea> <objective> | unlink <idea> <objective>';
const ROADMAP_USAGE = 'Usage: vetted roadmap [share --label T | shares | revoke <share-id>]';

function printStrategy(st: Strategy) {
  print(`North Star: ${st.northStar || '(not set)'}`);
  if (st.definition) print(`  ${st.definition}`);
  for (const g of st.goals) print(`Goal: ${g}`);
  if (st.objectives.length === 0)
    return print('No objectives yet: vetted objective add --title … --metric … --owner …');
  print('');
  print(
    table(
      st.objectives.map((o) => ({
        objective: o.title,
        'key metric': o.keyMetric,
        target: o.target ?? '',
        owner: o.owner.name,
        ideas: o.ideas.map((i) => `#${i.number}`).join(' '),
      })),
      ['objective', 'key metric', 'target', 'owner', 'ideas'],
    ),
  );
}

export async function strategy(s: Session, action: string | undefined, o: Record<string, unknown>) {
  const base = await s.ws('/strategy');
  if (action !== undefined && action !== 'set') throw new CliError(STRATEGY_USAGE, 2);
  if (action === 'set') {
    const goals = o.goal as string[] | undefined;
    if (o['north-star'] === undefined && o.definition === undefined && !goals) throw new CliError(STRATEGY_USAGE, 2);
    const current = await s.call<Strategy>('GET', base);
    await s.call(
      'PATCH',
      base,
      {
        version: current.version,
        ...(o['north-star'] !== undefined ? { northStar: o['north-star'] } : {}),
        ...(o.definition !== undefined ? { definition: o.definition } : {}),
        ...(goals ? { goals } : {}),
      },
      await s.actor(),
    );
  }
  const st = await s.call<Strategy>('GET', base);
  if (s.flags.json) return json(st);
  printStrategy(st);
}

/** An objective named by its id or its title (any case). */
async function objectiveNamed(s: Session, ref: string): Promise<Objective> {
  const st = await s.call<Strategy>('GET', await s.ws('/strategy'));
  const found = st.objectives.find((x) => x.id === ref || x.title.toLowerCase() === ref.trim().toLowerCase());
  if (!found) throw new CliError(`No objective "${ref}". Run \`vetted strategy\` for the list.`, 1);
  return found;
}

export async function objective(
  s: Session,
  action: string | undefined,
  a: string | undefined,
  b: string | undefined,
  o: Record<string, unknown>,
) {
  if (action === 'add') {
    if (!o.title || !o.metric || !o.owner) throw new CliError(OBJECTIVE_USAGE, 2);
    const made = await s.call<Objective>(
      'POST',
      await s.ws('/objectives'),
      { title: o.title, keyMetric: o.metric, owner: o.owner, ...(o.target ? { target: o.target } : {}) },
      await s.actor(),
    );
    if (s.flags.json) return json(made);
    return print(`Objective "${made.title}" added; ${made.owner.name} owns its key metric (${made.keyMetric}).`);
  }
  if (action === 'remove' && a) {
    const found = await objectiveNamed(s, a);
    await s.call('DELETE', await s.ws(`/objectives/${found.id}?version=${found.version}`), undefined, await s.actor());
    return print(`Objective "${found.title}" removed.`);
  }
  if ((action === 'link' || action === 'unlink') && a && b) {
    const found = await objectiveNamed(s, b);
    const path = await s.ws(`/ideas/${encodeURIComponent(a)}/objectives`);
    const now = await s.call<IdeaObjectives>('GET', path);
    const ids = now.objectives.map((x) => x.id).filter((id) => id !== found.id);
    const next = await s.call<IdeaObjectives>(
      'PUT',
      path,
      { version: now.version, objectives: action === 'link' ? [...ids, found.id] : ids },
      await s.actor(),
    );
    if (s.flags.json) return json(next);
    const titles = next.objectives.map((x) => `"${x.title}"`).join(', ');
    return print(`Idea ${a} serves ${titles || 'no objective'}.`);
  }
  throw new CliError(OBJECTIVE_USAGE, 2);
}

const shareRow = (x: RoadmapShare) => ({
  id: x.id,
  label: x.label,
  by: x.createdBy?.name ?? '',
  made: x.createdAt.slice(0, 10),
  revoked: x.revokedAt?.slice(0, 10) ?? '',
});

export async function roadmap(
  s: Session,
  action: string | undefined,
  a: string | undefined,
  o: Record<string, unknown>,
) {
  if (action === 'share') {
    if (!o.label) throw new CliError(ROADMAP_USAGE, 2);
    const made = await s.call<RoadmapShareCreated>(
      'POST',
      await s.ws('/roadmap/shares'),
      { label: o.label },
      await s.actor(),
    );
    if (s.flags.json) return json(made);
    print(
      `Read-only roadmap link "${made.share.label}" (shown once; revoke with: vetted roadmap revoke ${made.share.id}):`,
    );
    return print(made.url);
  }
  if (action === 'shares') {
    const list = await s.call<RoadmapShare[]>('GET', await s.ws('/roadmap/shares'), undefined, await s.actor());
    if (s.flags.json) return json(list);
    return print(list.length ? table(list.map(shareRow), ['id', 'label', 'by', 'made', 'revoked']) : 'No links made.');
  }
  if (action === 'revoke' && a) {
    const done = await s.call<RoadmapShare>(
      'POST',
      await s.ws(`/roadmap/shares/${encodeURIComponent(a)}/revoke`),
      undefined,
      await s.actor(),
    );
    if (s.flags.json) return json(done);
    return print(`Link "${done.label}" revoked: it opens nothing from now on.`);
  }
  if (action !== undefined) throw new CliError(ROADMAP_USAGE, 2);
  const r = await s.call<Roadmap>('GET', await s.ws('/roadmap'));
  if (s.flags.json) return json(r);
  if (r.northStar) print(`North Star: ${r.northStar}`);
  for (const c of r.columns) {
    print(`\n${c.name} (${c.items.length + c.more}): ${c.meaning}`);
    for (const i of c.items) {
      const serves = i.objectives.length ? `  → ${i.objectives.join('; ')}` : '';
      const review = i.reviewOn ? `, review ${i.reviewOn}` : '';
      print(`  #${i.number} ${i.title} (${i.stage} since ${i.since}${review})${serves}`);
    }
    if (c.more) print(`  …and ${c.more} more`);
  }
}
