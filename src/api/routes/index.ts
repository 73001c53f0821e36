import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { auditRoutes } from './audit.ts';
import { authRoutes } from './auth.ts';
import { ideaDetailRoutes } from './details.ts';
import { documentRoutes } from './documents.ts';
import { findRoutes } from './find.ts';
import { healthRoutes } from './health.ts';
import { ideaRoutes } from './ideas.ts';
import { leadershipRoutes } from './leadership.ts';
import { memberRoutes } from './members.ts';
import { oidcRoutes } from './oidc.ts';
import { portalRoutes } from './portal.ts';
import { demoRoute, portfolioRoutes } from './portfolio.ts';
import { realizationRoutes } from './realization.ts';
import { togetherRoutes } from './together.ts';
import { validationRoutes } from './validation.ts';
import { workspaceRoutes } from './workspaces.ts';

export function registerRoutes(api: FastifyInstance, ctx: AppContext) {
  healthRoutes(api, ctx);
  authRoutes(api, ctx);
  oidcRoutes(api, ctx);
  workspaceRoutes(api, ctx);
  memberRoutes(api, ctx);
  auditRoutes(api, ctx);
  portalRoutes(api, ctx);
  ideaRoutes(api, ctx);
  findRoutes(api, ctx);
  ideaDetailRoutes(api, ctx);
  togetherRoutes(api, ctx);
  portfolioRoutes(api, ctx);
  demoRoute(api, ctx);
  validationRoutes(api, ctx);
  realizationRoutes(api, ctx);
  documentRoutes(api, ctx);
  leadershipRoutes(api, ctx);
}
