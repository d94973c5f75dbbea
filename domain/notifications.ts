/** A mail of the outbox, to one address. */
export interface MailRequest {
  /** Unique per logical mail: a retried activity with the same key never sends twice. */
  idempotencyKey: string;
  dossierCode: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * A mail to the staff a recipient query names (a role, a department), written before anyone knows
 * who they are: one mail per address, the same text to each. `keyedBy` says how each mail's
 * idempotency key names its recipient: by address (a changed list of recipients skips nobody) or,
 * as a dossier's first notices did, by place in the list.
 */
export interface StaffNotice {
  key: string;
  keyedBy: 'address' | 'index';
  dossierCode: string;
  subject: string;
  text: string;
}

/** The notice's mails to these addresses. */
export function staffMails(notice: StaffNotice, to: readonly string[]): MailRequest[] {
  return to.map((address, i) => ({
    idempotencyKey: `${notice.key}:${notice.keyedBy === 'address' ? address : i}`,
    dossierCode: notice.dossierCode,
    to: address,
    subject: notice.subject,
    text: notice.text,
  }));
}
