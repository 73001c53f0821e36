import type { Member, Workspace } from '../schema/index.ts';
import type { Client, Response } from './client.ts';
import { CliError, describeProblem } from './output.ts';

export interface Flags {
  workspace?: string | undefined;
  as?: string | undefined;
  json?: boolean | undefined;
}

/** What every command gets: the API, and the workspace and member it acts in and as. */
export class Session {
  private slug?: string;
  private actorId?: string;

  constructor(
    readonly client: Client,
    readonly flags: Flags,
  ) {}

  async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res: Response = await this.client.request(method, path, body, headers);
    if (res.status >= 400) throw new CliError(describeProblem(res.status, res.body));
    return res.body as T;
  }

  async workspace(): Promise<string> {
    if (this.slug) return this.slug;
    const wanted = this.flags.workspace ?? process.env.VETTED_WORKSPACE;
    if (wanted) {
      this.slug = wanted;
      return wanted;
    }
    const all = await this.call<Workspace[]>('GET', '/api/workspaces');
    if (all.length === 1) {
      this.slug = all[0]!.slug;
      return this.slug;
    }
    if (all.length === 0) throw new CliError('There is no workspace yet. Run `vetted init` or `vetted demo` first.');
    throw new CliError(
      `Several workspaces exist (${all.map((w) => w.slug).join(', ')}): choose one with --workspace or VETTED_WORKSPACE.`,
    );
  }

  /** The acting member: --as or VETTED_ACTOR (a name or id), else the workspace's first owner. */
  async actor(): Promise<Record<string, string>> {
    // Signed in with a token: the server knows who acts, and would ignore a member named here.
    if (this.client.identified) return {};
    this.actorId ??= await this.memberIn(await this.workspace());
    return { 'vetted-actor': this.actorId };
  }

  /**
   * Acting for the whole install (a new workspace, the sample portfolio): nobody on an empty install, else
   * an owner (the API lets only owners do this once a workspace exists), found in the chosen workspace or
   * the first one.
   */
  async installActor(): Promise<Record<string, string>> {
    if (this.client.identified) return {};
    const all = await this.call<Workspace[]>('GET', '/api/workspaces');
    if (all.length === 0) return {};
    const chosen = this.flags.workspace ?? process.env.VETTED_WORKSPACE;
    const slug = all.find((w) => w.slug === chosen)?.slug ?? all[0]!.slug;
    return { 'vetted-actor': await this.memberIn(slug) };
  }

  /** The id of the member this CLI acts as in a workspace: local names are matched here, ids go to the API. */
  private async memberIn(slug: string): Promise<string> {
    const wanted = this.flags.as ?? process.env.VETTED_ACTOR;
    const members = await this.call<Member[]>('GET', `/api/workspaces/${encodeURIComponent(slug)}/members`);
    const m = wanted
      ? members.find((x) => x.id === wanted || x.name.toLowerCase() === wanted.toLowerCase())
      : (members.find((x) => x.role === 'owner') ?? members[0]);
    if (!m)
      throw new CliError(
        wanted ? `No member "${wanted}" in workspace "${slug}".` : `Workspace "${slug}" has no members.`,
      );
    return m.id;
  }

  async ws(path = ''): Promise<string> {
    return `/api/workspaces/${encodeURIComponent(await this.workspace())}${path}`;
  }
}
