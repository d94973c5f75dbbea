import type { DossierWorkflowInput } from '../workflows/dossier/api';
import type { MailRequest } from '../workflows/dossier/mails';
import type { ActivityDeps } from './deps';
import { recordCompletenessCheck, recordDossierFiled, type CompletenessCheckRecord } from './dossier-records';
import { sendMail } from './mail';

export type { ActivityDeps } from './deps';

/** Activities close over their dependencies, so tests run them against their own database and SMTP server. */
export function createActivities(deps: ActivityDeps) {
  return {
    recordDossierFiled: (input: DossierWorkflowInput) => recordDossierFiled(deps, input),
    recordCompletenessCheck: (record: CompletenessCheckRecord) => recordCompletenessCheck(deps, record),
    sendMail: (mail: MailRequest) => sendMail(deps, mail),
  };
}
