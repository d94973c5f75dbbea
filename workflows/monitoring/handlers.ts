import type { UpdateDefinition } from '@temporalio/common';
import { condition, patched, setHandler } from '@temporalio/workflow';
import { checkInspection, compareDates, DomainError, formatDateVi, INSPECTION_AREAS, isIsoDate, nextEscalation, occupancyOf, type IsoDate } from '../../domain';
import { calendarChangedSignal } from '../dossier/api';
import * as actions from './actions';
import {
  clusterSnapshotQuery,
  MONITORING_CALENDAR_RECOUNT,
  decideEscalationUpdate,
  itemId,
  recordCommitmentsUpdate,
  recordConversionPlanUpdate,
  recordInspectionUpdate,
  recordMilestoneUpdate,
  recordRemediationUpdate,
  recordReportUpdate,
  withdrawFromPlanUpdate,
  type ClusterSnapshot,
} from './api';
import { fail, type MonitoringContext, type PendingAction } from './context';

/**
 * The cluster's messages. Validators are synchronous and check every business rule before anything
 * is recorded (a refusal is a refused Update, never a failed workflow); handlers deposit the action
 * and wait until the procedure (workflow.ts) has recorded it.
 */
export function setMonitoringHandlers(ctx: MonitoringContext): void {
  setHandler(clusterSnapshotQuery, () => ({ ...ctx.snapshot, today: ctx.time.today() }));
  // Clusters started before the recount keep ignoring the signal on replay (no marker in their history).
  setHandler(calendarChangedSignal, ({ date }) => {
    if (isIsoDate(date) && patched(MONITORING_CALENDAR_RECOUNT)) ctx.calendarChanges.push(date);
  });

  const s = () => ctx.snapshot;
  const common = (input: { expectedVersion?: number }) => {
    if (ctx.pending) throw fail(`Đang ghi nhận một thao tác khác trên cụm ${s().clusterCode}: thử lại sau giây lát.`, 'Busy');
    if (input.expectedVersion !== undefined && input.expectedVersion !== s().version) {
      throw fail(`Phiên bản theo dõi cụm đã cũ: bạn xem phiên bản ${input.expectedVersion}, hiện là ${s().version}. Tải lại rồi thử lại.`, 'StaleVersion');
    }
  };
  const day = (value: unknown, what: string, options: { notFuture?: boolean } = {}): IsoDate => {
    if (!isIsoDate(value)) throw fail(`${what} không hợp lệ.`, 'InvalidDate');
    if (compareDates(value, ctx.input.decidedOn) < 0) throw fail(`${what} ${formatDateVi(value)} trước ngày quyết định thành lập (${formatDateVi(ctx.input.decidedOn)}).`, 'BeforeDecision');
    if (options.notFuture && compareDates(value, ctx.time.today()) > 0) throw fail(`${what} ${formatDateVi(value)} ở tương lai.`, 'InFuture');
    return value;
  };
  const required = (value: string | undefined, what: string) => {
    if (!value?.trim()) throw fail(`Phải nêu ${what}.`, 'Missing');
  };
  const openMilestone = (kind: string) => {
    const m = s().milestones.find((x) => x.kind === kind);
    if (!m) throw fail(`Không có mốc ${kind}.`, 'UnknownMilestone');
    if (m.achievedOn || m.cancelled) throw fail(`Mốc "${m.name}" đã ${m.achievedOn ? `đạt ngày ${formatDateVi(m.achievedOn)}` : 'hủy (cụm đã đưa ra khỏi quy hoạch)'}.`, 'MilestoneClosed');
  };
  const openViolation = (number: string) => {
    const v = s().openViolations.find((x) => x.number === number);
    if (!v) throw fail(`Không có vi phạm ${number} đang mở trên cụm ${s().clusterCode}.`, 'UnknownViolation');
    return v;
  };

  /** Deposits the action for the procedure and answers once it is recorded. */
  const action = <I extends { expectedVersion?: number }>(update: UpdateDefinition<ClusterSnapshot, [I]>, validate: (input: I) => void, apply: (ctx: MonitoringContext, input: I) => Promise<void>) =>
    setHandler(
      update,
      async (input) => {
        const pending: PendingAction = { kind: update.name, apply: (c: MonitoringContext) => apply(c, input) };
        ctx.pending = pending;
        await condition(() => ctx.pending !== pending);
        if (pending.failure) throw fail(`Không ghi nhận được: ${pending.failure}`, 'NotRecorded');
        return ctx.snapshot;
      },
      {
        validator: (input) => {
          common(input);
          validate(input);
        },
      },
    );

  action(
    recordCommitmentsUpdate,
    (input) => {
      const entries = Object.entries(input.dates ?? {});
      if (entries.length === 0) throw fail('Phải nêu ít nhất một ngày cam kết.', 'Missing');
      for (const [kind, date] of entries) {
        openMilestone(kind);
        day(date, `Ngày cam kết của mốc ${kind}`);
      }
    },
    actions.recordCommitments,
  );
  action(
    recordMilestoneUpdate,
    (input) => {
      openMilestone(input.milestone);
      day(input.achievedOn, 'Ngày đạt mốc', { notFuture: true });
    },
    actions.recordMilestone,
  );
  action(
    recordReportUpdate,
    (input) => {
      if (!isIsoDate(input.periodEnd) || !ctx.item(itemId.report(input.periodEnd))) {
        const awaited = s().agenda.filter((e) => e.kind === 'PERIODIC_REPORT').map((e) => e.id.slice('report:'.length));
        throw fail(`Không có báo cáo định kỳ nào đang chờ cho kỳ kết thúc ${String(input.periodEnd)}. Các kỳ đang chờ: ${awaited.join(', ') || 'không có'}.`, 'NoReportDue');
      }
      day(input.receivedOn, 'Ngày nhận báo cáo', { notFuture: true });
      try {
        occupancyOf(ctx.schedule, ctx.state.contact.areaHa, input.tenants ?? []);
      } catch (error) {
        if (error instanceof DomainError) throw fail(error.message, 'InvalidReport');
        throw error;
      }
    },
    actions.recordReport,
  );
  action(
    recordInspectionUpdate,
    (input) => {
      if (!INSPECTION_AREAS.includes(input.area)) throw fail(`Nội dung kiểm tra không hợp lệ: ${String(input.area)}.`, 'InvalidArea');
      const on = day(input.inspectedOn, 'Ngày kiểm tra', { notFuture: true });
      required(input.findings, 'kết quả kiểm tra');
      for (const v of input.violations ?? []) {
        required(v.description, 'nội dung vi phạm');
        if (v.remediationDays !== undefined && (!Number.isSafeInteger(v.remediationDays) || v.remediationDays < 1 || v.remediationDays > 3650)) throw fail('Thời hạn khắc phục phải từ 1 đến 3650 ngày.', 'InvalidRemediation');
      }
      const check = checkInspection(ctx.schedule, s().lastInspections, { area: input.area, tenant: input.tenant, kind: input.kind, reason: input.reason, on });
      if (!check.allowed) throw fail(check.reason, check.code);
    },
    actions.recordInspection,
  );
  action(
    recordRemediationUpdate,
    (input) => {
      openViolation(input.violation);
      required(input.note, 'nội dung đã khắc phục');
    },
    actions.recordRemediation,
  );
  action(
    decideEscalationUpdate,
    (input) => {
      const v = openViolation(input.violation);
      if (!ctx.item(itemId.escalation(v.number))) {
        throw fail(`Vi phạm ${v.number} chưa quá hạn khắc phục${v.remediationDue ? ` (hạn ${formatDateVi(v.remediationDue)})` : ''}: chưa đến bước xử lý tiếp theo.`, 'NotDue');
      }
      required(input.reason, 'lý do của quyết định');
      if (input.outcome === 'ESCALATE') {
        const next = nextEscalation(ctx.schedule, v.step);
        if (!next) throw fail(`Vi phạm ${v.number} đã ở bước xử lý cuối cùng.`, 'TopOfLadder');
        if (next.remediation === null && !input.measure) throw fail('Bước cuối phải nêu biện pháp đề xuất: thu hồi quyết định thành lập (REVOKE_DECISION) hoặc thay thế chủ đầu tư (REPLACE_INVESTOR).', 'Missing');
      } else if (input.outcome !== 'EXTEND') {
        throw fail(`Quyết định không hợp lệ: ${String(input.outcome)}.`, 'InvalidOutcome');
      }
    },
    actions.decideEscalation,
  );
  action(
    withdrawFromPlanUpdate,
    (input) => {
      if (s().stage === 'WITHDRAWN_FROM_PLAN') throw fail(`Cụm ${s().clusterCode} đã được đưa ra khỏi quy hoạch.`, 'AlreadyWithdrawn');
      required(input.reason, 'lý do (văn bản điều chỉnh quy hoạch)');
    },
    actions.withdrawFromPlan,
  );
  action(
    recordConversionPlanUpdate,
    (input) => {
      if (!ctx.item(itemId.conversionPlan())) throw fail(`Cụm ${s().clusterCode} không có phương án chuyển đổi nào đang chờ.`, 'NoPlanDue');
      required(input.summary, 'nội dung phương án');
    },
    actions.recordConversionPlan,
  );
}
