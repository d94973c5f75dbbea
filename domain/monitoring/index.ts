export * from './types';
export { nextPeriodEnd, periodEndOn, periodLabel } from './periods';
export { occupancyOf, type OccupancyReport, type TenantFact } from './occupancy';
export { checkInspection, inspectionSubject, type InspectionCheck, type InspectionRequest } from './inspections';
export { nextEscalation } from './escalation';
export { nextWakeDay, noticesDue, overdueOn, recountable, recountItem, type AgendaItem, type AgendaNotice, type DueMove } from './agenda';
export { MONITORING_SCHEDULES, monitoringScheduleById, monitoringScheduleInForce } from '../rules/monitoring-schedules';
