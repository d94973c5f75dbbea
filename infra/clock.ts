const VIETNAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in Vietnam (YYYY-MM-DD), whatever the server's own time zone. Edges only: never in workflows. */
export function todayInVietnam(now: Date = new Date()): string {
  return VIETNAM_DATE.format(now);
}
