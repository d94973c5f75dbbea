/**
 * The intake officer's and the appraiser's actions on a dossier: the completeness check, a
 * supplement request, the receipt of the supplement, and the applicant's withdrawal (a dialog:
 * Esc closes it). Each posts the dossier's version it shows, so an action on an old view is refused
 * and explained (useAction).
 */
import { Button, Modal, Radio, Stack, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Controller, useForm } from 'react-hook-form';
import { api, call } from '../../../api/client';
import { STAGE_LABELS, type DossierStage } from '../../../labels';
import type { Dossier, DossierDocuments } from '../types';
import { useAction } from '../useAction';
import { ActionCard } from './ActionCard';
import { ItemReasons, itemReasonFields, type ItemReasonValues } from './ItemReasons';

export const dossierStageName = (stage: string) => STAGE_LABELS[stage as DossierStage] ?? stage;
/** What every action on a dossier shares: the page's query it refreshes, how its stages are named. */
export const onDossier = (dossier: Dossier) => ({ resourceKey: ['dossier', dossier.code], stageName: dossierStageName });
export const dossierParams = (dossier: Dossier, key: string) => ({ path: { code: dossier.code }, header: { 'Idempotency-Key': key } });

const itemOptions = (documents: DossierDocuments | undefined) => (documents?.items ?? []).map((item) => ({ value: item.code, label: item.label }));

interface CompletenessValues extends ItemReasonValues {
  complete: 'yes' | 'no';
}

export function CompletenessForm({ dossier, documents }: { dossier: Dossier; documents?: DossierDocuments }) {
  const form = useForm<CompletenessValues>({ defaultValues: { complete: 'yes', items: [] } });
  const items = form.watch('items');
  const action = useAction<CompletenessValues, Dossier>({
    ...onDossier(dossier),
    fields: ['complete', ...itemReasonFields(items.length)],
    setError: form.setError,
    send: (values, key) =>
      call(
        api.POST('/api/dossiers/{code}/completeness', {
          params: dossierParams(dossier, key),
          body: { complete: values.complete === 'yes', items: values.items, expectedVersion: dossier.version },
        }),
      ),
  });
  return (
    <ActionCard
      title="Kiểm tra tính đầy đủ"
      description="Hồ sơ đầy đủ thì chuyển lấy ý kiến các sở, ngành; chưa đầy đủ thì yêu cầu bổ sung (các thành phần thiếu theo danh mục được tự đưa vào) và đồng hồ thẩm định tạm dừng."
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Ghi nhận kết quả kiểm tra"
    >
      <Controller
        control={form.control}
        name="complete"
        render={({ field }) => (
          <Radio.Group label="Kết quả" value={field.value} onChange={field.onChange} error={form.formState.errors.complete?.message}>
            <Stack gap={4} mt={4}>
              <Radio value="yes" label="Hồ sơ đầy đủ" />
              <Radio value="no" label="Chưa đầy đủ, yêu cầu bổ sung" />
            </Stack>
          </Radio.Group>
        )}
      />
      <ItemReasons
        control={form.control}
        register={form.register}
        errors={form.formState.errors}
        options={itemOptions(documents)}
        legend="Sai sót cán bộ phát hiện (giấy hết hạn, bản sao chưa chứng thực…)"
      />
    </ActionCard>
  );
}

export function SupplementRequestForm({ dossier, documents }: { dossier: Dossier; documents?: DossierDocuments }) {
  const form = useForm<ItemReasonValues>({ defaultValues: { items: [{ item: '', reason: '' }] } });
  const items = form.watch('items');
  const action = useAction<ItemReasonValues, Dossier>({
    ...onDossier(dossier),
    fields: itemReasonFields(items.length),
    setError: form.setError,
    send: (values, key) =>
      call(
        api.POST('/api/dossiers/{code}/supplement-requests', {
          params: dossierParams(dossier, key),
          body: { items: values.items, expectedVersion: dossier.version },
        }),
      ),
  });
  return (
    <ActionCard
      title="Yêu cầu bổ sung hồ sơ"
      description="Đồng hồ thẩm định tạm dừng đến khi nhận được hồ sơ bổ sung, rồi chạy tiếp với số ngày đã dùng."
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Gửi yêu cầu bổ sung"
    >
      <ItemReasons control={form.control} register={form.register} errors={form.formState.errors} options={itemOptions(documents)} legend="Thành phần phải bổ sung" />
    </ActionCard>
  );
}

export function SupplementReceiptForm({ dossier }: { dossier: Dossier }) {
  const form = useForm<Record<string, never>>();
  const action = useAction<Record<string, never>, Dossier>({
    ...onDossier(dossier),
    send: (_values, key) =>
      call(api.POST('/api/dossiers/{code}/supplements', { params: dossierParams(dossier, key), body: {} })),
  });
  return (
    <ActionCard
      title="Nhận hồ sơ bổ sung"
      description={`Đã yêu cầu: ${dossier.missingItems.map((item) => item.label).join('; ') || dossier.missing.join('; ')}. Tải lên các bản bổ sung ở mục Tài liệu, rồi ghi nhận: đồng hồ thẩm định chạy lại.`}
      action={action}
      onSubmit={form.handleSubmit(action.submit)}
      submitLabel="Ghi nhận đã nhận bổ sung"
    />
  );
}

interface WithdrawalValues {
  reason: string;
}

export function WithdrawalDialog({ dossier }: { dossier: Dossier }) {
  const [opened, { open, close }] = useDisclosure(false);
  const form = useForm<WithdrawalValues>({ defaultValues: { reason: '' } });
  const action = useAction<WithdrawalValues, Dossier>({
    ...onDossier(dossier),
    fields: ['reason'],
    setError: form.setError,
    send: (values, key) =>
      call(api.POST('/api/dossiers/{code}/withdrawal', { params: dossierParams(dossier, key), body: values })),
    onDone: close,
  });
  return (
    <>
      <Button variant="outline" color="red" onClick={open}>
        Rút hồ sơ
      </Button>
      <Modal opened={opened} onClose={close} title="Rút hồ sơ theo đề nghị của nhà đầu tư" size="lg" closeButtonProps={{ 'aria-label': 'Đóng' }}>
        <ActionCard title="Văn bản xin rút hồ sơ" action={action} onSubmit={form.handleSubmit(action.submit)} submitLabel="Ghi nhận rút hồ sơ">
          <Textarea label="Nội dung văn bản xin rút" autosize minRows={3} {...form.register('reason')} error={form.formState.errors.reason?.message} data-autofocus />
        </ActionCard>
      </Modal>
    </>
  );
}
