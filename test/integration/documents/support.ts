/** A test stack whose app stores documents in a given object store, and helpers to upload and read. */
import { randomBytes, randomInt } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../api/app';
import type { DossierStage, DossierStatus, PrismaClient } from '../../../generated/prisma/client';
import type { DocumentLimits } from '../../../storage/config';
import type { ObjectStore } from '../../../storage/object-store';
import { bearer, tokenFor } from '../../support/auth';
import type { TestStack } from '../../support/stack';
import { randomDossierCode } from '../staff-api/fixtures';

export const MB = 1024 * 1024;

export function appWithStore(stack: TestStack, store: ObjectStore, limits: DocumentLimits = { maxFileBytes: 200 * MB, maxDossierBytes: 2000 * MB }): Express {
  return createApp({ ...stack.deps, documents: { store, limits, description: 'test' } });
}

/** Bytes that sniff as a PDF. */
export const pdf = (size = 2048) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);

export async function upload(
  stack: TestStack,
  app: Express,
  code: string,
  item: string,
  file: Buffer,
  fileName = 'tai-lieu.pdf',
  headers: Record<string, string> = {},
) {
  return request(app)
    .post(`/api/dossiers/${code}/documents`)
    .set(bearer(await tokenFor(stack, 'intake')))
    .set(headers)
    .field('item', item)
    .attach('file', file, { filename: fileName, contentType: 'application/pdf' });
}

/** GET that keeps the body as bytes whatever its type. */
export async function download(stack: TestStack, app: Express, url: string, username = 'intake', headers: Record<string, string> = {}) {
  return request(app)
    .get(url)
    .set(bearer(await tokenFor(stack, username)))
    .set(headers)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
      res.on('error', (e: Error) => callback(e, Buffer.concat(chunks)));
    });
}

export async function objectKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of store.list(prefix)) keys.push(o.key);
  return keys.sort();
}

let rounds = 0;

/** A dossier row in `stage`, in a round of its own (no workflow: the documents API only reads the row). */
export async function insertDossier(prisma: PrismaClient, stage: DossierStage = 'COMPLETENESS_CHECK', status: DossierStatus = 'ACTIVE') {
  const cluster = await prisma.cluster.findUniqueOrThrow({ where: { code: 'DH-LOC-GIANG-1' } });
  const applicant = await prisma.applicant.create({ data: { name: 'Công ty TNHH Thử nghiệm', taxCode: String(1_000_000_000 + randomInt(8_999_999_999)), contactEmail: 'a@example.vn' } });
  const round = await prisma.selectionRound.create({
    data: { clusterId: cluster.id, number: 1000 + ++rounds + randomInt(1_000_000), ruleSetId: 'decree-32-2024', openedOn: new Date('2026-10-01T00:00:00Z') },
  });
  return prisma.dossier.create({
    data: {
      code: randomDossierCode(),
      projectTitle: 'Dự án thử nghiệm hạ tầng',
      roundId: round.id,
      clusterId: cluster.id,
      applicantId: applicant.id,
      ruleSetId: 'decree-32-2024',
      filedOn: new Date('2026-10-01T00:00:00Z'),
      stage,
      status,
    },
  });
}

/**
 * A multipart body written by hand, because form-data (behind supertest's attach) strips the
 * directory part of a name and never sends the raw bytes a hostile client would.
 */
export function rawMultipart(item: string, file: Buffer, disposition: string): { body: Buffer; contentType: string } {
  const boundary = `----ccn${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="item"\r\n\r\n${item}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: application/pdf\r\n\r\n`, 'utf8'),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** What makes a dossier complete under every released checklist: each mandatory item and one financial paper. */
export const COMPLETE_SET = ['APPLICATION_LETTER', 'INVESTMENT_REPORT', 'LEGAL_STATUS', 'BANK_COMMITMENT', 'EXPERIENCE_EVIDENCE', 'INFRASTRUCTURE_PLAN', 'ENVIRONMENTAL_PLAN', 'FINANCIAL_PLAN'];

/** Uploads `items` (each a small PDF) as the intake officer through `app`; returns the versions the API acknowledged. */
export async function uploadItems(stack: TestStack, app: Express, code: string, items: readonly string[] = COMPLETE_SET): Promise<{ id: string; item: string; version: number }[]> {
  const versions: { id: string; item: string; version: number }[] = [];
  for (const item of items) {
    const response = await upload(stack, app, code, item, pdf(), `${item.toLowerCase()}.pdf`);
    if (response.status !== 201) throw new Error(`upload of ${item}: ${response.status} ${JSON.stringify(response.body)}`);
    versions.push(response.body as { id: string; item: string; version: number });
  }
  return versions;
}
