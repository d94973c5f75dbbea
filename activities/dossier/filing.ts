import { dbDate } from '../../db/dates';
import type { DossierWorkflowInput } from '../../workflows/dossier/api';
import { appendAudit } from '../../db/audit';
import type { ActivityDeps } from '../deps';

/**
 * The dossier and its applicant enter the read model, linked to the round that admitted it (or,
 * for a refused letter, the round whose window it missed), with their audit records, in one
 * transaction. An admitted dossier waits in COMPILATION for the round's submission to DOIT; a
 * refused one is CLOSED / REFUSED with its reason. Idempotent: a retry finds the dossier.
 */
export async function recordDossierFiled(deps: ActivityDeps, input: DossierWorkflowInput): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    if (await tx.dossier.findUnique({ where: { code: input.code }, select: { id: true } })) return;
    const cluster = await tx.cluster.findUniqueOrThrow({ where: { code: input.clusterCode } });
    const round = await tx.selectionRound.findUniqueOrThrow({ where: { code: input.roundCode } });
    const applicant = await tx.applicant.upsert({
      where: { taxCode: input.applicant.taxCode },
      create: { name: input.applicant.name, taxCode: input.applicant.taxCode, contactEmail: input.applicant.email },
      update: { name: input.applicant.name, contactEmail: input.applicant.email },
    });
    const refused = input.refusal !== undefined;
    const dossier = await tx.dossier.create({
      data: {
        code: input.code,
        workflowId: input.code,
        projectTitle: input.projectTitle,
        roundId: round.id,
        clusterId: cluster.id,
        applicantId: applicant.id,
        ruleSetId: input.ruleSetId,
        filedOn: dbDate(input.filedOn),
        stage: refused ? 'CLOSED' : 'COMPILATION',
        status: refused ? 'REFUSED' : 'ACTIVE',
        version: 0,
      },
    });
    const audit = { entityType: 'Dossier', entityId: dossier.id, dossierCode: input.code };
    await appendAudit(tx, {
      ...audit,
      actor: input.submittedBy,
      action: 'dossier.filed',
      newValue: { stage: dossier.stage, status: dossier.status, ruleSetId: input.ruleSetId, clusterCode: cluster.code, filedOn: input.filedOn, roundCode: input.roundCode },
    });
    if (refused) await appendAudit(tx, { ...audit, actor: 'system', action: 'dossier.refused-late', newValue: { reason: input.refusal, roundCode: input.roundCode } });
  });
}
