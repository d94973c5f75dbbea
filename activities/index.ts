import type { DossierWorkflowInput } from '../workflows/dossier/api';
import type { MailRequest } from '../domain';
import { appraisalClockStatus, computeDeadline } from './calendar';
import { closeCatalogueFixTask, consultedDepartmentsOn, openCatalogueFixTask } from './departments';
import type { ActivityDeps } from './deps';
import { recordDeadlines, recordOverdueNotice, type DeadlinesRecord, type OverdueNoticeRecord } from './dossier/deadlines';
import { recordDossierFiled } from './dossier/filing';
import { closeOpinionTask, markTaskReminded, type CloseOpinionTaskRecord } from './dossier/opinions';
import { recordScore, type ScoreRecord } from './dossier/scores';
import { recordTransition, type TransitionRecord } from './dossier/transitions';
import { heartbeatMemory, keyedHeartbeatMemory } from './heartbeat-memory';
import { sendMail } from './mail';
import { recordMonitoringChange, recordMonitoringStarted, type MonitoringChange, type MonitoringStartedRecord } from './monitoring/records';
import { failFastOnDataErrors } from './non-retryable';
import { latestAppraisalDeadline, recordRoundDeadlines, recordRoundOpened, recordRoundTransition, type RoundOpenedRecord, type RoundTransitionRecord } from './round/records';
import { staffRecipients, userExists, votingCouncilMembers } from './staff';
import { notifyStaff, type StaffNoticeRequest } from './staff-notice';

export type { ActivityDeps } from './deps';

/** Activities close over their dependencies, so tests run them against their own database and SMTP server. */
export function createActivities(deps: ActivityDeps) {
  return failFastOnDataErrors({
    recordDossierFiled: (input: DossierWorkflowInput) => recordDossierFiled(deps, input),
    recordTransition: (record: TransitionRecord) => recordTransition(deps, record),
    recordDeadlines: (record: DeadlinesRecord) => recordDeadlines(deps, record),
    recordOverdueNotice: (record: OverdueNoticeRecord) => recordOverdueNotice(deps, record),
    closeOpinionTask: (record: CloseOpinionTaskRecord) => closeOpinionTask(deps, record),
    markTaskReminded: (record: { code: string; taskId: string; on: string }) => markTaskReminded(deps, record),
    recordScore: (record: ScoreRecord) => recordScore(deps, record),
    recordRoundOpened: (record: RoundOpenedRecord) => recordRoundOpened(deps, record),
    recordRoundTransition: (record: RoundTransitionRecord) => recordRoundTransition(deps, record),
    recordRoundDeadlines: (record: Parameters<typeof recordRoundDeadlines>[1]) => recordRoundDeadlines(deps, record),
    latestAppraisalDeadline: (request: { codes: string[] }) => latestAppraisalDeadline(deps, request),
    staffRecipients: (query: Parameters<typeof staffRecipients>[1]) => staffRecipients(deps, query),
    votingCouncilMembers: () => votingCouncilMembers(deps),
    computeDeadline: (request: Parameters<typeof computeDeadline>[1]) => computeDeadline(deps, request),
    consultedDepartmentsOn: (request: Parameters<typeof consultedDepartmentsOn>[1]) => consultedDepartmentsOn(deps, request),
    openCatalogueFixTask: (record: Parameters<typeof openCatalogueFixTask>[1]) => openCatalogueFixTask(deps, record),
    closeCatalogueFixTask: (record: Parameters<typeof closeCatalogueFixTask>[1]) => closeCatalogueFixTask(deps, record),
    appraisalClockStatus: (request: Parameters<typeof appraisalClockStatus>[1]) => appraisalClockStatus(deps, request),
    userExists: (username: string) => userExists(deps, username),
    sendMail: (mail: MailRequest) => sendMail(deps, mail, heartbeatMemory()),
    notifyStaff: (request: StaffNoticeRequest) => notifyStaff(deps, request, keyedHeartbeatMemory()),
    recordMonitoringStarted: (record: MonitoringStartedRecord) => recordMonitoringStarted(deps, record),
    recordMonitoringChange: (change: MonitoringChange) => recordMonitoringChange(deps, change),
  });
}
