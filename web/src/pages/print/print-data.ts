/**
 * What the printed forms say, from the staff view of the dossier (GET /api/dossiers/{code}) and
 * the public lookup (its `expectedDate` is the appointment date: the due date of the step being
 * handled, or of the round's next step while the dossier waits on its round — the same date the
 * QR code's page shows the applicant).
 */
import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';

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
