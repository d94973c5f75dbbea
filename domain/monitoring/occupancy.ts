import { DomainError } from '../errors';
import type { MonitoringSchedule } from './types';

export interface TenantFact {
  name: string;
  /** A sector code; the schedule's priority sectors are flagged. */
  sector: string;
  leasedHa: number;
}

export interface OccupancyReport {
  leasedHa: number;
  /** Hundredths of a percent of the cluster's area (exact integers, as the rest of the core). */
  occupancyHundredths: number;
  tenants: (TenantFact & { priority: boolean })[];
  priorityTenants: number;
  low: boolean;
}

/**
 * Occupancy from the investor's periodic report: leased hectares over the cluster's area, each
 * tenant flagged when its sector is a priority sector of Decree 32/2024 Art. 3 (DOMAIN.md §7).
 */
export function occupancyOf(schedule: Pick<MonitoringSchedule, 'prioritySectors' | 'lowOccupancyPercent'>, areaHa: number, tenants: TenantFact[]): OccupancyReport {
  if (!(areaHa > 0)) throw new DomainError('INVALID_ARGUMENT', `Diện tích cụm công nghiệp phải dương: ${areaHa}`);
  for (const t of tenants) {
    if (!(t.leasedHa >= 0) || !Number.isFinite(t.leasedHa)) throw new DomainError('INVALID_ARGUMENT', `Diện tích thuê của ${t.name} không hợp lệ: ${t.leasedHa}`);
  }
  // Hundredths of a hectare, so the sum is exact.
  const leasedCentiHa = tenants.reduce((sum, t) => sum + Math.round(t.leasedHa * 100), 0);
  const areaCentiHa = Math.round(areaHa * 100);
  if (leasedCentiHa > areaCentiHa) throw new DomainError('INVALID_ARGUMENT', `Tổng diện tích cho thuê ${leasedCentiHa / 100} ha vượt diện tích cụm ${areaHa} ha.`);
  const occupancyHundredths = Math.floor((leasedCentiHa * 10_000) / areaCentiHa);
  const priority = new Set(schedule.prioritySectors.map((s) => s.code));
  const flagged = tenants.map((t) => ({ ...t, priority: priority.has(t.sector) }));
  return {
    leasedHa: leasedCentiHa / 100,
    occupancyHundredths,
    tenants: flagged,
    priorityTenants: flagged.filter((t) => t.priority).length,
    low: occupancyHundredths < schedule.lowOccupancyPercent * 100,
  };
}
