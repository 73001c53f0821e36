import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Problem, Strict } from '../../schema/index.ts';

export const typed = (api: FastifyInstance) => api.withTypeProvider<TypeBoxTypeProvider>();

export const WsParams = Strict({ ws: Type.String({ minLength: 1, maxLength: 40, description: 'Workspace slug' }) });
export const IdeaParams = Strict({
  ws: Type.String({ minLength: 1, maxLength: 40, description: 'Workspace slug' }),
  idea: Type.String({ minLength: 1, maxLength: 64, description: 'Idea id, or its number (e.g. 12)' }),
});

/** The problems any route may answer with, declared once so OpenAPI lists them everywhere. */
export const problems = {
  400: Problem,
  401: Problem,
  404: Problem,
  409: Problem,
  413: Problem,
  422: Problem,
  /** The database is unreachable for a moment; Retry-After says when to try again. */
  503: Problem,
} as const;
