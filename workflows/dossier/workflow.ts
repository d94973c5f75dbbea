import { condition, proxyActivities, setHandler, upsertSearchAttributes, ApplicationFailure } from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import { DOSSIER_STAGE, DOSSIER_STATUS, CLUSTER_CODE } from '../search-attributes';
import {
  awaitRegistrationUpdate,
  checkCompletenessUpdate,
  snapshotQuery,
  type CompletenessCheckInput,
  type DossierSnapshot,
  type DossierWorkflowInput,
} from './api';
import { acknowledgementMail } from './mails';

type Activities = ReturnType<typeof createActivities>;

const { recordDossierFiled, recordCompletenessCheck, sendMail } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** A dossier from filing to the intake officer's completeness check. */
export async function dossierWorkflow(input: DossierWorkflowInput): Promise<DossierSnapshot> {
  let snapshot: DossierSnapshot = { code: input.code, stage: 'intake', status: 'AWAITING_COMPLETENESS_CHECK', version: 0 };
  let registered = false;
  let completeness: CompletenessCheckInput | undefined;

  setHandler(snapshotQuery, () => snapshot);
  setHandler(awaitRegistrationUpdate, async () => {
    await condition(() => registered);
    return snapshot;
  });
  setHandler(
    checkCompletenessUpdate,
    async (check) => {
      completeness = check;
      await condition(() => snapshot.version > check.expectedVersion);
      return snapshot;
    },
    { validator: (check) => validateCompletenessCheck(snapshot, completeness, check) },
  );

  upsertSearchAttributes([
    { key: CLUSTER_CODE, value: input.clusterCode },
    { key: DOSSIER_STAGE, value: snapshot.stage },
    { key: DOSSIER_STATUS, value: snapshot.status },
  ]);
  await recordDossierFiled(input);
  registered = true;
  await sendMail(acknowledgementMail(input));

  await condition(() => completeness !== undefined);
  const check = completeness as CompletenessCheckInput;
  const next: DossierSnapshot = check.complete
    ? { ...snapshot, stage: 'departmentOpinion', status: 'IN_PROGRESS', version: snapshot.version + 1 }
    : { ...snapshot, status: 'AWAITING_SUPPLEMENT', version: snapshot.version + 1 };
  await recordCompletenessCheck({ code: input.code, actor: check.actor, complete: check.complete, missing: check.missing ?? [], before: snapshot, after: next });
  snapshot = next;
  upsertSearchAttributes([
    { key: DOSSIER_STAGE, value: snapshot.stage },
    { key: DOSSIER_STATUS, value: snapshot.status },
  ]);
  return snapshot;
}

/** Synchronous: an async validator would not reject the caller (shared/ENVIRONMENT.md). */
function validateCompletenessCheck(snapshot: DossierSnapshot, pending: CompletenessCheckInput | undefined, check: CompletenessCheckInput): void {
  if (snapshot.status !== 'AWAITING_COMPLETENESS_CHECK' || pending) {
    throw ApplicationFailure.nonRetryable('Hồ sơ không ở bước kiểm tra tính đầy đủ.', 'WrongStage');
  }
  if (check.expectedVersion !== snapshot.version) {
    throw ApplicationFailure.nonRetryable(
      `Phiên bản đã cũ: bạn xem phiên bản ${check.expectedVersion}, hiện là ${snapshot.version}. Tải lại hồ sơ rồi thử lại.`,
      'StaleVersion',
    );
  }
  if (!check.complete && !(check.missing && check.missing.length > 0)) {
    throw ApplicationFailure.nonRetryable('Yêu cầu bổ sung phải liệt kê tài liệu còn thiếu.', 'MissingList');
  }
}
