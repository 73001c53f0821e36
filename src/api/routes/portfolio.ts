export function portfolioRoutes(_a: unknown, _c: unknown) {}
