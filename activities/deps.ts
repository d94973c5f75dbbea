import type { PrismaClient } from '../generated/prisma/client';
import type { AppConfig } from '../infra/config';
import type { Mailer } from '../infra/mailer';

export interface ActivityDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  config: Pick<AppConfig, 'PUBLIC_BASE_URL'>;
}
