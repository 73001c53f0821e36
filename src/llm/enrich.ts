import { Value } from 'typebox/value';
import { WEAKNESS_KINDS } from '../methodology/index.ts';
import {
  AiChallengeReply,
  type AiSuggestion,
  type Enrichment,
  type Finding,
  type Opportunity,
} from '../schema/index.ts';
import { type ChatDeps, type ChatMessage, chatCompletion } from './client.ts';
import { type LlmConfig, llmConfigFromEnv, redactor } from './config.ts';

export interface EnrichOptions extends ChatDeps {
  /** Explicit configuration; `null` means off. When absent, read from `env`. */
  config?: LlmConfig | null;
  /** Where to read VETTED_LLM_* from; defaults to process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** At most this many suggestions are kept (default 8). */
  maxSuggestions?: number;
}

const MAX_FILE_CHARS = 24_000;

const SYSTEM_PROMPT = [
  'You review product opportunities for a product leader and challenge them: you say "prove it".',
  'You receive one opportunity as JSON and the weaknesses a rule engine already found.',
  'Suggest further, different challenges the rules missed: unstated assumptions, risks, contradictions, missing evidence.',
  'Be concrete: cite the fields, figures, dates or refs you looked at, and end each with a next question or a cheap test.',
  'Do not repeat the rule findings. Do not invent data that is not in the file.',
  'Answer with one JSON object and nothing else, of this shape:',
  '{"challenges":[{"kind":"<kind>","title":"<short title>","explanation":"<what and why, citing the data>","next":"<next question or test>","references":["<field path or ref>"]}]}',
  `"kind" is one of: ${WEAKNESS_KINDS.map((k) => k.id).join(', ')}, other.`,
  'Give at most 5 challenges. If you find nothing worth adding, answer {"challenges":[]}.',
].join('\n');

export function buildMessages(opportunity: Opportunity, findings: readonly Finding[]): ChatMessage[] {
  let file = JSON.stringify(opportunity);
  if (file.length > MAX_FILE_CHARS) file = `${file.slice(0, MAX_FILE_CHARS)} …(truncated)`;
  const known = findings.map((f) => `- ${f.ruleId} (${f.subject}): ${f.title}`).join('\n') || '- none';
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: `Opportunity:\n${file}\n\nThe rule engine already found:\n${known}` },
  ];
}

/** Strip a Markdown code fence some models wrap JSON in. */
const unfence = (s: string) => {
  const m = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(s);
  return m ? m[1]! : s.trim();
};

const unavailable = (
  reason: Extract<Enrichment, { status: 'unavailable' }>['reason'],
  detail: string,
  attempts: number,
): Enrichment => ({
  status: 'unavailable',
  reason,
  detail,
  attempts,
});

/**
 * Ask an OpenAI-compatible chat-completions endpoint for further challenges. The answer is validated against
 * a schema and labelled as AI suggestions; it is returned apart from the rule findings, never mixed into them.
 * Off unless configured (no network at all then). Never throws: a timeout, an error status, malformed JSON or
 * a reply that does not match the schema all come back as `unavailable` with the reason, and the rule findings
 * stand on their own.
 */
export async function suggestChallenges(
  opportunity: Opportunity,
  findings: readonly Finding[],
  options: EnrichOptions = {},
): Promise<Enrichment> {
  let redact = (text: string) => text;
  try {
    const config = options.config !== undefined ? options.config : llmConfigFromEnv(options.env ?? process.env);
    if (config) redact = redactor(config);
    if (!config) {
      return unavailable(
        'not-configured',
        'AI suggestions are off: set VETTED_LLM_BASE_URL and VETTED_LLM_MODEL to enable them. The rule findings stand on their own.',
        0,
      );
    }
    const deps: ChatDeps = {
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    };
    const reply = await chatCompletion(config, buildMessages(opportunity, findings), deps);
    if (!reply.ok) return unavailable(reply.reason, reply.detail, reply.attempts);

    let parsed: unknown;
    try {
      parsed = JSON.parse(unfence(reply.content));
    } catch {
      return unavailable('malformed-reply', 'The model did not answer with JSON.', reply.attempts);
    }
    if (!Value.Check(AiChallengeReply, parsed)) {
      const errors = [...Value.Errors(AiChallengeReply, parsed)]
        .slice(0, 3)
        .map((e) => `${e.instancePath || '/'} ${e.message}`)
        .join('; ');
      return unavailable(
        'invalid-reply',
        `The model's JSON does not match the expected shape: ${errors}.`,
        reply.attempts,
      );
    }
    const max = options.maxSuggestions ?? 8;
    const suggestions: AiSuggestion[] = parsed.challenges.slice(0, max).map((c) => ({
      source: 'ai',
      label: 'AI suggestion',
      model: reply.model,
      kind: c.kind,
      title: c.title,
      explanation: c.explanation,
      next: c.next,
      references: [...(c.references ?? [])],
    }));
    return { status: 'ok', model: reply.model, attempts: reply.attempts, suggestions };
  } catch (error) {
    return unavailable(
      'network-error',
      `Unexpected failure: ${redact((error as Error)?.message ?? String(error))}.`,
      0,
    );
  }
}
