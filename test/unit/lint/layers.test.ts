import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The layer rules of eslint.config.mjs, as CI runs them: every forbidden import must be flagged and every
 * allowed one must pass, at each folder depth (a rule written for `../infra` alone misses `../../infra`).
 */
const ROOT = join(__dirname, '../../..');
const RULE = '@typescript-eslint/no-restricted-imports';

type Case = { file: string; code: string; flagged: boolean };

/** `up(2)` is `../../`: the way from a file two folders deep back to the repository root. */
const up = (n: number) => '../'.repeat(n);
const at = (layer: string, depth: number) => (depth === 1 ? `${layer}/probe.ts` : `${layer}/${'sub/'.repeat(depth - 1)}probe.ts`);

function cases(): Case[] {
  const list: Case[] = [];
  const add = (layer: string, flagged: boolean, imports: (root: string) => string[]) => {
    for (const depth of [1, 2, 3]) {
      for (const code of imports(up(depth))) list.push({ file: at(layer, depth), code, flagged });
    }
  };

  add('domain', true, (r) => [
    `import { config } from '${r}infra/config';`,
    `import { appendAudit } from '${r}db/audit';`,
    `import type { DossierWorkflowInput } from '${r}workflows/dossier/api';`,
    `import { createActivities } from '${r}activities';`,
    `import { Prisma } from '${r}generated/prisma/client';`,
    `export { app } from '${r}api/app';`,
    `import { proxyActivities } from '@temporalio/workflow';`,
    `import { PrismaPg } from '@prisma/adapter-pg';`,
    `import express from 'express';`,
    `import { readFileSync } from 'fs';`,
    `import { readFile } from 'node:fs/promises';`,
    `import { createHash } from 'crypto';`,
  ]);
  add('domain', false, (r) => [`import { addDays } from '${r}domain/calendar/iso-date';`, `import { DomainError } from './errors';`, `import Holidays from 'date-holidays';`]);
  // A sibling folder named like a layer is the domain's own.
  list.push({ file: 'domain/rules/probe.ts', code: `import { x } from '../infra/x';`, flagged: false });

  add('db', true, (r) => [
    `import { appendAudit } from '${r}activities/audit';`,
    `import { config } from '${r}infra/config';`,
    `import { app } from '${r}api/app';`,
    `import type { DossierStage } from '${r}workflows/dossier/api';`,
    `import { Client } from '@temporalio/client';`,
  ]);
  add('db', false, (r) => [`import { DOSSIER_STAGES } from '${r}domain';`, `import { PrismaClient } from '${r}generated/prisma/client';`, `import { dbDate } from '${r}db/dates';`, `import { PrismaPg } from '@prisma/adapter-pg';`]);

  add('activities', true, (r) => [
    `import { MS_PER_DAY } from '${r}workflows/dossier/api';`,
    `import { notify } from '${r}workflows/dossier/mails';`,
    `import { app } from '${r}api/app';`,
    `import { run } from '${r}worker/main';`,
    `import { seed } from '${r}scripts/seed';`,
  ]);
  add('activities', false, (r) => [
    `import type { DossierWorkflowInput } from '${r}workflows/dossier/api';`,
    `export type { MailRequest } from '${r}workflows/dossier/mails';`,
    `import { appendAudit } from '${r}db/audit';`,
    `import { DOSSIER_STAGES } from '${r}domain';`,
    `import { config } from '${r}infra/config';`,
    `import { Prisma } from '${r}generated/prisma/client';`,
    `import { ApplicationFailure } from '@temporalio/common';`,
  ]);

  add('workflows', true, (r) => [
    `import { createActivities } from '${r}activities';`,
    `import { appendAudit } from '${r}db/audit';`,
    `import { config } from '${r}infra/config';`,
    `import { app } from '${r}api/app';`,
    `import { Prisma } from '${r}generated/prisma/client';`,
    `import { Client } from '@temporalio/client';`,
    `import nodemailer from 'nodemailer';`,
    `import { Pool } from 'pg';`,
    `import { join } from 'path';`,
    `import { randomUUID } from 'node:crypto';`,
  ]);
  add('workflows', false, (r) => [
    `import type { createActivities } from '${r}activities';`,
    `import type { TransitionRecord } from '${r}activities/dossier/transitions';`,
    `import { addDays } from '${r}domain';`,
    `import { proxyActivities } from '@temporalio/workflow';`,
    `import { ApplicationFailure } from '@temporalio/common';`,
  ]);
  // workflows/dossier/steps/ importing the dossier workflow's own api.ts and mails.ts.
  list.push({ file: 'workflows/dossier/steps/probe.ts', code: `import { opinionSignal } from '../api';\nimport { mailFor } from '../mails';`, flagged: false });
  list.push({ file: 'workflows/dossier/steps/probe.ts', code: `import { app } from '../../../api/app';`, flagged: true });

  // The top layers may import everything below them.
  for (const file of ['api/probe.ts', 'api/sub/probe.ts', 'worker/probe.ts']) {
    const r = file.split('/').length === 2 ? '../' : '../../';
    list.push({ file, code: `import { createActivities } from '${r}activities';\nimport { config } from '${r}infra/config';\nimport { readFile } from 'node:fs/promises';`, flagged: false });
  }
  return list;
}

const ALL = cases();
const verdicts: string[][] = JSON.parse(
  execFileSync(process.execPath, [join(__dirname, 'lint-snippets.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(ALL.map(({ file, code }) => ({ filePath: join(ROOT, file), code }))),
    encoding: 'utf8',
  }),
);

describe('layer import rules (eslint.config.mjs)', () => {
  test.each(ALL.map((c, i) => [c.flagged ? 'flags' : 'allows', c.file, c.code, i] as const))('%s in %s: %s', (_verb, _file, _code, i) => {
    const messages = verdicts[i] ?? [];
    expect(messages.filter((m) => m !== RULE)).toEqual([]);
    if (ALL[i]?.flagged) expect(messages).toContain(RULE);
    else expect(messages).toEqual([]);
  });
});
