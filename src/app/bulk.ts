import { AppError, invalid } from './errors.ts';

/**
 * Every idea of a bulk action that could not take it, with its reason (at `/ideas/<index>`); a 409 when they
 * all failed on their version (reload and retry), else a 422. Nothing was written.
 */
export function bulkRefusal(total: number, failures: { error: AppError; index: number }[], verb: string) {
  const conflicts = failures.every((f) => f.error.status === 409);
  return new AppError(
    conflicts ? 409 : 422,
    conflicts ? 'Edit conflict' : 'Not allowed',
    `${failures.length} of ${total} ideas could not be ${verb}, so none was: ${failures.map((f) => f.error.message).join(' ')}`,
    failures.map((f) => ({ path: `/ideas/${f.index}`, message: f.error.message })),
  );
}

/** An idea listed twice would be checked against a version it no longer has: say so plainly instead. */
export function refuseRepeats(refs: { id: string }[]) {
  const seen = new Set<string>();
  const errors = refs.flatMap((r, i) => {
    if (!seen.has(r.id.toLowerCase())) {
      seen.add(r.id.toLowerCase());
      return [];
    }
    return [{ path: `/ideas/${i}`, message: 'is listed already' }];
  });
  if (errors.length) throw invalid('List each idea once.', errors);
}
