import { dbDate } from '../dates';
import { syncWorkingDayIndex } from '../working-day-calendar';
import type { PrismaClient } from '../../generated/prisma/client';

/** Clusters open to investors in Long An (DOIT notice 1759/TB-SCT), DOMAIN.md section 7. */
export const SEED_CLUSTERS = [
  { code: 'DH-LOC-GIANG-1', name: 'CCN Lộc Giang 1', district: 'Đức Hòa', areaHa: 75 },
  { code: 'DH-LOC-GIANG-2', name: 'CCN Lộc Giang 2', district: 'Đức Hòa', areaHa: 75 },
  { code: 'DH-HIEP-HOA-1', name: 'CCN Hiệp Hòa 1', district: 'Đức Hòa', areaHa: 75 },
  { code: 'DH-HIEP-HOA-2', name: 'CCN Hiệp Hòa 2', district: 'Đức Hòa', areaHa: 75 },
  { code: 'DH-MY-HANH-BAC', name: 'CCN Mỹ Hạnh Bắc', district: 'Đức Hòa', areaHa: 49 },
  { code: 'CD-TAN-CHANH-1', name: 'CCN Tân Chánh 1', district: 'Cần Đước', areaHa: 75 },
  { code: 'CD-TAN-CHANH-2', name: 'CCN Tân Chánh 2', district: 'Cần Đước', areaHa: 75 },
  { code: 'CD-PHUOC-TUY-1', name: 'CCN Phước Tuy 1', district: 'Cần Đước', areaHa: 75 },
  { code: 'TTR-TAN-BINH-1', name: 'CCN Tân Bình 1', district: 'Tân Trụ', areaHa: 45 },
  { code: 'TTR-TAN-BINH-2', name: 'CCN Tân Bình 2', district: 'Tân Trụ', areaHa: 45 },
  { code: 'TTH-CA-NHIP', name: 'CCN Cà Nhíp', district: 'Tân Thạnh', areaHa: 75 },
  { code: 'TTH-TAN-BINH', name: 'CCN Tân Bình', district: 'Tân Thạnh', areaHa: 55 },
  { code: 'VH-BINH-CHAU', name: 'CCN Bình Châu', district: 'Vĩnh Hưng', areaHa: 60.8 },
  { code: 'VH-TUYEN-BINH', name: 'CCN Tuyên Bình', district: 'Vĩnh Hưng', areaHa: 40 },
  { code: 'TH-TAN-HUNG', name: 'CCN Tân Hưng', district: 'Tân Hưng', areaHa: 55 },
] as const;

/**
 * Consulted departments with their validity (DOMAIN.md section 2): DPI, DONRE and DARD merged in
 * March 2025; district PCs gave way to commune PCs on 1 July 2025. `successorCode` names the
 * department that took over (DPI → DOF, DONRE and DARD → DAE, DISTRICT_PC → COMMUNE_PC): opinion
 * tasks opened after a department's last day go to its successor. Admins edit these afterwards.
 */
export const SEED_DEPARTMENTS = [
  { code: 'DOIT', name: 'Sở Công Thương (Department of Industry and Trade)', validFrom: '2024-01-01', validTo: null, successorCode: null },
  { code: 'DPI', name: 'Sở Kế hoạch và Đầu tư (Department of Planning and Investment)', validFrom: '2024-01-01', validTo: '2025-02-28', successorCode: 'DOF' },
  { code: 'DONRE', name: 'Sở Tài nguyên và Môi trường (Natural Resources and Environment)', validFrom: '2024-01-01', validTo: '2025-02-28', successorCode: 'DAE' },
  { code: 'DARD', name: 'Sở Nông nghiệp và Phát triển nông thôn (Agriculture)', validFrom: '2024-01-01', validTo: '2025-02-28', successorCode: 'DAE' },
  { code: 'DOC', name: 'Sở Xây dựng (Department of Construction)', validFrom: '2024-01-01', validTo: null, successorCode: null },
  { code: 'DOF', name: 'Sở Tài chính (Department of Finance)', validFrom: '2024-01-01', validTo: null, successorCode: null },
  { code: 'DAE', name: 'Sở Nông nghiệp và Môi trường (Agriculture and Environment)', validFrom: '2025-03-01', validTo: null, successorCode: null },
  { code: 'POLICE', name: 'Công an tỉnh (Provincial Police)', validFrom: '2024-01-01', validTo: null, successorCode: null },
  { code: 'DISTRICT_PC', name: 'UBND huyện (District People’s Committee)', validFrom: '2024-01-01', validTo: '2025-06-30', successorCode: 'COMMUNE_PC' },
  { code: 'COMMUNE_PC', name: 'UBND xã (Commune People’s Committee)', validFrom: '2025-07-01', validTo: null, successorCode: null },
] as const;

const date = (iso: string | null) => (iso ? dbDate(iso) : null);

/** Inserts what is missing and never overwrites an administrator's later edits. */
export async function seedReferenceData(prisma: PrismaClient): Promise<void> {
  await prisma.cluster.createMany({ data: SEED_CLUSTERS.map((c) => ({ ...c })), skipDuplicates: true });
  await prisma.department.createMany({
    data: SEED_DEPARTMENTS.map((d) => ({ code: d.code, name: d.name, validFrom: date(d.validFrom) as Date, validTo: date(d.validTo), successorCode: d.successorCode })),
    skipDuplicates: true,
  });
  // The calendar as the database's working_days_between() sees it (dashboard stage durations).
  await syncWorkingDayIndex(prisma);
}
