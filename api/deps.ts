import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { PrismaClient } from '../generated/prisma/client';
import type { AppConfig } from '../infra/config';
import type { Mailer } from '../infra/mailer';
import type { DocumentStorage } from '../storage/config';

/** What the API's services need from the outside world; tests build it against real servers. */
export interface ApiDeps {
  config: AppConfig;
  prisma: PrismaClient;
  temporal: Client;
  mailer: Mailer;
  logger: Logger;
  /** Document store and limits; read from the environment (storage/config.ts) when absent. */
  documents?: DocumentStorage;
}
