/** Optional LLM enrichment: further challenges from any OpenAI-compatible endpoint, labelled as AI suggestions. */
export { type ChatMessage, type ChatResult, chatCompletion } from './client.ts';
export { completionsUrl, LLM_DEFAULTS, type LlmConfig, llmConfigFromEnv } from './config.ts';
export { buildMessages, type EnrichOptions, suggestChallenges } from './enrich.ts';
