/**
 * What every action on a monitored cluster shares: the page's query it refreshes, how its stages
 * are named, the path and Idempotency-Key, and the dates typed as dd/mm/yyyy. The action itself goes
 * through the dossier pages' useAction (one key per press, the quiet retry of a 409 "not ready",
 * field errors on their fields).
 *
 * The forms send no expectedVersion: the workflow moves a cluster's version by itself (a reminder,
 * a report period opening, an overdue notice), so a version check would refuse a person for the
 * system's own bookkeeping. What a version would guard is guarded by the state the server checks
 * (a report already recorded, a violation no longer open, a cluster already withdrawn...), and its
 * refusal says so.
 */
import { parseDisplayDate } from '../../format/dates';
import type { Cluster } from './words';
import { monitoringStageName } from './words';

export const clusterKey = (code: string) => ['cluster', code] as const;

export const onCluster = (cluster: Cluster) => ({ resourceKey: clusterKey(cluster.code), stageName: monitoringStageName });

export const clusterParams = (cluster: Cluster, key: string) => ({ path: { code: cluster.code }, header: { 'Idempotency-Key': key } });

export const violationParams = (cluster: Cluster, violation: string, key: string) => ({
  path: { code: cluster.code, violation },
  header: { 'Idempotency-Key': key },
});

/** A date field's rule: the person types dd/mm/yyyy; the API gets the ISO date. */
export const DATE_RULE = { validate: (v: string) => parseDisplayDate(v) !== null || 'Nhập ngày dạng dd/mm/yyyy' };
export const isoOf = (text: string) => parseDisplayDate(text) ?? text;

/** What the open tasks of one kind of agenda item are about: their items carry `<prefix>:<key>`. */
export const openItemKeys = (cluster: Cluster, prefix: 'report' | 'escalation') =>
  cluster.tasks.filter((t) => t.status === 'OPEN' && t.item.startsWith(`${prefix}:`)).map((t) => t.item.slice(prefix.length + 1));

/** The periods whose report is awaited (open PERIODIC_REPORT tasks carry `report:<period end>`). */
export const openReportPeriods = (cluster: Cluster) => openItemKeys(cluster, 'report');

export const openMilestones = (cluster: Cluster) => cluster.milestones.filter((m) => !m.achievedOn && !m.cancelled);
