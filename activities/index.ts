import type { DossierWorkflowInput } from '../workflows/dossier/api';
import type { MailRequest } from '../workflows/dossier/mails';
import { appraisalClockStatus, computeDeadline } from './calendar';
import { consultedDepartmentsOn } from './departments';
import type { ActivityDeps } from './deps';
import {
  closeOpinionTask,
  markTaskReminded,
  recordDeadlines,
  recordDossierFiled,
  recordOverdueNotice,
  recordScore,
  recordTransition,
  roundCompetitors,
  roundScores,
  staffRecipients,
  userExists,
  type CloseOpinionTaskRecord,
  type DeadlinesRecord,
  type OverdueNoticeRecord,
  type ScoreRecord,
  type TransitionRecord,
} from './dossier-records';
import { sendMail } from './mail';
import { failFastOnDataErrors } from './non-retryable';

export type { ActivityDeps } from './deps';

/** Activities close over their dependencies, so tests run them against their own database and SMTP server. */
export function createActivities(deps: ActivityDeps) {
  return failFastOnDataErrors({
    recordDossierFiled: (input: DossierWorkflowInput) => recordDossierFiled(deps, input),
    roundCompetitors: (request: { code: string }) => roundCompetitors(deps, request),
    roundScores: (request: { code: string }) => roundScores(deps, request),
    recordTransition: (record: TransitionRecord) => recordTransition(deps, record),
    recordDeadlines: (record: DeadlinesRecord) => recordDeadlines(deps, record),
    recordOverdueNotice: (record: OverdueNoticeRecord) => recordOverdueNotice(deps, record),
    closeOpinionTask: (record: CloseOpinionTaskRecord) => closeOpinionTask(deps, record),
    markTaskReminded: (record: { code: string; taskId: string; on: string }) => markTaskReminded(deps, record),
    recordScore: (record: ScoreRecord) => recordScore(deps, record),
    staffRecipients: (query: Parameters<typeof staffRecipients>[1]) => staffRecipients(deps, query),
    computeDeadline: (request: Parameters<typeof computeDeadline>[1]) => computeDeadline(deps, request),
    consultedDepartmentsOn: (request: Parameters<typeof consultedDepartmentsOn>[1]) => consultedDepartmentsOn(deps, request),
    appraisalClockStatus: (request: Parameters<typeof appraisalClockStatus>[1]) => appraisalClockStatus(deps, request),
    userExists: (username: string) => userExists(deps, username),
    sendMail: (mail: MailRequest) => sendMail(deps, mail),
  });
}
