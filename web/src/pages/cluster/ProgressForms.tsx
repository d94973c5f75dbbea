/**
 * DOIT staff's records of the investor's progress: the dates committed in the proposal, a
 * milestone achieved, and the periodic report with its tenants (the server flags priority sectors
 * and computes occupancy). The server refuses what is no longer due (a report already recorded, a
 * milestone already reached) with its reason.
 */
import { Button, Group, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { api, call } from '../../api/client';
import { formatDate, todayInVietnam } from '../../format/dates';
import { useAction } from '../dossier/useAction';
import { ActionCard } from '../dossier/actions/ActionCard';
import { clusterParams, DATE_RULE, isoOf, onCluster, openMilestones, openReportPeriods } from './action';
import { MILESTONE_SHORT_NAMES, type Cluster, type MilestoneKind } from './words';

type CommitmentValues = Partial<Record<MilestoneKind, string>>;

export function CommitmentsForm({ cluster }: { cluster: Cluster }) {
  const milestones = openMilestones(cluster);
  const form = useForm<CommitmentValues>({ defaultValues: {} });
  const action = useAction<CommitmentValues, Cluster>({
    ...onCluster(cluster),
    fields: milestones.map((m) => `dates.${m.kind}`),
    setError: (name, error) => form.setError(name.replace(/^dates\./, '') as MilestoneKind, error),
    send: (values, key) => {
      const dates = Object.fromEntries(Object.entries(values).filter(([, v]) => v).map(([kind, v]) => [kind, isoOf(v as string)]));
      return call(api.POST('/api/clusters/{code}/commitments', { params: clusterParams(cluster, key), body: { dates } }));
    },
  });
  if (milestones.length === 0) return null;
  return (
    <ActionCard
      title="Ngày cam kết trong hồ sơ đề xuất"
      description="Nhập ngày nhà đầu tư cam kết cho các mốc (bỏ trống mốc giữ hạn hiện tại); hạn mới thay hạn tạm tính theo thông lệ của tỉnh."
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Ghi nhận ngày cam kết"
    >
      {milestones.map((m) => (
        <TextInput
          key={m.kind}
          label={`${MILESTONE_SHORT_NAMES[m.kind]} (dd/mm/yyyy, hạn hiện tại ${formatDate(m.dueOn)})`}
          {...form.register(m.kind, { validate: (v) => !v || DATE_RULE.validate(v) })}
          error={form.formState.errors[m.kind]?.message}
          w={420}
        />
      ))}
    </ActionCard>
  );
}

interface MilestoneValues {
  milestone: string;
  achievedOn: string;
  note: string;
}

export function MilestoneForm({ cluster }: { cluster: Cluster }) {
  const milestones = openMilestones(cluster);
  const form = useForm<MilestoneValues>({ defaultValues: { milestone: milestones[0]?.kind ?? '', achievedOn: formatDate(todayInVietnam()), note: '' } });
  const action = useAction<MilestoneValues, Cluster>({
    ...onCluster(cluster),
    fields: ['milestone', 'achievedOn', 'note'],
    setError: form.setError,
    send: (values, key) =>
      call(
        api.POST('/api/clusters/{code}/milestones', {
          params: clusterParams(cluster, key),
          body: { milestone: values.milestone as MilestoneKind, achievedOn: isoOf(values.achievedOn), note: values.note },
        }),
      ),
  });
  if (milestones.length === 0) return null;
  return (
    <ActionCard title="Ghi nhận mốc tiến độ đã đạt" action={action} onSubmit={form.handleSubmit(action.submit)} submitLabel="Ghi nhận mốc">
      <Controller
        control={form.control}
        name="milestone"
        rules={{ required: 'Chọn mốc' }}
        render={({ field }) => (
          <Select
            label="Mốc"
            data={milestones.map((m) => ({ value: m.kind, label: MILESTONE_SHORT_NAMES[m.kind] }))}
            value={field.value || null}
            onChange={(v) => field.onChange(v ?? '')}
            error={form.formState.errors.milestone?.message}
            w={420}
          />
        )}
      />
      <TextInput label="Ngày đạt (dd/mm/yyyy)" {...form.register('achievedOn', DATE_RULE)} error={form.formState.errors.achievedOn?.message} w={240} />
      <Textarea label="Ghi chú (văn bản, biên bản kèm theo)" autosize minRows={2} {...form.register('note')} error={form.formState.errors.note?.message} />
    </ActionCard>
  );
}

interface ReportValues {
  periodEnd: string;
  receivedOn: string;
  tenants: { name: string; sector: string; leasedHa: number | string }[];
  note: string;
}

export function ReportForm({ cluster }: { cluster: Cluster }) {
  const periods = openReportPeriods(cluster);
  const form = useForm<ReportValues>({ defaultValues: { periodEnd: periods[0] ?? '', receivedOn: formatDate(todayInVietnam()), tenants: [], note: '' } });
  const tenants = useFieldArray({ control: form.control, name: 'tenants' });
  const errors = form.formState.errors;
  const action = useAction<ReportValues, Cluster>({
    ...onCluster(cluster),
    fields: ['periodEnd', 'receivedOn', 'note', ...tenants.fields.flatMap((_, i) => [`tenants.${i}.name`, `tenants.${i}.sector`, `tenants.${i}.leasedHa`])],
    setError: form.setError,
    send: (values, key) =>
      call(
        api.POST('/api/clusters/{code}/reports', {
          params: clusterParams(cluster, key),
          body: {
            periodEnd: values.periodEnd,
            receivedOn: isoOf(values.receivedOn),
            tenants: values.tenants.map((t) => ({ name: t.name, sector: t.sector, leasedHa: Number(t.leasedHa) })),
            note: values.note,
          },
        }),
      ),
  });
  if (periods.length === 0) return null;
  return (
    <ActionCard
      title="Ghi nhận báo cáo định kỳ"
      description="Diện tích đã cho thuê và các doanh nghiệp thứ cấp theo báo cáo của chủ đầu tư; hệ thống tính tỷ lệ lấp đầy và đánh dấu ngành ưu tiên."
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Ghi nhận báo cáo"
    >
      <Controller
        control={form.control}
        name="periodEnd"
        rules={{ required: 'Chọn kỳ báo cáo' }}
        render={({ field }) => (
          <Select
            label="Kỳ báo cáo (đến ngày)"
            data={periods.map((p) => ({ value: p, label: formatDate(p) }))}
            value={field.value || null}
            onChange={(v) => field.onChange(v ?? '')}
            error={errors.periodEnd?.message}
            w={240}
          />
        )}
      />
      <TextInput label="Ngày nhận báo cáo (dd/mm/yyyy)" {...form.register('receivedOn', DATE_RULE)} error={errors.receivedOn?.message} w={240} />
      <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>Doanh nghiệp thứ cấp</legend>
        {tenants.fields.map((field, i) => (
          <Group key={field.id} align="flex-end" wrap="wrap">
            <TextInput label={`Doanh nghiệp ${i + 1}`} {...form.register(`tenants.${i}.name`, { required: 'Nhập tên doanh nghiệp' })} error={errors.tenants?.[i]?.name?.message} w={260} />
            <TextInput label={`Mã ngành, doanh nghiệp ${i + 1}`} {...form.register(`tenants.${i}.sector`, { required: 'Nhập mã ngành' })} error={errors.tenants?.[i]?.sector?.message} w={200} />
            <Controller
              control={form.control}
              name={`tenants.${i}.leasedHa`}
              rules={{ required: 'Nhập diện tích' }}
              render={({ field: ha }) => (
                <NumberInput label={`Diện tích thuê (ha), doanh nghiệp ${i + 1}`} min={0} decimalScale={2} value={ha.value} onChange={ha.onChange} error={errors.tenants?.[i]?.leasedHa?.message} w={240} />
              )}
            />
            <Button variant="subtle" color="red" onClick={() => tenants.remove(i)}>
              Bỏ doanh nghiệp {i + 1}
            </Button>
          </Group>
        ))}
        <Button variant="default" w="fit-content" onClick={() => tenants.append({ name: '', sector: '', leasedHa: '' })}>
          Thêm doanh nghiệp
        </Button>
      </Stack>
      <Textarea label="Ghi chú" autosize minRows={2} {...form.register('note')} error={errors.note?.message} />
    </ActionCard>
  );
}
