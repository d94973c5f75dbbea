/**
 * DOIT staff's records of inspections and their consequences: an inspection (scheduled at most
 * once a year per subject, or ad hoc with its reason) with the violations it found, a violation
 * remedied, and the conversion/management plan of a cluster taken out of the plan. The server
 * says why it refuses (TooSoon, NoReason…) in Vietnamese; the card shows it.
 */
import { Button, Group, NumberInput, Radio, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { api, call } from '../../api/client';
import { formatDate, todayInVietnam } from '../../format/dates';
import { useAction } from '../dossier/useAction';
import { ActionCard } from '../dossier/actions/ActionCard';
import { clusterParams, DATE_RULE, isoOf, onCluster, violationParams } from './action';
import { AREA_LABELS, type Cluster, type InspectionArea } from './words';

interface InspectionValues {
  area: string;
  tenant: string;
  kind: 'SCHEDULED' | 'AD_HOC';
  reason: string;
  inspectedOn: string;
  findings: string;
  violations: { description: string; remediationDays: number | string }[];
}

export function InspectionForm({ cluster }: { cluster: Cluster }) {
  const empty: InspectionValues = { area: '', tenant: '', kind: 'SCHEDULED', reason: '', inspectedOn: formatDate(todayInVietnam()), findings: '', violations: [] };
  const form = useForm<InspectionValues>({ defaultValues: empty });
  const violations = useFieldArray({ control: form.control, name: 'violations' });
  const errors = form.formState.errors;
  const kind = form.watch('kind');
  const action = useAction<InspectionValues, Cluster>({
    ...onCluster(cluster),
    fields: ['area', 'tenant', 'kind', 'reason', 'inspectedOn', 'findings', ...violations.fields.flatMap((_, i) => [`violations.${i}.description`, `violations.${i}.remediationDays`])],
    setError: form.setError,
    onDone: () => form.reset(empty),
    send: (values, key) =>
      call(
        api.POST('/api/clusters/{code}/inspections', {
          params: clusterParams(cluster, key),
          body: {
            area: values.area as InspectionArea,
            ...(values.tenant.trim() ? { tenant: values.tenant } : {}),
            kind: values.kind,
            ...(values.kind === 'AD_HOC' ? { reason: values.reason } : {}),
            inspectedOn: isoOf(values.inspectedOn),
            findings: values.findings,
            violations: values.violations.map((v) => ({ description: v.description, ...(v.remediationDays === '' ? {} : { remediationDays: Number(v.remediationDays) }) })),
          },
        }),
      ),
  });
  return (
    <ActionCard
      title="Ghi nhận kết quả kiểm tra"
      description="Kiểm tra theo kế hoạch tối đa một lần một năm cho mỗi nội dung và đối tượng; khi có dấu hiệu vi phạm, kiểm tra đột xuất và nêu lý do. Mỗi vi phạm mở một yêu cầu khắc phục có thời hạn."
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Ghi nhận kiểm tra"
    >
      <Controller
        control={form.control}
        name="area"
        rules={{ required: 'Chọn nội dung kiểm tra' }}
        render={({ field }) => (
          <Select
            label="Nội dung kiểm tra"
            data={Object.entries(AREA_LABELS).map(([value, label]) => ({ value, label }))}
            value={field.value || null}
            onChange={(v) => field.onChange(v ?? '')}
            error={errors.area?.message}
            w={320}
          />
        )}
      />
      <TextInput label="Doanh nghiệp được kiểm tra (bỏ trống: chủ đầu tư hạ tầng)" {...form.register('tenant')} error={errors.tenant?.message} />
      <Controller
        control={form.control}
        name="kind"
        render={({ field }) => (
          <Radio.Group label="Hình thức" value={field.value} onChange={field.onChange} error={errors.kind?.message}>
            <Group mt={4}>
              <Radio value="SCHEDULED" label="Theo kế hoạch" />
              <Radio value="AD_HOC" label="Đột xuất (có dấu hiệu vi phạm)" />
            </Group>
          </Radio.Group>
        )}
      />
      {kind === 'AD_HOC' && <Textarea label="Lý do kiểm tra đột xuất" autosize minRows={2} {...form.register('reason')} error={errors.reason?.message} />}
      <TextInput label="Ngày kiểm tra (dd/mm/yyyy)" {...form.register('inspectedOn', DATE_RULE)} error={errors.inspectedOn?.message} w={240} />
      <Textarea label="Kết quả kiểm tra" autosize minRows={2} {...form.register('findings', { required: 'Nhập kết quả kiểm tra' })} error={errors.findings?.message} />
      <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>Vi phạm phát hiện</legend>
        {violations.fields.map((field, i) => (
          <Group key={field.id} align="flex-end" wrap="wrap">
            <TextInput label={`Vi phạm ${i + 1}`} {...form.register(`violations.${i}.description`, { required: 'Mô tả vi phạm' })} error={errors.violations?.[i]?.description?.message} w={380} />
            <Controller
              control={form.control}
              name={`violations.${i}.remediationDays`}
              render={({ field: days }) => (
                <NumberInput label={`Số ngày khắc phục, vi phạm ${i + 1} (bỏ trống: theo lịch theo dõi)`} min={1} allowDecimal={false} value={days.value} onChange={days.onChange} error={errors.violations?.[i]?.remediationDays?.message} w={380} />
              )}
            />
            <Button variant="subtle" color="red" onClick={() => violations.remove(i)}>
              Bỏ vi phạm {i + 1}
            </Button>
          </Group>
        ))}
        <Button variant="default" w="fit-content" onClick={() => violations.append({ description: '', remediationDays: '' })}>
          Thêm vi phạm
        </Button>
      </Stack>
    </ActionCard>
  );
}

interface RemediationValues {
  violation: string;
  note: string;
}

export function RemediationForm({ cluster }: { cluster: Cluster }) {
  const open = cluster.openViolations;
  const form = useForm<RemediationValues>({ defaultValues: { violation: open[0]?.number ?? '', note: '' } });
  const action = useAction<RemediationValues, Cluster>({
    ...onCluster(cluster),
    fields: ['note'],
    setError: form.setError,
    send: (values, key) =>
      call(api.POST('/api/clusters/{code}/violations/{violation}/remediation', { params: violationParams(cluster, values.violation, key), body: { note: values.note } })),
  });
  if (open.length === 0) return null;
  return (
    <ActionCard title="Ghi nhận vi phạm đã khắc phục" action={action} onSubmit={form.handleSubmit(action.submit)} submitLabel="Ghi nhận đã khắc phục">
      <Controller
        control={form.control}
        name="violation"
        rules={{ required: 'Chọn vi phạm' }}
        render={({ field }) => <ViolationSelect cluster={cluster} value={field.value} onChange={field.onChange} error={form.formState.errors.violation?.message} />}
      />
      <Textarea label="Kết quả khắc phục (văn bản, biên bản)" autosize minRows={2} {...form.register('note', { required: 'Nhập kết quả khắc phục' })} error={form.formState.errors.note?.message} />
    </ActionCard>
  );
}

/** The open violation an action is about (remediation, escalation). */
export function ViolationSelect({ cluster, value, onChange, error }: { cluster: Cluster; value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <Select
      label="Vi phạm"
      data={cluster.openViolations.map((v) => ({ value: v.number, label: `${v.number} · ${AREA_LABELS[v.area]}: ${v.description}` }))}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      error={error}
    />
  );
}

interface ConversionValues {
  summary: string;
  tracked: string;
}

export function ConversionPlanForm({ cluster }: { cluster: Cluster }) {
  const form = useForm<ConversionValues>({ defaultValues: { summary: '', tracked: '' } });
  const action = useAction<ConversionValues, Cluster>({
    ...onCluster(cluster),
    fields: ['summary'],
    setError: form.setError,
    send: (values, key) =>
      call(
        api.POST('/api/clusters/{code}/conversion-plan', {
          params: clusterParams(cluster, key),
          body: { summary: values.summary, tracked: values.tracked.split('\n').map((line) => line.trim()).filter(Boolean) },
        }),
      ),
  });
  if (!cluster.tasks.some((t) => t.kind === 'CONVERSION_PLAN' && t.status === 'OPEN')) return null;
  return (
    <ActionCard
      title="Phương án chuyển đổi, quản lý"
      description="Cụm đã đưa ra khỏi quy hoạch: ghi nhận phương án chuyển đổi hoặc quản lý."
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Ghi nhận phương án"
    >
      <Textarea label="Tóm tắt phương án" autosize minRows={3} {...form.register('summary', { required: 'Nhập tóm tắt phương án' })} error={form.formState.errors.summary?.message} />
      <Textarea
        label="Nội dung theo dõi thêm (mỗi dòng một nội dung)"
        description="Môi trường, an ninh trật tự, phòng cháy chữa cháy và quyền lợi của doanh nghiệp đang hoạt động luôn được theo dõi theo quy định."
        autosize
        minRows={2}
        {...form.register('tracked')}
        error={form.formState.errors.tracked?.message}
      />
    </ActionCard>
  );
}
