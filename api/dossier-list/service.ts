import type { Prisma } from '../../generated/prisma/client';
import type { IsoDate } from '../../domain';
import type { ApiDeps } from '../deps';
import { dbDate, isoDateOf } from '../../db/dates';
import type { DossierListQuery } from './schemas';

/** A dossier is overdue when one of its open tasks is past its due date. */
export const overdueTasks = (today: IsoDate): Prisma.TaskWhereInput => ({ status: 'OPEN', dueOn: { lt: dbDate(today) } });

export async function listDossiers(deps: Pick<ApiDeps, 'prisma'>, query: DossierListQuery, today: IsoDate) {
  const where: Prisma.DossierWhereInput = {
    ...(query.cluster ? { cluster: { code: query.cluster } } : {}),
    ...(query.stage ? { stage: query.stage } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.filedFrom || query.filedTo
      ? { filedOn: { ...(query.filedFrom ? { gte: dbDate(query.filedFrom) } : {}), ...(query.filedTo ? { lte: dbDate(query.filedTo) } : {}) } }
      : {}),
    ...(query.overdue === true ? { tasks: { some: overdueTasks(today) } } : {}),
    ...(query.overdue === false ? { tasks: { none: overdueTasks(today) } } : {}),
  };
  const [total, dossiers] = await Promise.all([
    deps.prisma.dossier.count({ where }),
    deps.prisma.dossier.findMany({
      where,
      include: {
        cluster: { select: { code: true, name: true } },
        applicant: { select: { name: true } },
        tasks: { where: { status: 'OPEN', dueOn: { not: null } }, select: { dueOn: true }, orderBy: { dueOn: 'asc' }, take: 1 },
      },
      orderBy: [{ filedOn: 'desc' }, { code: 'asc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
  ]);
  const items = dossiers.map((d) => {
    const nextDue = d.tasks[0]?.dueOn ? isoDateOf(d.tasks[0].dueOn) : null;
    return {
      code: d.code,
      projectTitle: d.projectTitle,
      cluster: d.cluster,
      applicantName: d.applicant.name,
      stage: d.stage,
      status: d.status,
      filedOn: isoDateOf(d.filedOn),
      nextDue,
      overdue: nextDue !== null && nextDue < today,
    };
  });
  return { items, page: query.page, pageSize: query.pageSize, total };
}
