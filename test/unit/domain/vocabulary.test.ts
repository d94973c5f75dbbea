import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DECISION_OUTCOMES,
  DOSSIER_STAGES,
  DOSSIER_STATUSES,
  OPINION_VERDICTS,
  ROUND_STATUSES,
  TASK_KINDS,
  TASK_STATUSES,
} from '../../../domain';

/** The values of each `enum` block of the schema, in order, without doc comments and `@@` attributes. */
function schemaEnums(schema: string): Map<string, string[]> {
  const enums = new Map<string, string[]>();
  for (const [, name = '', body = ''] of schema.matchAll(/^enum\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const values = body
      .split('\n')
      .map((line) => line.replace(/\/\/.*$/, '').trim())
      .filter((line) => line !== '' && !line.startsWith('@@'))
      .map((line) => line.split(/\s+/)[0] ?? line);
    enums.set(name, values);
  }
  return enums;
}

const enums = schemaEnums(readFileSync(join(__dirname, '../../../prisma/schema.prisma'), 'utf8'));

describe('the domain vocabulary is the read model’s (prisma/schema.prisma enums)', () => {
  test('the schema parser reads enums with doc comments and @@map', () => {
    expect(schemaEnums('enum A {\n  X\n  /// why\n  Y // note\n\n  @@map("a")\n}\n')).toEqual(new Map([['A', ['X', 'Y']]]));
  });

  test.each([
    ['RoundStatus', ROUND_STATUSES],
    ['DossierStage', DOSSIER_STAGES],
    ['DossierStatus', DOSSIER_STATUSES],
    ['TaskKind', TASK_KINDS],
    ['TaskStatus', TASK_STATUSES],
    ['OpinionVerdict', OPINION_VERDICTS],
    ['DecisionOutcome', DECISION_OUTCOMES],
  ])('%s', (name, values) => {
    expect(enums.get(name)).toEqual([...values]);
  });
});
