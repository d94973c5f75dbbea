import { createHash } from 'node:crypto';
import { RULE_SETS } from '../../../../domain/rules/rule-sets';

/**
 * Released rule sets are immutable: running dossiers and rounds carry the data they started with
 * (their workflow input), and a change in the law is a new rule set. Editing a released one fails
 * here; only a deliberate release of a new rule set adds a line.
 */
const RELEASED: Record<string, string> = {
  'decree-32-2024': '0df02db672fbe4d49f77cb3b4020ec4a824ef8b95d7cf1723ef80c06bfddf88d',
  'decree-32-2024-two-level': '995a86431e1e1bdde36a499e6507108dcaa8476bb100a881d919013890a2a873',
  'decree-303-2026': '8b74798ca6a1b10a6adab47cd96c858945756aa3d8945f9b45bf4ff413bc463d',
};

describe('released rule sets', () => {
  it.each(RULE_SETS.map((r) => [r.id, r] as const))('%s keeps the content it was released with', (id, ruleSet) => {
    expect(createHash('sha256').update(JSON.stringify(ruleSet)).digest('hex')).toBe(RELEASED[id]);
  });

  it('lists every rule set the code knows', () => {
    expect(RULE_SETS.map((r) => r.id).sort()).toEqual(Object.keys(RELEASED).sort());
  });
});
