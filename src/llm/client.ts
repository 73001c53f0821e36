import { completionsUrl, displayUrl, type LlmConfig, redactor } from './config.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export type ChatResult =
  | { ok: true; content: string; model: string; attempts: number }
  | {
      ok: false;
      reason: 'timeout' | 'http-error' | 'network-error' | 'malformed-reply';
      detail: string;
      attempts: number;
    };

export interface ChatDeps {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const retryable = (status: number) => status === 429 || status >= 500;

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * One chat completion from an OpenAI-compatible endpoint, with a timeout per attempt (AbortSignal.timeout) and
 * limited retries after 429, 5xx and network errors. A timeout is not retried, so the caller waits at most about
 * `timeoutMs` for a hanging server. Never throws: every failure comes back as a reason and a detail.
 */
export async function chatCompletion(
  config: LlmConfig,
  messages: readonly ChatMessage[],
  deps: ChatDeps = {},
): Promise<ChatResult> {
  const doFetch = deps.fetch ?? globalThis.fetch;
  const sleep = deps.sleep ?? defaultSleep;
  const url = completionsUrl(config.baseUrl);
  const shown = displayUrl(url);
  const redact = redactor(config);
  // fetch says "fetch failed" and keeps the reason (ECONNREFUSED, a TLS failure) in its cause.
  const why = (error: unknown) => {
    const cause = (error as { cause?: { message?: unknown } }).cause;
    const message = typeof cause?.message === 'string' ? cause.message : (error as Error)?.message;
    return redact(message ?? String(error));
  };
  const body = JSON.stringify({
    model: config.model,
    messages,
    temperature: 0.2,
    response_format: { type: 'json_object' },
  });
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;

  let attempts = 0;
  let last: ChatResult = { ok: false, reason: 'network-error', detail: 'No attempt was made.', attempts };
  for (let attempt = 0; attempt <= config.retries; attempt++) {
    attempts++;
    let wait = config.retryDelayMs * 2 ** attempt;
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      if (!res.ok) {
        // The body is the remote's words, not ours to pass on: some servers and proxies echo the request,
        // bearer key included. The status says what failed.
        await res.body?.cancel().catch(() => {});
        last = {
          ok: false,
          reason: 'http-error',
          detail: `The endpoint ${shown} answered HTTP ${res.status}.`,
          attempts,
        };
        if (!retryable(res.status)) return last;
        wait = Math.min(retryAfterMs(res.headers.get('retry-after')) ?? wait, 10_000);
      } else {
        const text = await res.text();
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          return { ok: false, reason: 'malformed-reply', detail: 'The endpoint did not answer with JSON.', attempts };
        }
        const choice = (parsed as { choices?: { message?: { content?: unknown } }[]; model?: unknown }).choices?.[0];
        const content = choice?.message?.content;
        if (typeof content !== 'string') {
          return {
            ok: false,
            reason: 'malformed-reply',
            detail: 'The reply has no choices[0].message.content string.',
            attempts,
          };
        }
        const model = (parsed as { model?: unknown }).model;
        return { ok: true, content, model: typeof model === 'string' ? model : config.model, attempts };
      }
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        return { ok: false, reason: 'timeout', detail: `No reply within ${config.timeoutMs} ms.`, attempts };
      }
      last = { ok: false, reason: 'network-error', detail: `Could not reach ${shown}: ${why(error)}.`, attempts };
    }
    if (attempt < config.retries) await sleep(wait);
  }
  return last;
}
