import { parseArgs } from 'node:util';
import { DatabaseLockedError } from '../store/lock.ts';
import type { Client } from './client.ts';
import { Session } from './context.ts';
import { CliError, type Io, withIo, write } from './output.ts';

// Everything else loads when a command needs it (server, store, renderers, the challenger's tagger), so
// `vetted help` costs about as much as starting node.

const HELP = `vetted: ideas in, validated opportunities out.

Usage: vetted <command> [options]

  serve [--port N] [--host H] [--demo-if-empty]   run the web app and API on the embedded database (or DATABASE_URL)
  login --server URL --email E [--password-stdin] | --token vt_…
                                                  sign in to a server; its token is kept in ~/.config/vetted (0600)
  logout [--server URL]                           revoke this machine's token and forget it
  whoami                                          who the server takes you for, and your workspaces
  init [--name N] [--owner NAME]                  create a workspace (slug from --workspace, default "default")
  demo                                            load the sample portfolio
  idea add "<title>" [--description T] [--tags a,b] [--anonymous]
  idea list [--stage S] [--tag T] [--q TEXT] [--sort=-composite|-adjusted|-updated|number] [--limit N] [--offset N] [--mine] [--archived]
  idea show <idea>
  idea move <idea> <advance|park|kill|reopen> --rationale T [--to STAGE] [--one-way] [--review-on DATE] [--criterion "text=met|unmet"]… [--override-reason T]
  idea merge <idea> --into <idea> --rationale T
  idea edit <idea> [--title T] [--description T] [--tags a,b]
  idea archive <idea> | idea restore <idea>        archived ideas leave lists (idea list --archived shows them)
  frame <idea> [--who T] [--currentState T] [--idealState T] [--gap T] [--environment T] [--dynamics T] [--coping T] [--painEvidence T]
  assess <idea> <dimension>=<1-5>[:low|medium|high]… [--reason T] [--evidence ID]…
  evidence add <idea> --kind K --summary T --source T --strength S [--date D] [--dimensions a,b] [--url U]
  comment <idea> ["text"]                         comment (Markdown; @Name tells that member), or list the comments
  follow <idea> | unfollow <idea>                 decisions, results, merges and comments on it come to your inbox
  inbox [--unread] [--limit N] [--read-all]       what changed on ideas you follow or were mentioned on
  members [invite --role R [--hours N] | role <member> --role R | remove <member> | reset <member>]
                                                  list the workspace's members, or manage them (owners)
  token list | add <name> --scope read|write | revoke <id>   your personal API tokens
  audit [--limit N] [--format csv] [-o FILE]     the workspace's audit log (owners)
  portal [status | open | close]                 the submission portal for people without an account (owners)
  doc <kind> <idea> [--format markdown|html|pdf|docx|pptx] [-o FILE]
                                                  a PRD, one-pager, pitch-deck, competitive-analysis, decision-brief or pr-faq
  doc pack <idea> [-o FOLDER]                     every document in every format, with a progress bar
  criteria <idea> [--metric M --target N [--baseline N] [--unit U] [--by DATE]] [--kill "We stop if …" [--kill-metric M --kill-threshold N]]
                                                  the idea's success metrics and kill criteria: show, add (--lower-is-better, --clear-metrics, --clear-kill)
  challenge <idea> [--ai] [--as-of YYYY-MM-DD]    the challenger's findings, most severe first, with the next question
  challenge --file <opportunity.json> [--as-of YYYY-MM-DD]   challenge a file on the spot (no database)
  challenge <idea> --dismiss RULE --reason T [--subject S]
  competitor list <idea> | add <idea> --name T --kind direct|indirect|substitute [--strengths a;b] [--weaknesses a;b] [--price T]
  competitor ours <idea> [--rate "Speed=4,Price=2"] [--clear]   our own product rated 0-5 on the competitors' capabilities
  economics show <idea> | set <idea> [--file economics.json] [--currency EUR] [--arpa 49.00] [--margin 0.7] [--churn 0.03] [--cac 400.00]
                                                  unit economics in three scenarios, per channel, and market sizing both ways
  pmf show <idea> | import <idea> sean-ellis|cohorts <file.csv> [--source T]
  pmf set <idea> [--organic 45/120] [--onboarding 78/100] [--tickets "Q2:0.4,Q3:0.3"]
                                                  product-market fit: four signals, the guards, the level; CSV in
  mvp show <idea> | set <idea> [--file mvp.json] [--headline T]
                                                  the MVP definition in seven steps: which are done, the backlog
  mvp stories <idea> [--format jira|linear] [--mvp] [-o file.csv]
                                                  the user stories as CSV for Jira's or Linear's importer
  strategy [set [--north-star T] [--definition T] [--goal T]…]   goals, the North Star and the team objectives
  objective add --title T --metric M --owner MEMBER [--target T] | remove <objective>
  objective link|unlink <idea> <objective>        which objectives an idea serves (by title or id)
  roadmap [share --label T | shares | revoke <id>]   Now / Next / Later, and read-only links to it
  launch show <idea> | set <idea> [--file plan.json] [--budget 250000.00] [--currency EUR] [--people 4] [--months 6]
                     [--buys T] [--gtm T] [--team "Role=Name;Role"]
                                                  the launch plan: the ask, the team that would build it, the go-to-market plan
  recommend <idea>                                pursue, iterate, pivot, park or kill, with the reasons
  assumption list <idea>                          the assumption map, riskiest first
  assumption add <idea> --statement T --kind risk|uncertainty|silent --area A --importance 1-5 [--evidence ID,…]
  experiment list|add|start|result|change <idea> [<experiment>] …   (run 'vetted experiment' for the options)
  traits [start | rate <trait>=<1-5>… | invite --group G (--member M | --link) | close | summary | requests | answer <request> …]
                                                  your own 360: self assessment, raters, the thresholded summary
  plan [make --stage early|mid|senior [--idea T] | note "<text>" [--check-in]]
                                                  your development plan for the weakest trait
  import <file.csv|file.json> [--dry-run]         all or nothing, with a per-row error report
  export [--format json|csv] [-o FILE]

Options for every command:
  -w, --workspace SLUG   the workspace (default: VETTED_WORKSPACE, or the only one)
  --as MEMBER            act as this member, by name or id (default: VETTED_ACTOR, or the first owner)
  --json                 print the API's JSON, for scripts
  --server URL           use a running Vetted server (default: the one holding the database, if any)
  --data-dir DIR         the embedded database's directory (default: VETTED_DATA_DIR or ~/.local/share/vetted)

<idea> is an idea's number (12) or id.`;

