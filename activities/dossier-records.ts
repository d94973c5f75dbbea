import type { DossierSnapshot, DossierWorkflowInput } from '../workflows/dossier/api';
import { appendAudit } from './audit';
import type { ActivityDeps } from './deps';

const dateOnly = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * The dossier, its applicant and (for a cluster's first letter) its round enter the read model,
 * with their audit records, in one transaction. Idempotent: a retry after a crash finds the
 * dossier and writes nothing twice.
 */
export async function recordDossierFiled(deps: ActivityDeps, input: DossierWorkflowInput): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    if (await tx.dossier.findUnique({ where: { code: input.code }, select: { id: true } })) return;
    const cluster = await tx.cluster.findUniqueOrThrow({ where: { code: input.clusterCode } });
    const applicant = await tx.applicant.upsert({
      where: { taxCode: input.applicant.taxCode },
      create: { name: input.applicant.name, taxCode: input.applicant.taxCode, contactEmail: input.applicant.email },
      update: { name: input.applicant.name, contactEmail: input.applicant.email },
    });
    let round = await tx.selectionRound.findFirst({
      where: { clusterId: cluster.id, status: { in: ['CALL_PENDING', 'WINDOW_OPEN'] } },
      orderBy: { openedOn: 'desc' },
    });
    if (!round) {
      round = await tx.selectionRound.create({
        data: { clusterId: cluster.id, ruleSetId: input.ruleSetId, openedOn: dateOnly(input.filedOn) },
      });
      await appendAudit(tx, {
        actor: input.submittedBy,
        action: 'round.opened',
        entityType: 'SelectionRound',
        entityId: round.id,
        dossierCode: input.code,
        newValue: { clusterCode: cluster.code, ruleSetId: input.ruleSetId, openedOn: input.filedOn },
      });
    }
    const dossier = await tx.dossier.create({
      data: {
        code: input.code,
        workflowId: input.code,
        projectTitle: input.projectTitle,
        roundId: round.id,
        clusterId: cluster.id,
        applicantId: applicant.id,
        ruleSetId: input.ruleSetId,
        filedOn: dateOnly(input.filedOn),
        stage: 'COMPLETENESS_CHECK',
        status: 'ACTIVE',
        version: 0,
      },
    });
    await appendAudit(tx, {
      actor: input.submittedBy,
      action: 'dossier.filed',
      entityType: 'Dossier',
      entityId: dossier.id,
      dossierCode: input.code,
      newValue: { stage: dossier.stage, status: dossier.status, ruleSetId: input.ruleSetId, clusterCode: cluster.code, filedOn: input.filedOn },
    });
  });
}

export interface CompletenessCheckRecord {
  code: string;
  actor: string;
  complete: boolean;
  missing: string[];
  before: DossierSnapshot;
  after: DossierSnapshot;
}

/** Applies the officer's check to the read model with its audit record; a retry (version already moved) is a no-op. */
export async function recordCompletenessCheck(deps: ActivityDeps, record: CompletenessCheckRecord): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const dossier = await tx.dossier.findUniqueOrThrow({ where: { code: record.code } });
    if (dossier.version >= record.after.version) return;
    const stage = record.complete ? 'DEPARTMENT_OPINIONS' : 'SUPPLEMENT_REQUESTED';
    const status = record.complete ? 'ACTIVE' : 'ON_HOLD';
    await tx.dossier.update({ where: { id: dossier.id }, data: { stage, status, version: record.after.version } });
    await appendAudit(tx, {
      actor: record.actor,
      action: record.complete ? 'dossier.complete' : 'dossier.supplement-requested',
      entityType: 'Dossier',
      entityId: dossier.id,
      dossierCode: record.code,
      oldValue: { stage: dossier.stage, status: dossier.status, version: dossier.version },
      newValue: { stage, status, version: record.after.version, missing: record.missing },
    });
  });
}
