import type { Engine } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';
import { requireTenant } from '../../../../plugins/app/auth';
import { BacktestBody, PutRulesBody } from './schemas';

/** Auto-approval rules: activate a version, read it, its history and decisions, backtest any set. */
export async function rulesRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  const auth = requireTenant(engine);
  app.put<{ Body: PutRulesBody }>(
    '/api/v1/rules',
    { preHandler: auth, schema: { tags: ['rules'], summary: 'Validate and activate a rule set', body: PutRulesBody } },
    async (request) => engine.rules.setRuleSet(request.tenantId, request.body, request.actor),
  );
  app.get('/api/v1/rules', { preHandler: auth, schema: { tags: ['rules'], summary: 'The active rule set' } }, async (request) => (await engine.rules.getActive(request.tenantId)) ?? { version: 0, rules: [] });
  app.get('/api/v1/rules/history', { preHandler: auth, schema: { tags: ['rules'], summary: 'Every version: who, when, what changed' } }, async (request) => ({ versions: await engine.rules.history(request.tenantId) }));
  app.get('/api/v1/rules/decisions', { preHandler: auth, schema: { tags: ['rules'], summary: 'Recent decisions with their rule and facts' } }, async (request) => ({ decisions: await engine.rules.decisionLog(request.tenantId) }));
  app.get('/api/v1/rules/suggestions', { preHandler: auth, schema: { tags: ['rules'], summary: 'Rules proposed from the KPIs, with their backtest' } }, async (request) => ({ suggestions: await engine.rules.suggest(request.tenantId) }));
  app.post<{ Body: BacktestBody }>(
    '/api/v1/rules/backtest',
    { preHandler: auth, schema: { tags: ['rules'], summary: 'What a rule set would have done over history', body: BacktestBody } },
    async (request) => engine.rules.backtest(request.tenantId, request.body.rules ? { rules: request.body.rules } : undefined, { from: request.body.from, to: request.body.to }),
  );
}
