/**
 * Screen 6b, the working-day calendar (administrators): a month, Monday to Sunday, each day marked
 * as the deadlines count it (holidays, compensatory days off, make-up working days, administrator
 * overrides, weekends) and, below, the month's special days with their reasons. Choosing a day
 * opens the dialog that changes it. The month is in the URL (?thang=2026-12).
 */
import { Badge, Button, Group, Stack, Table, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { PageTitle } from '../components/PageTitle';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDate, formatLongDate, todayInVietnam } from '../format/dates';
import { CalendarDayDialog } from './admin/CalendarDayDialog';
import { addMonths, DAY_KIND_LABELS, dayKind, firstDay, isMonthKey, lastDay, monthOf, monthWeeks, WEEKDAY_HEADERS, type CalendarDay, type DayKind } from './admin/month';
import classes from './admin/calendar.module.css';

/** Kinds the legend explains, in the order a person meets them. */
const LEGEND: readonly DayKind[] = ['holiday', 'compensatory', 'makeUp', 'override', 'weekend'];

export function CalendarPage() {
  const [params, setParams] = useSearchParams();
  const today = todayInVietnam();
  const wanted = params.get('thang');
  const month = isMonthKey(wanted) ? wanted : monthOf(today);
  const [year, monthNumber] = month.split('-');
  const from = firstDay(month);
  const to = lastDay(month);
  const days = useQuery({
    queryKey: ['calendar-days', from, to],
    queryFn: () => call(api.GET('/api/calendar/days', { params: { query: { from, to } } })),
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const listed = new Map((days.data?.days ?? []).map((day) => [day.date, day] as const));
  const goTo = (target: string) => setParams({ thang: target });
  const special = [...listed.values()];

  return (
    <Stack>
      <PageTitle>Lịch làm việc</PageTitle>
      <Text size="sm">Chọn một ngày để đổi thành ngày làm việc hoặc ngày nghỉ (kèm lý do), hoặc khôi phục theo lịch gốc.</Text>
      <Group justify="space-between">
        <Title order={2} size="h3" aria-live="polite">
          Tháng {Number(monthNumber)}/{year}
        </Title>
        <Group gap="xs">
          <Button variant="default" onClick={() => goTo(addMonths(month, -1))}>
            ‹ Tháng trước
          </Button>
          <Button variant="default" onClick={() => goTo(monthOf(today))}>
            Tháng này
          </Button>
          <Button variant="default" onClick={() => goTo(addMonths(month, 1))}>
            Tháng sau ›
          </Button>
        </Group>
      </Group>
      <Group gap="xs">
        <Text size="sm">Chú thích:</Text>
        {LEGEND.map((kind) => (
          <span key={kind} className={`${classes.legend} ${classes[kind]}`}>
            {DAY_KIND_LABELS[kind]}
          </span>
        ))}
      </Group>
      <ProblemAlert error={days.error} />
      <table className={classes.grid} aria-label={`Lịch tháng ${Number(monthNumber)}/${year}`} aria-busy={days.isPending}>
        <thead>
          <tr>
            {WEEKDAY_HEADERS.map((day) => (
              <th key={day.short} scope="col">
                <abbr title={day.long}>{day.short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week) => (
            <tr key={week.find((d) => d) ?? 'empty'}>
              {week.map((date, index) => {
                if (!date) return <td key={`blank-${index}`} className={classes.blank} />;
                const day = listed.get(date);
                const kind = dayKind(date, day);
                // The visible words come first in the button's name (what a voice-control user says), then the rest for screen readers.
                const visible = kind === 'working' || kind === 'weekend' ? [] : [DAY_KIND_LABELS[kind], ...(kind === 'override' ? [day?.working ? 'Làm việc' : 'Nghỉ'] : [])];
                const spoken = `, ${formatLongDate(date)}${visible.length === 0 ? `: ${DAY_KIND_LABELS[kind]}` : ''}${day?.reason ? `, ${day.reason}` : ''}`;
                return (
                  <td key={date} className={classes[kind]}>
                    <UnstyledButton
                      className={classes.day}
                      aria-current={date === today ? 'date' : undefined}
                      onClick={() => setChosen(date)}
                      disabled={!days.data}
                      data-date={date}
                    >
                      <span className={classes.number}>{Number(date.slice(8))}</span>
                      {visible.map((text) => (
                        <span key={text} className={classes.kind}>
                          {' '}
                          {text}
                        </span>
                      ))}
                      <VisuallyHidden>{spoken}</VisuallyHidden>
                    </UnstyledButton>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <Title order={2} size="h4">
        Ngày đặc biệt trong tháng
      </Title>
      {days.data && special.length === 0 ? (
        <Text c="dimmed">Tháng này theo tuần làm việc thông thường (thứ Hai đến thứ Sáu).</Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Ngày</Table.Th>
              <Table.Th scope="col">Loại</Table.Th>
              <Table.Th scope="col">Lý do</Table.Th>
              <Table.Th scope="col">Người điều chỉnh</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {special.map((day: CalendarDay) => (
              <Table.Tr key={day.date}>
                <Table.Td>{formatDate(day.date)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={day.working ? 'teal' : 'red'}>
                    {day.working ? 'Làm việc' : 'Nghỉ'}
                  </Badge>{' '}
                  {DAY_KIND_LABELS[dayKind(day.date, day)]}
                </Table.Td>
                <Table.Td>{day.reason}</Table.Td>
                <Table.Td>{day.source === 'admin' ? (day.updatedBy ?? '') : 'Lịch gốc'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {chosen && <CalendarDayDialog date={chosen} listed={listed.get(chosen)} onClose={() => setChosen(null)} />}
    </Stack>
  );
}
