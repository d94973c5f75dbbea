/**
 * The dialog to change one day of the working-day calendar: working or not, with the reason people
 * will read (the document that announced it); or, for a day an administrator already changed, to
 * return it to the seeded calendar. Every open dossier recomputes its deadlines afterwards.
 */
import { Button, Group, Modal, Paper, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { api, call } from '../../api/client';
import { problemOf, type Problem } from '../../api/problem';
import { applyFieldErrors, ProblemAlert } from '../../components/ProblemAlert';
import { formatLongDate } from '../../format/dates';
import { DAY_KIND_LABELS, dayKind, isWeekend, type CalendarDay } from './month';

interface DayForm {
  working: 'true' | 'false';
  reason: string;
}

export function CalendarDayDialog({ date, listed, onClose }: { date: string; listed: CalendarDay | undefined; onClose: () => void }) {
  const queryClient = useQueryClient();
  const working = listed ? listed.working : !isWeekend(date);
  const { control, register, handleSubmit, setError, formState } = useForm<DayForm>({
    defaultValues: { working: working ? 'false' : 'true', reason: listed?.source === 'admin' ? listed.reason : '' },
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: ['calendar-days'] });
    onClose();
  };
  const refused = (error: unknown) => {
    const found = problemOf(error);
    setProblem({ ...found, errors: applyFieldErrors(found, ['working', 'reason'], setError) });
  };
  const save = useMutation({
    mutationFn: (values: DayForm) =>
      call(api.PUT('/api/calendar/days/{date}', { params: { path: { date } }, body: { working: values.working === 'true', reason: values.reason } })),
    onMutate: () => setProblem(null),
    onSuccess: done,
    onError: refused,
  });
  const reset = useMutation({
    mutationFn: () => call(api.DELETE('/api/calendar/days/{date}', { params: { path: { date } } })),
    onMutate: () => setProblem(null),
    onSuccess: done,
    onError: refused,
  });

  const kind = dayKind(date, listed);
  return (
    <Modal opened onClose={onClose} title={`Điều chỉnh ngày ${formatLongDate(date)}`} size="md" closeButtonProps={{ 'aria-label': 'Đóng' }}>
      <form onSubmit={handleSubmit((values) => save.mutate(values))} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            Hiện tại: <strong>{working ? 'ngày làm việc' : 'ngày nghỉ'}</strong> ({DAY_KIND_LABELS[kind].toLocaleLowerCase('vi')})
            {listed?.reason ? ` — ${listed.reason}` : ''}
          </Text>
          {listed?.source === 'admin' && (
            // A note, not an alert (role="alert" is kept for the server's refusals).
            <Paper withBorder p="xs" bg="violet.0">
              <Text size="sm" fw={700}>
                Ngày này đã được quản trị viên điều chỉnh
              </Text>
              <Text size="sm">
                Theo lịch gốc: {listed.seeded.working ? 'ngày làm việc' : 'ngày nghỉ'}
                {listed.seeded.reason ? ` — ${listed.seeded.reason}` : ''}.
              </Text>
            </Paper>
          )}
          <Controller
            control={control}
            name="working"
            render={({ field }) => (
              <Radio.Group label="Ngày này là" value={field.value} onChange={(value) => field.onChange(value as DayForm['working'])} withAsterisk>
                <Group mt={4}>
                  <Radio value="true" label="Ngày làm việc" />
                  <Radio value="false" label="Ngày nghỉ" />
                </Group>
              </Radio.Group>
            )}
          />
          <Textarea
            label="Lý do"
            description="Ví dụ số văn bản công bố ngày nghỉ hoặc làm bù; hiển thị cho người xem hạn xử lý"
            required
            data-autofocus
            autosize
            minRows={2}
            maxLength={300}
            error={formState.errors.reason?.message}
            {...register('reason', { validate: (value) => value.trim().length > 0 || 'Cần lý do điều chỉnh' })}
          />
          <Text size="xs" c="dimmed">
            Sau khi lưu, mọi hồ sơ đang xử lý được tính lại hạn theo lịch mới.
          </Text>
          <ProblemAlert error={problem} />
          <Group justify="space-between">
            {listed?.source === 'admin' ? (
              <Button variant="outline" color="red" onClick={() => reset.mutate()} loading={reset.isPending}>
                Khôi phục theo lịch gốc
              </Button>
            ) : (
              <span />
            )}
            <Group>
              <Button variant="default" onClick={onClose}>
                Huỷ
              </Button>
              <Button type="submit" loading={save.isPending}>
                Lưu điều chỉnh
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
