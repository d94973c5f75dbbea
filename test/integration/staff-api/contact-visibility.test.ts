/**
 * Every demo account reading GET /api/dossiers/{code}: the applicant's contact data (tax code,
 * e-mail) reaches a reviewer only on a dossier their department is or was consulted on; every
 * other staff role sees it on every dossier (api/dossiers/contact-visibility.ts).
 */
import request from 'supertest';
import { DEMO_ACCOUNTS } from '../../../db/seed/demo-accounts';
import { bearer, tokenFor } from '../../support/auth';
import { createTestStack, type TestStack } from '../../support/stack';
import { insertDossier, insertTask } from './fixtures';

describe("who sees an applicant's contact data", () => {
  let stack: TestStack;
  let consulted: { code: string; taxCode: string };
  let unconsulted: { code: string; taxCode: string };
  // DOC's opinion is still open, DAE's was given, POLICE's was deemed; CCN_OTHER gets a task of another kind.
  const CONSULTED = ['DOC', 'DAE', 'POLICE'];

  const applicantOf = async (code: string) => {
    const row = await stack.prisma.dossier.findUniqueOrThrow({ where: { code }, include: { applicant: true } });
    return { code, taxCode: row.applicant.taxCode };
  };

  beforeAll(async () => {
    stack = await createTestStack('contact');
    const a = await insertDossier(stack.prisma, { applicantName: 'Công ty Được Hỏi Ý Kiến', applicantEmail: 'consulted@example.vn' });
    await insertTask(stack.prisma, { dossierId: a.id, departmentCode: 'DOC', status: 'OPEN' });
    await insertTask(stack.prisma, { dossierId: a.id, departmentCode: 'DAE', status: 'DONE' });
    await insertTask(stack.prisma, { dossierId: a.id, departmentCode: 'POLICE', status: 'DEEMED' });
    // A task that is not an opinion does not make a department consulted.
    await insertTask(stack.prisma, { dossierId: a.id, kind: 'COMPLETENESS_CHECK', role: 'INTAKE_OFFICER', departmentCode: 'DOF' });
    const b = await insertDossier(stack.prisma, { clusterCode: 'DH-LOC-GIANG-2', applicantName: 'Công ty Chưa Hỏi', applicantEmail: 'unconsulted@example.vn' });
    consulted = await applicantOf(a.code);
    unconsulted = await applicantOf(b.code);
  });
  afterAll(() => stack.close());

  it.each(DEMO_ACCOUNTS.map((a) => [a.username, a] as const))('%s sees exactly what its role allows', async (username, account) => {
    const auth = bearer(await tokenFor(stack, username));
    const reviewerOnly = account.roles.every((role) => role === 'REVIEWER');
    const seesConsulted = !reviewerOnly || CONSULTED.includes(account.departmentCode ?? '');
    const a = await request(stack.app).get(`/api/dossiers/${consulted.code}`).set(auth).expect(200);
    expect(a.body.applicant).toEqual({
      name: 'Công ty Được Hỏi Ý Kiến',
      taxCode: seesConsulted ? consulted.taxCode : null,
      email: seesConsulted ? 'consulted@example.vn' : null,
    });
    const b = await request(stack.app).get(`/api/dossiers/${unconsulted.code}`).set(auth).expect(200);
    expect(b.body.applicant).toEqual({
      name: 'Công ty Chưa Hỏi',
      taxCode: reviewerOnly ? null : unconsulted.taxCode,
      email: reviewerOnly ? null : 'unconsulted@example.vn',
    });
  });

  it('hides nothing else from a reviewer who is not consulted: the dossier, its stage and tasks stay readable', async () => {
    const response = await request(stack.app)
      .get(`/api/dossiers/${consulted.code}`)
      .set(bearer(await tokenFor(stack, 'reviewer.dof')))
      .expect(200);
    expect(response.body).toMatchObject({ code: consulted.code, stage: 'COMPLETENESS_CHECK', applicant: { taxCode: null, email: null } });
    expect(response.body.tasks.map((t: { departmentCode: string | null }) => t.departmentCode).sort()).toEqual(['DAE', 'DOC', 'DOF', 'POLICE']);
    expect(JSON.stringify(response.body)).not.toContain('consulted@example.vn');
  });
});
