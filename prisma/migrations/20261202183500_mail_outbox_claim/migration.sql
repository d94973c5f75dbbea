-- AlterTable: the lease of the attempt that is sending a mail (claim before send).
ALTER TABLE "mail_outbox" ADD COLUMN "claimed_until" TIMESTAMPTZ(3);
