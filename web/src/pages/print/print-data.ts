/**
 * What the printed forms say, from the staff view of the dossier (GET /api/dossiers/{code}) and
 * the public lookup (its `expectedDate` is the appointment date: the due date of the step being
 * handled, or of the round's next step while the dossier waits on its round — the same date the
 * QR code's page shows the applicant).
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
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

export function usePrintData(code: string) {
  const dossier = useQuery({
    queryKey: ['dossier', code],
    queryFn: () => call(api.GET('/api/dossiers/{code}', { params: { path: { code } } })),
  });
  const lookup = useQuery({
    queryKey: ['public-dossier', code],
    queryFn: () => call(api.GET('/api/public/dossiers/{code}', { params: { path: { code } } })),
  });
  return { dossier, lookup };
}
