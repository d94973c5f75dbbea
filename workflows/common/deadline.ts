import type { Deadline } from '../../domain';

/** A computed deadline without its reminder day: what the read model and the snapshot keep. */
export const withoutRemindOn = ({ from, due, amount, unit, skipped }: Deadline): Deadline => ({ from, due, amount, unit, skipped });
