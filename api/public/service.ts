import type { ApiDeps } from '../deps';
import { notFound } from '../http/problem';
import { isoDateOf } from '../../db/dates';
import type { PublicDossier } from './schemas';

/** What anyone holding a dossier code may see: never the applicant, the title or any person. */
export async function publicDossier(deps: Pick<ApiDeps, 'prisma'>, code: string): Promise<PublicDossier> {
  const dossier = await deps.prisma.dossier.findUnique({
    where: { code },
    select: {
      code: true,
      stage: true,
      status: true,
      cluster: { select: { name: true } },
      tasks: { where: { status: 'OPEN', dueOn: { not: null } }, select: { dueOn: true }, orderBy: { dueOn: 'asc' }, take: 1 },
      // While the dossier waits on its round (the call, the window, the submission, the report, the decision), the round's step gives the date.
      round: { select: { tasks: { where: { status: 'OPEN', dueOn: { not: null } }, select: { dueOn: true }, orderBy: { dueOn: 'asc' }, take: 1 } } },
    },
  });
  if (!dossier) throw notFound(`Không có hồ sơ mã ${code}. Kiểm tra lại mã trên giấy biên nhận (dạng CCN-XXXXX-XXXXX).`);
  const open = !['CLOSED', 'MONITORING'].includes(dossier.stage);
  const due = open ? (dossier.tasks[0]?.dueOn ?? dossier.round.tasks[0]?.dueOn) : undefined;
  return { code: dossier.code, cluster: dossier.cluster.name, stage: dossier.stage, status: dossier.status, expectedDate: due ? isoDateOf(due) : null };
}
