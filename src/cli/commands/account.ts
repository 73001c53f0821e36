import { hostname } from 'node:os';
import type { SessionState, TokenCreated } from '../../schema/index.ts';
import { type Client, remoteClient } from '../client.ts';
import { configPath, readConfig, serverKey, writeConfig } from '../config.ts';
import { CliError, describeProblem, print } from '../output.ts';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks for the password without showing it (a terminal), or reads it whole from stdin (--password-stdin). */
async function askPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) return readStdin();
  process.stderr.write('Password: ');
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let typed = '';
  try {
    for await (const chunk of process.stdin) {
      for (const ch of (chunk as Buffer).toString('utf8')) {
        if (ch === '\r' || ch === '\n') return typed;
        if (ch === '\u0003') throw new CliError('Cancelled.', 130);
        if (ch === '\u007f') typed = typed.slice(0, -1);
        else typed += ch;
      }
    }
    return typed;
  } finally {
    process.stdin.setRawMode(false);
    process.stdin.pause();
    process.stderr.write('\n');
  }
}

const expect = <T>(status: number, body: unknown, ok: number[]): T => {
  if (!ok.includes(status)) throw new CliError(describeProblem(status, body));
  return body as T;
};

/**
 * `vetted login --server URL --email E`: signs in once with the password (or takes `--token vt_…` made in
 * the web app), makes a personal write token named after this machine, keeps it in the CLI's config (0600),
 * and signs the browser-style session out again. From then on commands go to that server with the token.
 */
export async function login(o: { server?: string; email?: string; token?: string; 'password-stdin'?: boolean }) {
  const server = o.server ?? process.env.VETTED_SERVER;
  if (!server) throw new CliError('Say which server: vetted login --server https://vetted.example.com', 2);
  const url = serverKey(server);
  let token = o.token;
  let tokenId = '';
  let email = '';
  if (token) {
    const check = remoteClient(url, { bearer: token });
    const state = expect<SessionState>(...statusBody(await check.request('GET', '/api/auth/session')), [200]);
    if (state.via !== 'token' || !state.user) throw new CliError('That token was not accepted by the server.');
    email = state.user.email;
  } else {
    if (!o.email) throw new CliError('Give your email: vetted login --server URL --email you@example.com', 2);
    const password = await askPassword(!!o['password-stdin']);
    const anonymous = remoteClient(url);
    const signIn = await anonymous.request('POST', '/api/auth/sign-in', { email: o.email, password });
    const state = expect<SessionState>(signIn.status, signIn.body, [200]);
    const cookie = signIn.headers['set-cookie'];
    const session = /vetted_session=([^;]+)/.exec(String(cookie ?? ''))?.[1];
    if (!session) throw new CliError('The server signed you in but kept no session: is it a Vetted server?');
    const headers = { cookie: `vetted_session=${session}`, 'x-csrf-token': state.csrf ?? '' };
    const made = await anonymous.request(
      'POST',
      '/api/auth/tokens',
      { name: `vetted CLI on ${hostname()}`.slice(0, 80), scope: 'write' },
      headers,
    );
    const created = expect<TokenCreated>(made.status, made.body, [201]);
    token = created.token;
    tokenId = created.record.id;
    email = state.user!.email;
    await anonymous.request('POST', '/api/auth/sign-out', undefined, headers);
  }
  const config = readConfig();
  config.servers[url] = { token, tokenId, email };
  config.server = url;
  writeConfig(config);
  print(`Signed in to ${url} as ${email}. The token is kept in ${configPath()} (readable by you only).`);
}

const statusBody = (r: { status: number; body: unknown }) => [r.status, r.body] as const;

/** `vetted logout`: revokes this machine's token on the server (when it can) and forgets it. */
export async function logout(o: { server?: string }) {
  const config = readConfig();
  const url = serverKey(o.server ?? config.server ?? '');
  const entry = config.servers[url];
  if (!entry) throw new CliError(url ? `Not signed in to ${url}.` : 'Not signed in to any server.');
  if (entry.tokenId) {
    const client = remoteClient(url, { bearer: entry.token });
    await client.request('DELETE', `/api/auth/tokens/${entry.tokenId}`).catch(() => undefined);
  }
  delete config.servers[url];
  if (config.server === url) delete config.server;
  writeConfig(config);
  print(`Signed out of ${url}.`);
}

/** `vetted whoami`: who the server takes this CLI for, and where. */
export async function whoami(client: Client, json: boolean) {
  const r = await client.request('GET', '/api/auth/session');
  const state = expect<SessionState>(r.status, r.body, [200]);
  if (json) return print(JSON.stringify(state, null, 2));
  const who =
    state.user?.email ?? (state.via === 'local' ? 'this machine’s own user (no sign-in needed here)' : 'no one');
  print(`${who} at ${client.where}`);
  for (const m of state.memberships) print(`  ${m.workspace.slug}: ${m.role}`);
}
