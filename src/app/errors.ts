/** Failures a user can act on. Adapters map them: HTTP problem+json, CLI messages. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(detail);
  }
}

export const notFound = (what: string) => new AppError(404, 'Not found', `${what} does not exist.`);
export const invalid = (detail: string, errors: { path: string; message: string }[] = []) =>
  new AppError(400, 'Invalid input', detail, errors);
export const refused = (detail: string) => new AppError(422, 'Not allowed', detail);
export const conflict = (what: string, current: number) =>
  new AppError(
    409,
    'Edit conflict',
    `${what} was changed by someone else (now version ${current}). Nothing was saved: reload, reapply your change and try again.`,
  );
export const actorRequired = () =>
  new AppError(401, 'Who are you?', 'Say which member is acting: send the Vetted-Actor header with a member id.');
