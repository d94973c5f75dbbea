import { ApplicationFailure } from '@temporalio/common';
import type { CouncilSeat } from '../../workflows/dossier/api';
import { appendAudit } from '../../db/audit';
import type { ActivityDeps } from '../deps';
import { json, userIdByUsername } from './role-tasks';

export interface ScoreRecord {
  code: string;
  actor: string;
  councilRole: CouncilSeat;
  criteria: Record<string, number>;
  total: number;
}

/** One council member's score sheet; refused (non-retryable) when the member is not a user. Idempotent per member. */
export async function recordScore(deps: ActivityDeps, record: ScoreRecord): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const memberId = await userIdByUsername(tx, record.actor);
    if (!memberId) throw ApplicationFailure.nonRetryable(`Không có thành viên Hội đồng ${record.actor}.`, 'UnknownUser');
    const dossier = await tx.dossier.findUniqueOrThrow({ where: { code: record.code } });
    if (await tx.score.findUnique({ where: { memberId_dossierId: { memberId, dossierId: dossier.id } } })) return;
    const score = await tx.score.create({
      data: { roundId: dossier.roundId, dossierId: dossier.id, memberId, criteria: json(record.criteria), total: record.total, submittedAt: new Date() },
    });
    await appendAudit(tx, {
      actor: record.actor,
      action: 'score.submitted',
      entityType: 'Score',
      entityId: score.id,
      dossierCode: record.code,
      newValue: { councilRole: record.councilRole, criteria: record.criteria, total: record.total },
    });
  });
}

