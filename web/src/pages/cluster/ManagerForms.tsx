/**
 * A manager's decisions on a monitored cluster: the next step for a violation left unremedied past
 * its deadline (or more time at the same step), and taking the cluster out of the provincial plan.
 * Both carry a reason that goes into the audit trail. The ladder is the rule set's: the server says
 * when a step needs its measure (the top rung) and the card shows that refusal.
 */
import { Radio, Select, Textarea } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { api, call } from '../../api/client';
import { ActionCard } from '../dossier/actions/ActionCard';
import { useAction } from '../dossier/useAction';
import { clusterParams, onCluster, openItemKeys, violationParams } from './action';
import { AREA_LABELS, MEASURE_LABELS, STEP_LABELS, type Cluster, type RevocationMeasure } from './words';

/** The open violations a manager must decide on now (their remediation deadline has passed). */
export const violationsAwaitingDecision = (cluster: Cluster) => {
  const due = new Set(openItemKeys(cluster, 'escalation'));
  return cluster.openViolations.filter((v) => due.has(v.number));
};

interface EscalationValues {
  violation: string;
  outcome: 'ESCALATE' | 'EXTEND';
  measure: string;
  reason: string;
}

export function EscalationForm({ cluster }: { cluster: Cluster }) {
  const awaiting = violationsAwaitingDecision(cluster);
  const form = useForm<EscalationValues>({ defaultValues: { violation: awaiting[0]?.number ?? '', outcome: 'ESCALATE', measure: '', reason: '' } });
  const errors = form.formState.errors;
  const outcome = form.watch('outcome');
  const action = useAction<EscalationValues, Cluster>({
    ...onCluster(cluster),
    fields: ['outcome', 'measure', 'reason'],
    setError: form.setError,
    send: (values, key) =>
      call(
        api.POST('/api/clusters/{code}/violations/{violation}/escalation', {
          params: violationParams(cluster, values.violation, key),
          body: {
            outcome: values.outcome,
            ...(values.outcome === 'ESCALATE' && values.measure ? { measure: values.measure as RevocationMeasure } : {}),
            reason: values.reason,
          },
        }),
      ),
  });
  if (awaiting.length === 0) return null;
  return (
    <ActionCard
      title="Quyết định xử lý vi phạm quá hạn khắc phục"
      description="Chuyển sang bước xử lý tiếp theo (nhắc nhở → đề xuất xử phạt → đề xuất thu hồi quyết định hoặc thay thế chủ đầu tư) hoặc gia hạn khắc phục ở bước hiện tại. Lý do được ghi vào nhật ký."
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Ghi quyết định"
    >
      <Controller
        control={form.control}
        name="violation"
        rules={{ required: 'Chọn vi phạm' }}
        render={({ field }) => (
          <Select
            label="Vi phạm quá hạn khắc phục"
            data={awaiting.map((v) => ({ value: v.number, label: `${v.number} · ${AREA_LABELS[v.area]}: ${v.description} (bước hiện tại: ${v.step ? STEP_LABELS[v.step] : 'chưa xử lý'})` }))}
            value={field.value || null}
            onChange={(v) => field.onChange(v ?? '')}
            error={errors.violation?.message}
          />
        )}
      />
      <Controller
        control={form.control}
        name="outcome"
        render={({ field }) => (
          <Radio.Group label="Quyết định" value={field.value} onChange={field.onChange} error={errors.outcome?.message}>
            <Radio value="ESCALATE" label="Chuyển sang bước xử lý tiếp theo" mt={4} />
            <Radio value="EXTEND" label="Gia hạn khắc phục ở bước hiện tại" mt={4} />
          </Radio.Group>
        )}
      />
      {outcome === 'ESCALATE' && (
        <Controller
          control={form.control}
          name="measure"
          render={({ field }) => (
            <Select
              label="Biện pháp đề xuất"
              description="Bắt buộc ở bước cuối (đề xuất thu hồi quyết định hoặc thay thế chủ đầu tư); bỏ trống ở các bước trước."
              data={Object.entries(MEASURE_LABELS).map(([value, label]) => ({ value, label }))}
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              clearable
              error={errors.measure?.message}
            />
          )}
        />
      )}
      <Textarea label="Lý do" autosize minRows={2} {...form.register('reason', { required: 'Nhập lý do của quyết định' })} error={errors.reason?.message} />
    </ActionCard>
  );
}

export function WithdrawalForm({ cluster }: { cluster: Cluster }) {
  const form = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const action = useAction<{ reason: string }, Cluster>({
    ...onCluster(cluster),
    fields: ['reason'],
    setError: form.setError,
    send: (values, key) => call(api.POST('/api/clusters/{code}/withdrawal', { params: clusterParams(cluster, key), body: { reason: values.reason } })),
  });
  if (cluster.stage === 'WITHDRAWN_FROM_PLAN') return null;
  return (
    <ActionCard
      title="Đưa cụm ra khỏi quy hoạch"
      description="Dừng các mốc tiến độ và báo cáo định kỳ; Sở Công Thương được giao lập phương án chuyển đổi, quản lý. Không hoàn tác được."
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Đưa ra khỏi quy hoạch"
    >
      <Textarea
        label="Lý do (văn bản điều chỉnh quy hoạch)"
        autosize
        minRows={2}
        {...form.register('reason', { required: 'Nhập lý do và số văn bản điều chỉnh quy hoạch' })}
        error={form.formState.errors.reason?.message}
      />
    </ActionCard>
  );
}
