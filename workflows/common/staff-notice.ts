import { patched, type ActivityInterfaceFor } from '@temporalio/workflow';
import { staffMails, type StaffNotice } from '../../domain';
import type { createActivities } from '../../activities';

type Activities = ActivityInterfaceFor<ReturnType<typeof createActivities>>;
type StaffQuery = Parameters<Activities['staffRecipients']>[0];

/**
 * The `patched()` marker of workflows that send a staff notice as one activity (recipients and their
 * mails together; fixtures staff-notice-activity-dossier and the round's
 * test-wf-round-72d963ff-round-DH-HIEP-HOA-1-R1). Before it, a notice was one activity finding the
 * recipients and one per mail: 13 + 19 of a lifecycle's 68 activities.
 */
export const STAFF_NOTICE_ACTIVITY = 'staff-notice-activity';

/** Tells the staff a query names: one mail each, sent exactly once per address (activities/staff-notice.ts). */
export async function notifyStaff(acts: Pick<Activities, 'notifyStaff' | 'staffRecipients' | 'sendMail'>, query: StaffQuery, notice: StaffNotice): Promise<void> {
  if (patched(STAFF_NOTICE_ACTIVITY)) {
    await acts.notifyStaff({ query, notice });
    return;
  }
  const to = await acts.staffRecipients(query);
  await Promise.all(staffMails(notice, to).map((mail) => acts.sendMail(mail)));
}
