/**
 * A staff notice as one activity: the active staff of the role, one mail each through the outbox,
 * and a retried attempt sends only what the attempts before it did not. Against a real SMTP server.
 */
import type { SendAttemptMemory } from '../../../activities/mail';
import { notifyStaff } from '../../../activities/staff-notice';
import type { StaffNotice } from '../../../domain';
import { useMailActivityDeps } from '../../support/mail-activity-deps';

const notice = (key: string): StaffNotice => ({ key, keyedBy: 'address', dossierCode: 'CCN-NOTE0-TEST0', subject: `Thông báo ${key}`, text: 'Kính gửi đồng chí,' });

/** What Temporal's heartbeat details carry from one attempt to the next: the keys already sent. */
function attempts(sentKeys: string[] = []) {
  const sent = new Set(sentKeys);
  return (key: string): SendAttemptMemory => ({ sentBefore: () => sent.has(key), rememberSent: () => void sent.add(key) });
}

describe('a staff notice', () => {
  const env = useMailActivityDeps('staff_notice');
  beforeAll(async () => {
    const staff = [
      { username: 'manager.a', email: 'a@example.gov.vn', role: 'MANAGER', active: true },
      { username: 'manager.b', email: 'b@example.gov.vn', role: 'MANAGER', active: true },
      { username: 'manager.gone', email: 'gone@example.gov.vn', role: 'MANAGER', active: false },
      { username: 'appraiser.c', email: 'c@example.gov.vn', role: 'APPRAISER', active: true },
    ] as const;
    // Only these staff: the migrations' own accounts hold no role here.
    await env.prisma.userRole.deleteMany();
    for (const s of staff) {
      await env.prisma.user.create({ data: { username: s.username, passwordHash: 'x', fullName: s.username, email: s.email, active: s.active, roles: { create: { role: s.role } } } });
    }
  });

  const delivered = (key: string) => env.relay.messages.filter((m) => m.subject === `Thông báo ${key}`).flatMap((m) => m.to).sort();

  it('mails each active member of the role once, and a second attempt sends nothing', async () => {
    await expect(notifyStaff(env.deps, { query: { role: 'MANAGER' }, notice: notice('overdue') }, attempts())).resolves.toEqual({ recipients: 2, sent: 2 });
    expect(delivered('overdue')).toEqual(['a@example.gov.vn', 'b@example.gov.vn']);
    await expect(notifyStaff(env.deps, { query: { role: 'MANAGER' }, notice: notice('overdue') }, attempts())).resolves.toEqual({ recipients: 2, sent: 0 });
    expect(delivered('overdue')).toEqual(['a@example.gov.vn', 'b@example.gov.vn']);
    const rows = await env.prisma.mailOutbox.findMany({ where: { idempotencyKey: { startsWith: 'overdue:' } }, orderBy: { idempotencyKey: 'asc' } });
    expect(rows.map((r) => [r.idempotencyKey, r.sentAt !== null])).toEqual([
      ['overdue:a@example.gov.vn', true],
      ['overdue:b@example.gov.vn', true],
    ]);
  });

  it('after an attempt that sent one mail and lost the database, the retry marks that one and sends only the other', async () => {
    // The first attempt's relay accepted a@…, then the database went away before the mark: the outbox has
    // both rows unsent, and the heartbeat details name a@… as sent.
    await env.prisma.mailOutbox.createMany({
      data: ['a@example.gov.vn', 'b@example.gov.vn'].map((to) => ({ idempotencyKey: `lost-db:${to}`, to, subject: 'Thông báo lost-db', body: 'x', dossierCode: 'CCN-NOTE0-TEST0' })),
    });
    await expect(notifyStaff(env.deps, { query: { role: 'MANAGER' }, notice: notice('lost-db') }, attempts(['lost-db:a@example.gov.vn']))).resolves.toEqual({ recipients: 2, sent: 2 });
    expect(delivered('lost-db')).toEqual(['b@example.gov.vn']);
    const marked = await env.prisma.mailOutbox.findMany({ where: { idempotencyKey: { startsWith: 'lost-db:' } } });
    expect(marked.every((r) => r.sentAt !== null)).toBe(true);
  });

  it('names nobody when the department has no active reviewer', async () => {
    await expect(notifyStaff(env.deps, { query: { role: 'REVIEWER', departmentCode: 'SO-KHONG-CO' }, notice: notice('nobody') }, attempts())).resolves.toEqual({ recipients: 0, sent: 0 });
    expect(delivered('nobody')).toEqual([]);
  });
});
