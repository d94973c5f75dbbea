/** Read-model rows inserted directly with Prisma, for tests of the read endpoints (no workflow involved). */
import { randomBytes } from 'node:crypto';
import type { DossierStage, DossierStatus, PrismaClient, Role, TaskKind, TaskStatus } from '../../../generated/prisma/client';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomDossierCode(): string {
  const pick = () => Array.from(randomBytes(5), (b) => CODE_ALPHABET[b % 32]).join('');
  return `CCN-${pick()}-${pick()}`;
}

export interface DossierFixture {
  code?: string;
  clusterCode?: string;
  stage?: DossierStage;
  status?: DossierStatus;
  filedOn?: string;
  projectTitle?: string;
  applicantName?: string;
  applicantEmail?: string;
}

export async function insertDossier(prisma: PrismaClient, fixture: DossierFixture = {}) {
  const cluster = await prisma.cluster.findUniqueOrThrow({ where: { code: fixture.clusterCode ?? 'DH-LOC-GIANG-1' } });
  const filedOn = fixture.filedOn ?? '2026-10-01';
  const applicant = await prisma.applicant.create({
    data: {
      name: fixture.applicantName ?? 'Công ty TNHH Thử nghiệm',
      taxCode: String(1_000_000_000 + (randomBytes(4).readUInt32BE() % 8_999_999_999)).slice(0, 10),
      contactEmail: fixture.applicantEmail ?? 'secret.person@example.vn',
    },
  });
  const round = await prisma.selectionRound.create({ data: { ...uniqueRound(cluster.code), clusterId: cluster.id, ruleSetId: 'decree-32-2024', openedOn: day(filedOn) } });
  return prisma.dossier.create({
    data: {
      code: fixture.code ?? randomDossierCode(),
      projectTitle: fixture.projectTitle ?? 'Dự án thử nghiệm hạ tầng',
      roundId: round.id,
      clusterId: cluster.id,
      applicantId: applicant.id,
      ruleSetId: 'decree-32-2024',
      filedOn: day(filedOn),
      stage: fixture.stage ?? 'COMPLETENESS_CHECK',
      status: fixture.status ?? 'ACTIVE',
    },
  });
}

export interface TaskFixture {
  dossierId: string;
  kind?: TaskKind;
  role?: Role | null;
  departmentCode?: string | null;
  assignee?: string | null;
  dueOn?: string | null;
  status?: TaskStatus;
}

export async function insertTask(prisma: PrismaClient, fixture: TaskFixture) {
  const department = fixture.departmentCode ? await prisma.department.findUniqueOrThrow({ where: { code: fixture.departmentCode } }) : null;
  const assignee = fixture.assignee ? await prisma.user.findUniqueOrThrow({ where: { username: fixture.assignee } }) : null;
  return prisma.task.create({
    data: {
      dossierId: fixture.dossierId,
      kind: fixture.kind ?? 'DEPARTMENT_OPINION',
      role: fixture.role === undefined ? 'REVIEWER' : fixture.role,
      departmentId: department?.id ?? null,
      assigneeId: assignee?.id ?? null,
      dueOn: fixture.dueOn ? day(fixture.dueOn) : null,
      status: fixture.status ?? 'OPEN',
    },
  });
}

/**
 * Round numbers count up from a random start: drawn at random for each round, two of the dozens of
 * dossiers a paging test files on one cluster sometimes drew the same code (a birthday collision).
 */
let nextRoundNumber = 1000 + (randomBytes(2).readUInt16BE() % 4000);

/** Rows only (no workflow): each gets its own round number, as a cluster's rounds are numbered one by one. */
function uniqueRound(clusterCode: string): { number: number; code: string } {
  const number = nextRoundNumber++;
  return { number, code: `${clusterCode}-R${number}` };
}
