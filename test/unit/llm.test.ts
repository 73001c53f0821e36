import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { completionsUrl, type LlmConfig, llmConfigFromEnv, suggestChallenges } from '../../src/llm/index.ts';
import { Enrichment, type Finding, type Opportunity } from '../../src/schema/index.ts';

/** A local chat-completions server whose behaviour each test sets. */
type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let handler: Handler;
let requests: { url: string; body: string; auth: string | undefined }[] = [];
let server: Server;
let baseUrl: string;

const opportunity: Opportunity = {
  idea: { title: 'Shared sick-day rota for nursery parents', stage: 'discovery' },
  frame: { who: 'Working parents at Utrecht nurseries', gap: 'Nine days a year lost to sick days' },
};
const findings: Finding[] = [
  {
    id: 'vague-user.generic-segment:frame.who',
    ruleId: 'vague-user.generic-segment',
    kind: 'vague-user',
    severity: 'high',
    title: 'Generic segment',
    subject: 'frame.who',
    explanation: 'x',
    next: 'y',
    nextType: 'question',
    references: [],
    data: {},
  },
];

const completion = (content: string, model = 'test-model') =>
  JSON.stringify({
    id: 'c1',
    object: 'chat.completion',
    model,
    choices: [{ index: 0, message: { role: 'assistant', content } }],
  });

const goodContent = JSON.stringify({
  challenges: [
    {
      kind: 'silent-assumption-unexamined',
      title: 'Assumes parents will host a sick child',
      explanation: 'The frame assumes another parent can take a contagious child; nothing records whether they would.',
      next: 'Ask 10 parents whether they would host a child with a fever.',
      references: ['/frame/gap'],
    },
    {
      kind: 'other',
      title: 'Liability',
      explanation: 'Who is liable if a hosted child gets worse?',
      next: 'Ask an insurer.',
    },
  ],
});

const config = (over: Partial<LlmConfig> = {}): LlmConfig => ({
  baseUrl,
  model: 'test-model',
  apiKey: 'secret-key',
  timeoutMs: 2000,
  retries: 2,
  retryDelayMs: 5,
  ...over,
});

