import { registerActionDocs } from '../../../api/actions/router';
import { buildOpenApiDocument } from '../../../api/http/openapi';
import { RULE_SETS } from '../../../domain';

type NumberSchema = { minimum?: number; maximum?: number };

describe('the score sheet in OpenAPI states each criterion’s maximum, so a client can check before sending', () => {
  const doc = buildOpenApiDocument([registerActionDocs]) as { components: { schemas: Record<string, { properties: Record<string, { properties: Record<string, NumberSchema> }> }> } };
  const criteria = doc.components.schemas.ScoreSheet?.properties.criteria?.properties ?? {};

  test('15 / 15 / 30 / 40, from 0', () => {
    expect(criteria).toEqual({
      infrastructurePlan: { type: 'number', minimum: 0, maximum: 15 },
      environmentalProtectionPlan: { type: 'number', minimum: 0, maximum: 15 },
      capacityAndExperience: { type: 'number', minimum: 0, maximum: 30 },
      financialPlan: { type: 'number', minimum: 0, maximum: 40 },
    });
  });

  test.each(RULE_SETS.map((r) => [r.id, r] as const))('no score allowed by %s is over the documented maximum', (_id, ruleSet) => {
    for (const { key, max } of ruleSet.scoring.criteria) expect(criteria[key]?.maximum).toBeGreaterThanOrEqual(max);
  });
});
