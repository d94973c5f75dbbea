import { randomBytes } from 'node:crypto';
import { createPrismaClient, Prisma, type PrismaClient } from '../../../db/client';
import { useTestPostgres } from '../../support/postgres';

describe('Prisma Client over @prisma/adapter-pg (db/client.ts)', () => {
  const pg = useTestPostgres();

  // Nested so that its afterAll ($disconnect) runs before the server stops.
  describe('on a migrated database', () => {
    let prisma: PrismaClient;

    beforeAll(async () => {
      const db = await pg.createDatabase('prisma_client', { migrated: true });
      prisma = createPrismaClient(db.url, { maxConnections: 3 });
    });
    afterAll(async () => {
      await prisma?.$disconnect();
    });

    test('round-trips a dossier with its JSON columns, dates, decimals and enums', async () => {
      const suffix = randomBytes(3).toString('hex').toUpperCase();
      const cluster = await prisma.cluster.create({
        data: { code: `TEST-${suffix}`, name: 'CCN Bình Châu', district: 'Vĩnh Hưng', areaHa: new Prisma.Decimal('60.8') },
      });
      const applicant = await prisma.applicant.create({
        data: { name: 'Công ty CP Hạ tầng Long An', taxCode: `03${suffix}`, contactEmail: 'lienhe@example.vn' },
      });
      const round = await prisma.selectionRound.create({
        data: { clusterId: cluster.id, ruleSetId: 'decree-32-2024', openedOn: new Date('2026-03-02T00:00:00Z') },
      });
      const deadlines = {
        appraisal: {
          due: '2026-04-06',
          unit: 'CALENDAR_DAYS',
          amount: 25,
          skipped: [{ date: '2026-04-04', reason: 'Thứ Bảy (Saturday): a period may not end on a non-working day' }],
        },
      };
      const facts = { investmentVnd: '800000000000', equityRatio: 0.21, landHa: 60.8, evidence: ['audited-statements', 'bank-commitment'], note: null };

      const created = await prisma.dossier.create({
        data: {
          code: `CCN-${suffix}-00001`,
          projectTitle: 'Đầu tư hạ tầng CCN Bình Châu',
          roundId: round.id,
          clusterId: cluster.id,
          applicantId: applicant.id,
          ruleSetId: 'decree-32-2024',
          filedOn: new Date('2026-03-02T00:00:00Z'),
          facts,
          deadlines,
          idempotencyKey: `key-${suffix}`,
        },
      });
      expect(created.stage).toBe('APPLICATION');
      expect(created.status).toBe('ACTIVE');
      expect(created.version).toBe(1);
      expect(created.clock).toEqual({});
      expect(created.screening).toBeNull();

      const read = await prisma.dossier.findUniqueOrThrow({ where: { code: created.code }, include: { cluster: true, applicant: true, round: true } });
      expect(read.facts).toEqual(facts);
      expect(read.deadlines).toEqual(deadlines);
      expect(read.filedOn.toISOString()).toBe('2026-03-02T00:00:00.000Z');
      expect(read.cluster.areaHa.toString()).toBe('60.8');
      expect(read.applicant.name).toBe('Công ty CP Hạ tầng Long An');
      expect(read.round.status).toBe('CALL_PENDING');

      // Optimistic concurrency: an update conditioned on a stale version touches nothing.
      const bumped = await prisma.dossier.updateMany({
        where: { id: read.id, version: 1 },
        data: { stage: 'COMPLETENESS_CHECK', version: { increment: 1 }, screening: { passed: false, failed: [{ criterion: 'equity', reason: '< 15 %' }] } },
      });
      expect(bumped.count).toBe(1);
      const stale = await prisma.dossier.updateMany({ where: { id: read.id, version: 1 }, data: { stage: 'CLOSED' } });
      expect(stale.count).toBe(0);
      const after = await prisma.dossier.findUniqueOrThrow({ where: { id: read.id } });
      expect(after.stage).toBe('COMPLETENESS_CHECK');
      expect(after.screening).toEqual({ passed: false, failed: [{ criterion: 'equity', reason: '< 15 %' }] });
      expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(read.updatedAt.getTime());

      // Unique idempotency key → P2002, which callers rely on.
      await expect(
        prisma.dossier.create({
          data: { ...created, id: undefined, code: `CCN-${suffix}-00002`, facts: {}, deadlines: {}, clock: {}, screening: Prisma.DbNull },
        }),
      ).rejects.toMatchObject({ code: 'P2002' });

      // JSON path filter works against jsonb.
      const found = await prisma.dossier.findMany({ where: { facts: { path: ['landHa'], equals: 60.8 } }, select: { code: true } });
      expect(found).toEqual([{ code: created.code }]);
    });

    test('audit events get bigint ids and JSON values', async () => {
      const event = await prisma.auditEvent.create({
        data: { actor: 'system', action: 'calendar.changed', entityType: 'CalendarEntry', entityId: '2026-09-01', newValue: { working: false } },
      });
      expect(typeof event.id).toBe('bigint');
      expect(event.oldValue).toBeNull();
      expect(event.newValue).toEqual({ working: false });
    });
  });
});
