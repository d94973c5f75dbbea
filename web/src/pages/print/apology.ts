/**
 * Which apology a late dossier's desk prints (pure: unit-tested in test/unit/web/apology.test.ts).
 */
import type { components } from '../../api/openapi';

type Dossier = components['schemas']['Dossier'];
type Deadline = components['schemas']['Deadline'];

/** The name of a stage whose deadline can be missed, as the apology notice mail names it. */
const OVERDUE_STAGE_NAMES: Record<string, string> = {
  departmentOpinion: 'lấy ý kiến của các sở, ngành',
  appraisal: 'thẩm định hồ sơ',
  decision: 'quyết định',
};

export interface Apology {
  stageName: string;
  missed: Deadline;
  revised: Deadline;
}

/**
 * The late step of a dossier: a deadline `<key>` that has a `<key>Revised` (the new expected date
 * the workflow set when the step went overdue; workflows/dossier/context.ts). With several, the
 * one revised last (latest new date). Null when no step was ever late.
 */
export function latestApology(deadlines: Dossier['deadlines']): Apology | null {
  const apologies = Object.entries(deadlines)
    .filter(([key]) => key.endsWith('Revised'))
    .flatMap(([key, revised]) => {
      const stage = key.slice(0, -'Revised'.length);
      const missed = deadlines[stage];
      return missed ? [{ stageName: OVERDUE_STAGE_NAMES[stage] ?? stage, missed, revised }] : [];
    });
  apologies.sort((a, b) => a.revised.due.localeCompare(b.revised.due));
  return apologies.at(-1) ?? null;
}
