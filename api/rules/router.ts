import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { problemResponses, type DocsRegistration } from '../http/openapi';
import { publicComputationLimit } from '../http/rate-limit';
import { parseBody, parseParams, parseQuery } from '../http/validate';
import { z } from '../http/zod';
import {
  DepositQuerySchema,
  DepositResultSchema,
  EffectiveRuleSetQuerySchema,
  RankingRequestSchema,
  RankingResultSchema,
  RuleSetParamsSchema,
  RuleSetSchema,
  ScreeningRequestSchema,
  ScreeningResultSchema,
} from './schemas';
import { computeDeposit, effectiveRuleSet, getRuleSet, listRuleSets, rank, screen } from './service';

/**
 * Reference computations of the legal core (rule sets, deposit, screening, ranking): no personal
 * data and nothing stored, so they are open to anyone, like the law they compute.
 */
export function rulesRouter(_deps: ApiDeps): Router {
  const router = Router();
  // Open to anyone, so each computation is rate-limited per IP (the ranking, the costly one, more tightly).
  const computation = publicComputationLimit('other');
  const ranking = publicComputationLimit('ranking');
  router.use(['/api/rule-sets', '/api/rules/deposit', '/api/rules/screening'], computation);

  router.get('/api/rule-sets', (_req, res) => {
    res.json(listRuleSets());
  });

  // Before /:id, which would otherwise take "effective" for an id.
  router.get('/api/rule-sets/effective', (req, res) => {
    const { filedOn } = parseQuery(EffectiveRuleSetQuerySchema, req);
    res.json(effectiveRuleSet(filedOn));
  });

  router.get('/api/rule-sets/:id', (req, res) => {
    const { id } = parseParams(RuleSetParamsSchema, req);
    res.json(getRuleSet(id));
  });

  router.get('/api/rules/deposit', (req, res) => {
    res.json(computeDeposit(parseQuery(DepositQuerySchema, req)));
  });

  router.post('/api/rules/screening', (req, res) => {
    res.json(screen(parseBody(ScreeningRequestSchema, req)));
  });

  router.post('/api/rules/ranking', ranking, (req, res) => {
    res.json(rank(parseBody(RankingRequestSchema, req)));
  });

  return router;
}

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });

export const registerRulesDocs: DocsRegistration = (registry) => {
  registry.register('RuleSet', RuleSetSchema);
  registry.registerPath({
    method: 'get',
    path: '/api/rule-sets',
    tags: ['Quy tắc (rules)'],
    summary: 'Mọi bộ quy tắc, cũ nhất trước (all rule sets)',
    description: 'Public. Each rule set with its time limits, consulted departments, council, scoring, tie-break policy, equity thresholds and deposit brackets.',
    responses: { 200: { description: 'Các bộ quy tắc', ...json(z.array(RuleSetSchema)) }, ...problemResponses(429) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/rule-sets/effective',
    tags: ['Quy tắc (rules)'],
    summary: 'Bộ quy tắc áp dụng cho hồ sơ nộp ngày filedOn (rule set in force)',
    description:
      'Public. A dossier keeps the rule set in force on its filing date for its whole life (DOMAIN.md §6). 422 before 01/5/2024, when Decree 32/2024 started to apply.',
    request: { query: EffectiveRuleSetQuerySchema },
    responses: { 200: { description: 'Bộ quy tắc', ...json(RuleSetSchema) }, ...problemResponses(400, 422, 429) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/rule-sets/{id}',
    tags: ['Quy tắc (rules)'],
    summary: 'Một bộ quy tắc theo mã (rule set by id)',
    description: 'Public.',
    request: { params: RuleSetParamsSchema },
    responses: { 200: { description: 'Bộ quy tắc', ...json(RuleSetSchema) }, ...problemResponses(400, 404, 429) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/rules/deposit',
    tags: ['Quy tắc (rules)'],
    summary: 'Tiền ký quỹ theo vốn đầu tư (deposit, Decree 31/2021 Art. 26(3))',
    description:
      'Public. 3 % of the capital up to VND 300 billion, 2 % of the part from 300 to 1,000 billion, 1 % above; a fraction of a đồng is rounded down. Rule set: `ruleSetId`, or the one in force on `filedOn`, or the one in force today (not both).',
    request: { query: DepositQuerySchema },
    responses: { 200: { description: 'Tiền ký quỹ', ...json(DepositResultSchema) }, ...problemResponses(400, 422, 429) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/rules/screening',
    tags: ['Quy tắc (rules)'],
    summary: 'Sơ tuyển điều kiện nhà đầu tư (eligibility screening)',
    description: 'Public, nothing stored. Every failed criterion with its reason in Vietnamese.',
    request: { body: json(ScreeningRequestSchema) },
    responses: { 200: { description: 'Kết quả sơ tuyển', ...json(ScreeningResultSchema) }, ...problemResponses(400, 413, 422, 429) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/rules/ranking',
    tags: ['Quy tắc (rules)'],
    summary: 'Xếp hạng nhà đầu tư theo phiếu chấm của Hội đồng (council ranking, Decree 32/2024 Art. 13(2))',
    description:
      'Public, nothing stored. Mean of the voting members’ totals; at least the pass mark qualifies; ties broken by the rule set’s policy. An invalid or duplicate score sheet answers 400 listing each one (field `scores.<index>`).',
    request: { body: json(RankingRequestSchema) },
    responses: { 200: { description: 'Xếp hạng', ...json(RankingResultSchema) }, ...problemResponses(400, 413, 422, 429) },
  });
};
