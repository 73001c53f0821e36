/** Domain rules return refusals as values; adapters turn them into HTTP problems or CLI messages. */
export type Refusal = { ok: false; reason: string };
export type Result<T> = { ok: true; value: T } | Refusal;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const refuse = (reason: string): Refusal => ({ ok: false, reason });
