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

export const completionsUrl = (baseUrl: string): string => {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith('/chat/completions') ? trimmed : `${trimmed}/chat/completions`;
};
