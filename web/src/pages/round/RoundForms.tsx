/**
 * The round's actions, once for all its applicants: the PC officer's public call and the sending of
 * the compiled dossiers to DOIT, the appraiser's report, the manager's decision (a dialog: Esc
 * closes it). Each posts the round's version it shows.
 */
import { Button, Modal, Radio, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Controller, useForm } from 'react-hook-form';
import { api, call } from '../../api/client';
import { formatDate, parseDisplayDate, todayInVietnam } from '../../format/dates';
import { ROUND_STATUS_LABELS, type RoundStatus } from '../../labels';
import { ActionCard } from '../dossier/actions/ActionCard';
import type { Round, RuleSet } from '../dossier/types';
import { useAction } from '../dossier/useAction';
import { DECISION_OUTCOMES } from './RoundOutcome';

const roundStageName = (stage: string) => ROUND_STATUS_LABELS[stage as RoundStatus] ?? stage;
const onRound = (round: Round) => ({ resourceKey: ['round', round.code], stageName: roundStageName });
const path = (round: Round, key: string) => ({ path: { code: round.code }, header: { 'Idempotency-Key': key } });

interface AnnouncementValues {
  announcedOn: string;
  publishedAt: string;
}

export function AnnouncementForm({ round }: { round: Round }) {
  const form = useForm<AnnouncementValues>({ defaultValues: { announcedOn: formatDate(todayInVietnam()), publishedAt: '' } });
  const action = useAction<AnnouncementValues, Round>({
    ...onRound(round),
    fields: ['announcedOn', 'publishedAt'],
    setError: form.setError,
    send: (values, key) =>
      call(
        api.POST('/api/rounds/{code}/announcement', {
          params: path(round, key),
          body: { announcedOn: parseDisplayDate(values.announcedOn) ?? values.announcedOn, publishedAt: values.publishedAt, expectedVersion: round.version },
        }),
      ),
  });
  return (
    <ActionCard
      title="Thông báo mời nộp hồ sơ"
      description="Ghi nhận ngày và nơi đăng thông báo công khai; thời hạn nhận hồ sơ tính từ ngày hôm sau."
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Ghi nhận thông báo"
    >
      <TextInput
        label="Ngày thông báo (dd/mm/yyyy)"
        {...form.register('announcedOn', { validate: (v) => parseDisplayDate(v) !== null || 'Nhập ngày dạng dd/mm/yyyy' })}
        error={form.formState.errors.announcedOn?.message}
        w={240}
      />
      <TextInput label="Nơi đăng (báo, cổng thông tin, bảng tin của UBND)" {...form.register('publishedAt')} error={form.formState.errors.publishedAt?.message} />
    </ActionCard>
  );
}

export function SubmissionForm({ round }: { round: Round }) {
  const form = useForm<Record<string, never>>();
  const action = useAction<Record<string, never>, Round>({
    ...onRound(round),
    send: (_values, key) => call(api.POST('/api/rounds/{code}/submission', { params: path(round, key), body: { expectedVersion: round.version } })),
  });
  return (
    <ActionCard
      title="Chuyển hồ sơ đến Sở Công Thương"
      description={`Gửi ${round.applicants.length} hồ sơ của đợt để thẩm định (sau khi hết thời hạn nhận hồ sơ).`}
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Chuyển hồ sơ"
    />
  );
}

interface ReportValues {
  summary: string;
  chairProposal: string | null;
}

export function ReportForm({ round, ruleSet }: { round: Round; ruleSet?: RuleSet }) {
  const chairDecides = ruleSet?.scoring.tieBreak === 'chair-proposal';
  const form = useForm<ReportValues>({ defaultValues: { summary: '', chairProposal: null } });
  const action = useAction<ReportValues, Round>({
    ...onRound(round),
    fields: ['summary', 'chairProposal'],
    setError: form.setError,
    send: (values, key) =>
      call(
        api.POST('/api/rounds/{code}/report', {
          params: path(round, key),
          body: { summary: values.summary, ...(values.chairProposal ? { chairProposal: values.chairProposal } : {}), expectedVersion: round.version },
        }),
      ),
  });
  return (
    <ActionCard
      title="Lập báo cáo thẩm định"
      description="Trình UBND tỉnh kết quả thẩm định; nhà đầu tư đề xuất là người đạt điểm cao nhất từ mức đạt."
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Trình báo cáo"
    >
      <Textarea label="Nội dung báo cáo" autosize minRows={4} {...form.register('summary')} error={form.formState.errors.summary?.message} />
      {chairDecides && (
        <Controller
          control={form.control}
          name="chairProposal"
          render={({ field, fieldState }) => (
            <Select
              label="Đề xuất của Chủ tịch Hội đồng khi bằng điểm (nếu có)"
              data={round.applicants.map((a) => ({ value: a.code, label: `${a.code} · ${a.applicantName}` }))}
              value={field.value}
              onChange={field.onChange}
              error={fieldState.error?.message}
              clearable
            />
          )}
        />
      )}
    </ActionCard>
  );
}

interface DecisionValues {
  outcome: 'APPROVE' | 'REJECT' | 'RETURN';
  reason: string;
}

export function DecisionDialog({ round }: { round: Round }) {
  const [opened, { open, close }] = useDisclosure(false);
  const form = useForm<DecisionValues>({ defaultValues: { outcome: 'APPROVE', reason: '' } });
  const action = useAction<DecisionValues, Round>({
    ...onRound(round),
    fields: ['outcome', 'reason'],
    setError: form.setError,
    send: (values, key) => call(api.POST('/api/rounds/{code}/decision', { params: path(round, key), body: { ...values, expectedVersion: round.version } })),
    onDone: close,
  });
  return (
    <>
      <Button onClick={open}>Ra quyết định</Button>
      <Modal opened={opened} onClose={close} title="Quyết định của UBND tỉnh" size="lg" closeButtonProps={{ 'aria-label': 'Đóng' }}>
        <ActionCard title="Quyết định" action={action} onSubmit={form.handleSubmit(action.submit)} submitLabel="Ghi nhận quyết định">
          <Controller
            control={form.control}
            name="outcome"
            render={({ field }) => (
              <Radio.Group label="Quyết định" value={field.value} onChange={(v) => field.onChange(v)} error={form.formState.errors.outcome?.message}>
                <Stack gap={4} mt={4}>
                  {(['APPROVE', 'REJECT', 'RETURN'] as const).map((outcome) => (
                    <Radio key={outcome} value={outcome} label={DECISION_OUTCOMES[outcome]} data-autofocus={outcome === 'APPROVE' || undefined} />
                  ))}
                </Stack>
              </Radio.Group>
            )}
          />
          <Textarea label="Lý do (bắt buộc khi không chấp thuận hoặc trả lại)" autosize minRows={3} {...form.register('reason')} error={form.formState.errors.reason?.message} />
        </ActionCard>
      </Modal>
    </>
  );
}