// One suite for the whole file, so its hooks stay its own when stages run files in one process
// (scripts/together.ts).
describe('the optional LLM client', () => {
  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        requests.push({ url: req.url ?? '', body, auth: req.headers.authorization });
        handler(req, body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    requests = [];
  });

  const json = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

  describe('LLM enrichment', () => {
    it('turns a good reply into labelled AI suggestions, apart from the rule findings', async () => {
      handler = (_req, _body, res) => json(res, 200, completion(goodContent));
      const r = await suggestChallenges(opportunity, findings, { config: config() });
      assert.ok(Value.Check(Enrichment, r), 'the result matches its schema');
      assert.equal(r.status, 'ok');
      if (r.status !== 'ok') return;
      assert.equal(r.attempts, 1);
      assert.equal(r.suggestions.length, 2);
      for (const s of r.suggestions) {
        assert.equal(s.source, 'ai');
        assert.equal(s.label, 'AI suggestion');
        assert.equal(s.model, 'test-model');
      }
      assert.equal(r.suggestions[0]!.kind, 'silent-assumption-unexamined');
      assert.deepEqual(r.suggestions[1]!.references, []);
      // What was sent: the chat-completions path, the model, the key, the file and the known findings.
      assert.equal(requests.length, 1);
      assert.equal(requests[0]!.url, '/v1/chat/completions');
      assert.equal(requests[0]!.auth, 'Bearer secret-key');
      const sent = JSON.parse(requests[0]!.body) as { model: string; messages: { role: string; content: string }[] };
      assert.equal(sent.model, 'test-model');
      assert.match(sent.messages[1]!.content, /Shared sick-day rota/);
      assert.match(sent.messages[1]!.content, /vague-user\.generic-segment/);
    });

    it('accepts JSON wrapped in a code fence', async () => {
      handler = (_req, _body, res) => json(res, 200, completion(`\`\`\`json\n${goodContent}\n\`\`\``));
      const r = await suggestChallenges(opportunity, findings, { config: config() });
      assert.equal(r.status, 'ok');
    });

    it('gives up cleanly on a reply slower than the timeout, without retrying', async () => {
      handler = (_req, _body, res) => {
        const t = setTimeout(() => json(res, 200, completion(goodContent)), 1500);
        res.on('close', () => clearTimeout(t));
      };
      const started = Date.now();
      const r = await suggestChallenges(opportunity, findings, { config: config({ timeoutMs: 200 }) });
      assert.equal(r.status, 'unavailable');
      assert.equal(r.status === 'unavailable' && r.reason, 'timeout');
      assert.ok(Date.now() - started < 1400, 'returned before the slow reply arrived');
      assert.equal(requests.length, 1);
    });

    it('reports malformed JSON from the model', async () => {
      handler = (_req, _body, res) => json(res, 200, completion('Sure! Here are some challenges: 1. ...'));
      const r = await suggestChallenges(opportunity, findings, { config: config() });
      assert.equal(r.status === 'unavailable' && r.reason, 'malformed-reply');
    });

    it('reports a body that is not a chat completion at all', async () => {
      handler = (_req, _body, res) => json(res, 200, '<html>gateway</html>');
      const r = await suggestChallenges(opportunity, findings, { config: config() });
      assert.equal(r.status === 'unavailable' && r.reason, 'malformed-reply');
    });

    it('rejects JSON that does not match the schema', async () => {
      const bad = JSON.stringify({ challenges: [{ kind: 'made-up-kind', title: 'x', explanation: 'y', next: 'z' }] });
      handler = (_req, _body, res) => json(res, 200, completion(bad));
      const r = await suggestChallenges(opportunity, findings, { config: config() });
      assert.equal(r.status, 'unavailable');
      if (r.status !== 'unavailable') return;
      assert.equal(r.reason, 'invalid-reply');
      assert.match(r.detail, /kind/);
      const missing = JSON.stringify({ suggestions: [] });
      handler = (_req, _body, res) => json(res, 200, completion(missing));
      const r2 = await suggestChallenges(opportunity, findings, { config: config() });
      assert.equal(r2.status === 'unavailable' && r2.reason, 'invalid-reply');
    });

    it('retries a 500 up to the limit, then reports the error status', async () => {
      handler = (_req, _body, res) => json(res, 500, '{"error":"overloaded"}');
      const r = await suggestChallenges(opportunity, findings, { config: config({ retries: 2 }) });
      assert.equal(r.status, 'unavailable');
      if (r.status !== 'unavailable') return;
      assert.equal(r.reason, 'http-error');
      assert.match(r.detail, /500/);
      assert.equal(r.attempts, 3);
      assert.equal(requests.length, 3);
    });

    it('retries after 429 and succeeds on the next attempt', async () => {
      let n = 0;
      handler = (_req, _body, res) => {
        n++;
        if (n === 1) json(res, 429, '{"error":"rate limited"}', { 'retry-after': '0' });
        else json(res, 200, completion(goodContent));
      };
      const r = await suggestChallenges(opportunity, findings, { config: config() });
      assert.equal(r.status, 'ok');
      assert.equal(r.status === 'ok' && r.attempts, 2);
      assert.equal(requests.length, 2);
    });

    it('says which status the endpoint answered, never its body, which may echo the key', async () => {
      handler = (req, _body, res) =>
        json(res, 500, JSON.stringify({ error: 'echo', authorization: req.headers.authorization, url: req.url }));
      const r = await suggestChallenges(opportunity, findings, { config: config({ retries: 0 }) });
      assert.equal(requests[0]!.auth, 'Bearer secret-key', 'the key was sent and echoed back');
      assert.equal(r.status === 'unavailable' && r.reason, 'http-error');
      const text = JSON.stringify(r);
      assert.match(text, /HTTP 500/);
      assert.ok(!text.includes('secret-key'), text);
      assert.ok(!text.includes('echo'), text);
    });

    it('keeps credentials and query-string secrets of the base URL out of what it reports', async () => {
      handler = (_req, _body, res) => json(res, 502, '{"error":"bad gateway"}');
      const withQuery = await suggestChallenges(opportunity, findings, {
        config: config({ baseUrl: `${baseUrl}?api-key=qs-secret-91`, retries: 0 }),
      });
      assert.equal(requests[0]!.url, '/v1/chat/completions?api-key=qs-secret-91', 'the query string is kept');
      assert.equal(withQuery.status === 'unavailable' && withQuery.reason, 'http-error');
      assert.match(JSON.stringify(withQuery), /127\.0\.0\.1.*api-key=\[redacted\]/);

      // fetch refuses a URL with user:password@, quoting it whole in its error.
      const withCredentials = await suggestChallenges(opportunity, findings, {
        config: config({ baseUrl: baseUrl.replace('//', '//vetted:pw-secret-73@'), retries: 0 }),
      });
      assert.equal(withCredentials.status === 'unavailable' && withCredentials.reason, 'network-error');

      // Whatever a failing fetch says, with the URL and the key in it.
      const quoting = await suggestChallenges(opportunity, findings, {
        config: config({ baseUrl: `http://vetted:pw-secret-73@127.0.0.1:9/v1?token=qs-secret-91`, retries: 0 }),
        fetch: (async (url: string) => {
          throw new TypeError(`Failed to fetch ${url} with Bearer secret-key`);
        }) as unknown as typeof fetch,
      });
      assert.equal(quoting.status === 'unavailable' && quoting.reason, 'network-error');

      for (const r of [withQuery, withCredentials, quoting]) {
        const text = JSON.stringify(r);
        for (const secret of ['qs-secret-91', 'pw-secret-73', 'secret-key']) assert.ok(!text.includes(secret), text);
      }
      assert.match(JSON.stringify(quoting), /127\.0\.0\.1:9/, 'still says which endpoint');
    });

    it('does not retry a client error such as 401', async () => {
      handler = (_req, _body, res) => json(res, 401, '{"error":"bad key"}');
      const r = await suggestChallenges(opportunity, findings, { config: config() });
      assert.equal(r.status === 'unavailable' && r.reason, 'http-error');
      assert.equal(requests.length, 1);
    });

    it('reports a network error when nothing listens', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const r = await suggestChallenges(opportunity, findings, {
        config: config({ baseUrl: `http://127.0.0.1:${port}/v1`, retries: 1 }),
      });
      assert.equal(r.status, 'unavailable');
      assert.equal(r.status === 'unavailable' && r.reason, 'network-error');
      assert.equal(r.attempts, 2);
    });

    it('touches no network at all when not configured', async () => {
      const original = globalThis.fetch;
      let calls = 0;
      globalThis.fetch = (async () => {
        calls++;
        throw new Error('network used');
      }) as typeof fetch;
      try {
        const r = await suggestChallenges(opportunity, findings, { env: {} });
        assert.equal(r.status, 'unavailable');
        assert.equal(r.status === 'unavailable' && r.reason, 'not-configured');
        assert.equal(r.attempts, 0);
        const r2 = await suggestChallenges(opportunity, findings, { env: { VETTED_LLM_BASE_URL: baseUrl } });
        assert.equal(r2.status === 'unavailable' && r2.reason, 'not-configured', 'a model is required too');
        const r3 = await suggestChallenges(opportunity, findings, { config: null });
        assert.equal(r3.status === 'unavailable' && r3.reason, 'not-configured');
      } finally {
        globalThis.fetch = original;
      }
      assert.equal(calls, 0);
      assert.equal(requests.length, 0);
    });

    it('uses global fetch and the environment when configured', async () => {
      handler = (_req, _body, res) => json(res, 200, completion(goodContent, 'served-model'));
      const r = await suggestChallenges(opportunity, findings, {
        env: { VETTED_LLM_BASE_URL: baseUrl, VETTED_LLM_MODEL: 'env-model' },
      });
      assert.equal(r.status, 'ok');
      assert.equal(r.status === 'ok' && r.model, 'served-model');
      assert.equal(requests[0]!.auth, undefined, 'no key configured, none sent');
      assert.equal((JSON.parse(requests[0]!.body) as { model: string }).model, 'env-model');
    });
  });

  describe('LLM configuration', () => {
    it('is off without a base URL and a model, or with a bad URL', () => {
      assert.equal(llmConfigFromEnv({}), null);
      assert.equal(llmConfigFromEnv({ VETTED_LLM_MODEL: 'm' }), null);
      assert.equal(llmConfigFromEnv({ VETTED_LLM_BASE_URL: 'not a url', VETTED_LLM_MODEL: 'm' }), null);
      assert.equal(llmConfigFromEnv({ VETTED_LLM_BASE_URL: 'ftp://x', VETTED_LLM_MODEL: 'm' }), null);
    });

    it('reads the key, timeout and retries, with defaults', () => {
      const c = llmConfigFromEnv({
        VETTED_LLM_BASE_URL: 'http://127.0.0.1:1/v1',
        VETTED_LLM_MODEL: 'm',
        VETTED_LLM_API_KEY: 'k',
        VETTED_LLM_TIMEOUT_MS: '1500',
        VETTED_LLM_RETRIES: '1',
      });
      assert.deepEqual(
        { key: c?.apiKey, timeout: c?.timeoutMs, retries: c?.retries },
        { key: 'k', timeout: 1500, retries: 1 },
      );
      const d = llmConfigFromEnv({
        VETTED_LLM_BASE_URL: 'http://h/v1',
        VETTED_LLM_MODEL: 'm',
        VETTED_LLM_RETRIES: 'x',
      });
      assert.equal(d?.retries, 2);
      assert.equal(d?.timeoutMs, 20_000);
      assert.equal(d?.apiKey, undefined);
    });

    it('builds the completions URL from a base URL', () => {
      assert.equal(completionsUrl('http://h:1/v1/'), 'http://h:1/v1/chat/completions');
      assert.equal(completionsUrl('http://h:1/v1/chat/completions'), 'http://h:1/v1/chat/completions');
      assert.equal(completionsUrl('https://h/v1?api-key=k'), 'https://h/v1/chat/completions?api-key=k');
    });
  });
});