const common = {
  workspace: { type: 'string', short: 'w' },
  as: { type: 'string' },
  json: { type: 'boolean' },
  server: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const specific = {
  serve: { port: { type: 'string' }, host: { type: 'string' }, 'demo-if-empty': { type: 'boolean' } },
  init: { name: { type: 'string' }, owner: { type: 'string' } },
  login: { email: { type: 'string' }, token: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  logout: {},
  idea: {
    description: { type: 'string' },
    tags: { type: 'string' },
    anonymous: { type: 'boolean' },
    stage: { type: 'string' },
    tag: { type: 'string' },
    q: { type: 'string' },
    sort: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    mine: { type: 'boolean' },
    archived: { type: 'boolean' },
    title: { type: 'string' },
    'override-reason': { type: 'string' },
    rationale: { type: 'string' },
    to: { type: 'string' },
    'one-way': { type: 'boolean' },
    'review-on': { type: 'string' },
    criterion: { type: 'string', multiple: true },
    into: { type: 'string' },
  },
  assess: { reason: { type: 'string' }, evidence: { type: 'string', multiple: true } },
  evidence: {
    kind: { type: 'string' },
    summary: { type: 'string' },
    source: { type: 'string' },
    date: { type: 'string' },
    strength: { type: 'string' },
    dimensions: { type: 'string' },
    url: { type: 'string' },
  },
  import: { 'dry-run': { type: 'boolean' } },
  comment: {},
  follow: {},
  unfollow: {},
  inbox: { unread: { type: 'boolean' }, limit: { type: 'string' }, 'read-all': { type: 'boolean' } },
  competitor: {
    name: { type: 'string' },
    kind: { type: 'string' },
    strengths: { type: 'string' },
    weaknesses: { type: 'string' },
    price: { type: 'string' },
    rate: { type: 'string' },
    clear: { type: 'boolean' },
  },
  doc: { format: { type: 'string' }, output: { type: 'string', short: 'o' } },
  members: { role: { type: 'string' }, hours: { type: 'string' } },
  token: { scope: { type: 'string' } },
  audit: { limit: { type: 'string' }, format: { type: 'string' }, output: { type: 'string', short: 'o' } },
  portal: {},
  economics: {
    file: { type: 'string' },
    currency: { type: 'string' },
    arpa: { type: 'string' },
    margin: { type: 'string' },
    churn: { type: 'string' },
    cac: { type: 'string' },
  },
  mvp: {
    file: { type: 'string' },
    headline: { type: 'string' },
    format: { type: 'string' },
    mvp: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  },
  strategy: {
    'north-star': { type: 'string' },
    definition: { type: 'string' },
    goal: { type: 'string', multiple: true },
  },
  objective: {
    title: { type: 'string' },
    metric: { type: 'string' },
    owner: { type: 'string' },
    target: { type: 'string' },
  },
  roadmap: { label: { type: 'string' } },
  launch: {
    file: { type: 'string' },
    budget: { type: 'string' },
    currency: { type: 'string' },
    people: { type: 'string' },
    months: { type: 'string' },
    buys: { type: 'string' },
    gtm: { type: 'string' },
    team: { type: 'string' },
  },
  pmf: {
    source: { type: 'string' },
    organic: { type: 'string' },
    onboarding: { type: 'string' },
    tickets: { type: 'string' },
  },
  criteria: {
    metric: { type: 'string' },
    target: { type: 'string' },
    baseline: { type: 'string' },
    unit: { type: 'string' },
    by: { type: 'string' },
    'lower-is-better': { type: 'boolean' },
    kill: { type: 'string' },
    'kill-metric': { type: 'string' },
    'kill-threshold': { type: 'string' },
    'kill-by': { type: 'string' },
    'clear-metrics': { type: 'boolean' },
    'clear-kill': { type: 'boolean' },
  },
  challenge: {
    file: { type: 'string' },
    ai: { type: 'boolean' },
    'as-of': { type: 'string' },
    dismiss: { type: 'string' },
    subject: { type: 'string' },
    reason: { type: 'string' },
  },
  assumption: {
    statement: { type: 'string' },
    kind: { type: 'string' },
    area: { type: 'string' },
    importance: { type: 'string' },
    evidence: { type: 'string' },
    ref: { type: 'string' },
  },
  experiment: {
    hypothesis: { type: 'string' },
    because: { type: 'string' },
    'wrong-when': { type: 'string' },
    method: { type: 'string' },
    metric: { type: 'string' },
    success: { type: 'string' },
    kill: { type: 'string' },
    'lower-is-better': { type: 'boolean' },
    'min-sample': { type: 'string' },
    deadline: { type: 'string' },
    tests: { type: 'string' },
    observed: { type: 'string' },
    sample: { type: 'string' },
    learned: { type: 'string' },
    therefore: { type: 'string' },
    interim: { type: 'boolean' },
    reason: { type: 'string' },
  },
  export: { format: { type: 'string' }, output: { type: 'string', short: 'o' } },
  traits: {
    example: { type: 'string', multiple: true },
    group: { type: 'string' },
    member: { type: 'string' },
    link: { type: 'boolean' },
    label: { type: 'string' },
    consent: { type: 'boolean' },
  },
  plan: { stage: { type: 'string' }, idea: { type: 'string' }, 'check-in': { type: 'boolean' } },
} as const;

const KNOWN = [
  'init',
  'demo',
  'idea',
  'frame',
  'assess',
  'evidence',
  'members',
  'whoami',
  'token',
  'audit',
  'portal',
  'import',
  'export',
  'challenge',
  'criteria',
  'recommend',
  'assumption',
  'experiment',
  'doc',
  'competitor',
  'economics',
  'pmf',
  'mvp',
  'strategy',
  'objective',
  'roadmap',
  'launch',
  'comment',
  'follow',
  'unfollow',
  'inbox',
  'traits',
  'plan',
];

export interface MainOptions extends Partial<Io> {
  /**
   * A client to use instead of connecting (tests: one store opened once for many commands). It is left
   * open: its owner closes it.
   */
  client?: Client;
}

/**
 * The `vetted` command, callable in-process: writes to the given streams and returns the exit code
 * (`serve` returns once a signal has stopped it). Errors become one clear message, never a stack trace.
 */
export function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const io: Io = { stdout: options.stdout ?? process.stdout, stderr: options.stderr ?? process.stderr };
  return withIo(io, async () => {
    try {
      return await dispatch(argv, options.client);
    } catch (error) {
      if (error instanceof CliError) {
        if (error.message) io.stderr.write(`${error.message}\n`);
        return error.exitCode;
      }
      if (error instanceof DatabaseLockedError) {
        io.stderr.write(`${error.message}\n`);
        return 1;
      }
      io.stderr.write(`vetted: ${(error as Error).message}\n`);
      if (process.env.VETTED_DEBUG) io.stderr.write(`${(error as Error).stack}\n`);
      return 1;
    }
  });
}

async function dispatch(argv: string[], given: Client | undefined): Promise<number> {
  const command = argv[0];
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    write(`${HELP}\n`);
    return 0;
  }
  const own =
    command === 'frame'
      ? Object.fromEntries((await import('./commands/details.ts')).FRAME_FLAGS.map((f) => [f, { type: 'string' }]))
      : ((specific as Record<string, object>)[command] ?? {});
  const options = { ...common, ...own };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv.slice(1), options: options as never, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\nRun \`vetted help\` for usage.`, 2);
  }
  // biome-ignore lint/suspicious/noExplicitAny: parseArgs checked each option against this command's spec.
  const o = parsed.values as Record<string, any>;
  const [a, b, ...rest] = parsed.positionals;
  if (o.help) {
    write(`${HELP}\n`);
    return 0;
  }
  if (command === 'serve') {
    await (await import('./commands/serve.ts')).serve(o);
    return 0;
  }
  if (command === 'login' || command === 'logout') {
    const account = await import('./commands/account.ts');
    await (command === 'login' ? account.login(o) : account.logout(o));
    return 0;
  }
  if (command === 'challenge' && o.file) {
    await (await import('./commands/validation.ts')).challengeFile(o.file, !!o.json, o['as-of']);
    return 0;
  }
  if (!KNOWN.includes(command))
    throw new CliError(`Unknown command "${command}". Run \`vetted help\` for the list.`, 2);
  const client = given ?? (await (await import('./client.ts')).connect({ server: o.server, dataDir: o['data-dir'] }));
  const s = new Session(client, { workspace: o.workspace, as: o.as, json: o.json });
  try {
    switch (command) {
      case 'init':
        await (await import('./commands/portfolio.ts')).init(s, o);
        break;
      case 'demo':
        await (await import('./commands/portfolio.ts')).demo(s);
        break;
      case 'whoami':
        await (await import('./commands/account.ts')).whoami(client, !!o.json);
        break;
      case 'idea': {
        const { ideaAdd, ideaArchive, ideaEdit, ideaList, ideaMerge, ideaMove, ideaShow } = await import(
          './commands/ideas.ts'
        );
        if (a === 'add') await ideaAdd(s, b, o);
        else if (a === 'list') await ideaList(s, o);
        else if (a === 'show') await ideaShow(s, b);
        else if (a === 'move') await ideaMove(s, b, rest[0], o);
        else if (a === 'merge') await ideaMerge(s, b, o);
        else if (a === 'edit') await ideaEdit(s, b, o);
        else if (a === 'archive' || a === 'restore') await ideaArchive(s, b, a === 'archive');
        else throw new CliError('Usage: vetted idea add|list|show|edit|archive|restore|move|merge …', 2);
        break;
      }
      case 'frame':
        await (await import('./commands/details.ts')).frame(s, a, o);
        break;
      case 'assess':
        await (await import('./commands/details.ts')).assess(s, a, [...(b ? [b] : []), ...rest], o);
        break;
      case 'evidence':
        if (a !== 'add') throw new CliError('Usage: vetted evidence add <idea> …', 2);
        await (await import('./commands/details.ts')).evidenceAdd(s, b, o);
        break;
      case 'comment':
        await (await import('./commands/together.ts')).comment(s, a, b);
        break;
      case 'follow':
      case 'unfollow':
        await (await import('./commands/together.ts')).follow(s, a, command === 'follow');
        break;
      case 'inbox':
        await (await import('./commands/together.ts')).inbox(s, o);
        break;
      case 'members':
        if (a) await (await import('./commands/team.ts')).membersCommand(s, a, b, o);
        else await (await import('./commands/details.ts')).members(s);
        break;
      case 'token':
        await (await import('./commands/team.ts')).tokensCommand(s, a, b, o);
        break;
      case 'audit':
        await (await import('./commands/team.ts')).auditCommand(s, o);
        break;
      case 'portal':
        await (await import('./commands/team.ts')).portalCommand(s, a);
        break;
      case 'import':
        await (await import('./commands/portfolio.ts')).importFile(s, a, o);
        break;
      case 'export':
        await (await import('./commands/portfolio.ts')).exportFile(s, o);
        break;
      case 'challenge':
        await (await import('./commands/validation.ts')).challenge(s, a, o);
        break;
      case 'criteria':
        await (await import('./commands/ideas.ts')).criteria(s, a, o);
        break;
      case 'economics':
        await (await import('./commands/realization.ts')).economics(s, a, b, o);
        break;
      case 'pmf':
        await (await import('./commands/realization.ts')).pmf(s, a, b, rest, o);
        break;
      case 'mvp':
        await (await import('./commands/mvp.ts')).mvp(s, a, b, o);
        break;
      case 'strategy':
        await (await import('./commands/strategy.ts')).strategy(s, a, o);
        break;
      case 'objective':
        await (await import('./commands/strategy.ts')).objective(s, a, b, rest[0], o);
        break;
      case 'roadmap':
        await (await import('./commands/strategy.ts')).roadmap(s, a, b, o);
        break;
      case 'launch':
        await (await import('./commands/realization.ts')).launch(s, a, b, o);
        break;
      case 'competitor':
        await (await import('./commands/validation.ts')).competitor(s, a, b, o);
        break;
      case 'doc':
        await (await import('./commands/documents.ts')).doc(s, a, b, o);
        break;
      case 'recommend':
        await (await import('./commands/validation.ts')).recommendation(s, a);
        break;
      case 'assumption':
        await (await import('./commands/validation.ts')).assumption(s, a, b, o);
        break;
      case 'traits':
        await (await import('./commands/leadership.ts')).traits(s, a, [...(b ? [b] : []), ...rest], o);
        break;
      case 'plan':
        await (await import('./commands/leadership.ts')).plan(s, a, [...(b ? [b] : []), ...rest], o);
        break;
      case 'experiment':
        await (await import('./commands/validation.ts')).experiment(s, a, b, rest[0], o);
        break;
    }
  } finally {
    if (!given) await client.close();
  }
  return 0;
}
