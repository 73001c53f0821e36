import { readFile, writeFile } from 'node:fs/promises';
import { MOSCOW_NAMES } from '../../methodology/index.ts';
import type { Idea, MvpData, MvpReadout } from '../../schema/index.ts';
import type { Session } from '../context.ts';
import { CliError, describeProblem, json, print, table } from '../output.ts';

const USAGE =
  'Usage: vetted mvp show <idea> | set <idea> [--file mvp.json] [--headline T] | stories <idea> [--format jira|linear] [--mvp] [-o file.csv]';

/** The progress of the seven steps, then the backlog by priority. */
function printMvp(r: MvpReadout) {
  if (r.headline) print(`Headline: ${r.headline}`);
  print(`MVP definition: ${r.done} of 7 steps done.`);
  print(
    table(
      r.steps.map((x) => ({
        step: x.number,
        name: x.name,
        status: x.done ? 'done' : 'open',
        missing: x.missing.join('; '),
      })),
      ['step', 'name', 'status', 'missing'],
    ),
  );
  if (r.stories.length) {
    print('');
    print(
      table(
        r.stories.map((x) => ({
          ref: x.ref,
          cut: x.moscow ? MOSCOW_NAMES[x.moscow] : '–',
          priority: x.priority ?? '–',
          story: x.text,
        })),
        ['ref', 'cut', 'priority', 'story'],
      ),
    );
  }
}

export async function mvp(
  s: Session,
  action: string | undefined,
  ref: string | undefined,
  o: Record<string, string | boolean | undefined>,
) {
  if (!ref || !['show', 'set', 'stories'].includes(action ?? '')) throw new CliError(USAGE, 2);
  const base = await s.ws(`/ideas/${encodeURIComponent(ref)}`);
  if (action === 'stories') {
    const format = typeof o.format === 'string' ? o.format : 'jira';
    const query = `?format=${encodeURIComponent(format)}${o.mvp ? '&cut=mvp' : ''}`;
    const r = await s.client.request('GET', `${base}/mvp/stories.csv${query}`, undefined, {});
    if (r.status >= 400) throw new CliError(describeProblem(r.status, r.body));
    if (typeof o.output === 'string') {
      await writeFile(o.output, r.text);
      return print(`Wrote ${o.output}.`);
    }
    return print(r.text.trimEnd());
  }
  if (action === 'set') {
    if (typeof o.file !== 'string' && typeof o.headline !== 'string') throw new CliError(USAGE, 2);
    const idea = await s.call<Idea>('GET', base);
    let next: MvpData = { ...(idea.mvp ?? {}) };
    if (typeof o.file === 'string') {
      try {
        next = JSON.parse(await readFile(o.file, 'utf8')) as MvpData;
      } catch (error) {
        throw new CliError(`Cannot read ${o.file}: ${(error as Error).message}`, 2);
      }
    }
    if (typeof o.headline === 'string') next.context = { ...(next.context ?? {}), headline: o.headline };
    // The server checks every field and link; a mistake is a problem naming it, and nothing is saved.
    await s.call('PATCH', base, { version: idea.version, mvp: next }, await s.actor());
  }
  const r = await s.call<MvpReadout>('GET', `${base}/mvp`);
  if (s.flags.json) return json(r);
  printMvp(r);
}
