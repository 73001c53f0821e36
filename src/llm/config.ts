/**
 * Optional LLM enrichment is configured by environment only. With no base URL or no model it is off, and
 * nothing touches the network.
 *
 * - VETTED_LLM_BASE_URL: an OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 (".../chat/completions"
 *   is appended unless already there)
 * - VETTED_LLM_MODEL: the model name the endpoint expects
 * - VETTED_LLM_API_KEY: sent as a bearer token when set
 * - VETTED_LLM_TIMEOUT_MS (default 20000) and VETTED_LLM_RETRIES (default 2): per-attempt timeout, and retries
 *   after a 429, a 5xx or a network error
 */
export interface LlmConfig {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  retries: number;
  /** First pause before a retry; doubles each time, or follows Retry-After (capped at 10 s). */
  retryDelayMs: number;
}

export const LLM_DEFAULTS = { timeoutMs: 20_000, retries: 2, retryDelayMs: 500 } as const;

const positiveInt = (v: string | undefined, fallback: number, max: number): number => {
  if (v === undefined || v.trim() === '') return fallback;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? Math.min(n, max) : fallback;
};

export function llmConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): LlmConfig | null {
  const baseUrl = env.VETTED_LLM_BASE_URL?.trim();
  const model = env.VETTED_LLM_MODEL?.trim();
  if (!baseUrl || !model) return null;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  } catch {
    return null;
  }
  const apiKey = env.VETTED_LLM_API_KEY?.trim();
  return {
    baseUrl,
    model,
    ...(apiKey ? { apiKey } : {}),
    timeoutMs: positiveInt(env.VETTED_LLM_TIMEOUT_MS, LLM_DEFAULTS.timeoutMs, 300_000) || LLM_DEFAULTS.timeoutMs,
    retries: positiveInt(env.VETTED_LLM_RETRIES, LLM_DEFAULTS.retries, 5),
    retryDelayMs: LLM_DEFAULTS.retryDelayMs,
  };
}

/** The chat-completions URL for a base URL; a query string (some gateways take the key there) stays at the end. */
export const completionsUrl = (baseUrl: string): string => {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    const trimmed = baseUrl.replace(/\/+$/, '');
    return trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`;
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/chat/completions') ? path : `${path}/chat/completions`;
  return url.toString();
};

const REDACTED = '[redacted]';

/** The endpoint as it may be shown to callers and logs: no user:password@, no query string values. */
export function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const credentials = url.username || url.password;
    url.username = '';
    url.password = '';
    for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, REDACTED);
    const shown = url.toString().replace(/%5Bredacted%5D/g, REDACTED);
    return credentials ? shown.replace('://', `://${REDACTED}@`) : shown;
  } catch {
    return redactUrls(raw);
  }
}

/** user:password@ and query string values in any URL inside a text. */
const redactUrls = (text: string): string =>
  text.replace(/(\/\/)[^/\s@]+@/g, `$1${REDACTED}@`).replace(/([?&][^=\s&#]+)=[^&\s#"']*/g, `$1=${REDACTED}`);

/**
 * Any text that may reach a caller or a log, without the key, the credentials or query values of the base URL,
 * in whatever form they appear (runtime errors quote the URL they were given, some servers echo headers).
 */
export function redactor(config: Pick<LlmConfig, 'baseUrl' | 'apiKey'>): (text: string) => string {
  const secrets = new Set<string>();
  if (config.apiKey) secrets.add(config.apiKey);
  try {
    const url = new URL(config.baseUrl);
    for (const part of [url.username, url.password, decodeURIComponent(url.username), decodeURIComponent(url.password)])
      if (part) secrets.add(part);
    for (const value of url.searchParams.values()) if (value) secrets.add(value);
    for (const value of url.search.slice(1).split('&')) {
      const raw = value.split('=')[1];
      if (raw) secrets.add(raw);
    }
  } catch {}
  // Longest first, so a secret that contains another is removed whole; a value of one or two characters is no
  // secret, and replacing it everywhere would garble the message.
  const ordered = [...secrets].filter((x) => x.length >= 3).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = redactUrls(text).replace(/\b(Bearer|Basic)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`);
    for (const secret of ordered) out = out.split(secret).join(REDACTED);
    return out;
  };
}
