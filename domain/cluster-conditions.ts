import { DomainError } from './errors';
import { formatNumberVi } from './format';

/**
 * Conditions on the cluster itself (Decree 32/2024 Art. 2 and 8, DOMAIN.md §3). Each check returns
 * every failed condition with a Vietnamese reason, so a screen can list them all at once.
 */
export type ConditionCheck = { ok: boolean; failures: string[] };

/** Decree 32/2024 Art. 2: 10–75 ha; 5–75 ha in mountainous areas or for craft villages. */
export const CLUSTER_AREA_HA = { min: 10, minMountainousOrCraftVillage: 5, max: 75 } as const;
/** Decree 32/2024 Art. 8: a new cluster needs the district's clusters > 50 % occupied or ≤ 100 ha unleased. */
export const NEW_CLUSTER_THRESHOLDS = { occupancyPercentAbove: 50, unleasedHaAtMost: 100 } as const;
/** Decree 32/2024 Art. 8: an expansion stays ≤ 75 ha in total, with ≥ 60 % occupancy. */
export const EXPANSION_THRESHOLDS = { totalAreaHaAtMost: 75, occupancyPercentAtLeast: 60 } as const;

function assertNonNegative(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new DomainError('INVALID_ARGUMENT', `${what} phải là số không âm: ${value}`);
  }
}

const result = (failures: string[]): ConditionCheck => ({ ok: failures.length === 0, failures });

export function checkClusterArea(input: { areaHa: number; mountainous: boolean; craftVillage: boolean }): ConditionCheck {
  assertNonNegative(input.areaHa, 'Diện tích cụm công nghiệp');
  const reduced = input.mountainous || input.craftVillage;
  const min = reduced ? CLUSTER_AREA_HA.minMountainousOrCraftVillage : CLUSTER_AREA_HA.min;
  const where = input.mountainous ? 'ở địa bàn miền núi' : input.craftVillage ? 'cho làng nghề' : '';
  const failures: string[] = [];
  if (input.areaHa < min) {
    failures.push(
      `Diện tích ${formatNumberVi(input.areaHa, 4)} ha nhỏ hơn mức tối thiểu ${min} ha${where ? ` ${where}` : ''} (Nghị định 32/2024, Điều 2)`,
    );
  }
  if (input.areaHa > CLUSTER_AREA_HA.max) {
    failures.push(`Diện tích ${formatNumberVi(input.areaHa, 4)} ha vượt mức tối đa ${CLUSTER_AREA_HA.max} ha (Nghị định 32/2024, Điều 2)`);
  }
  return result(failures);
}

/** Either condition suffices: the district's clusters are more than half occupied, or little land is left unleased. */
export function checkNewClusterAllowed(input: { districtAverageOccupancyPercent: number; districtUnleasedHa: number }): ConditionCheck {
  assertNonNegative(input.districtAverageOccupancyPercent, 'Tỷ lệ lấp đầy bình quân');
  assertNonNegative(input.districtUnleasedHa, 'Diện tích chưa cho thuê');
  const occupied = input.districtAverageOccupancyPercent > NEW_CLUSTER_THRESHOLDS.occupancyPercentAbove;
  const littleLeft = input.districtUnleasedHa <= NEW_CLUSTER_THRESHOLDS.unleasedHaAtMost;
  if (occupied || littleLeft) return result([]);
  return result([
    `Các cụm công nghiệp hiện có trên địa bàn có tỷ lệ lấp đầy bình quân ${formatNumberVi(input.districtAverageOccupancyPercent)} % ` +
      `(cần trên ${NEW_CLUSTER_THRESHOLDS.occupancyPercentAbove} %) và còn ${formatNumberVi(input.districtUnleasedHa, 4)} ha chưa cho thuê ` +
      `(cần không quá ${NEW_CLUSTER_THRESHOLDS.unleasedHaAtMost} ha) (Nghị định 32/2024, Điều 8)`,
  ]);
}

export function checkExpansionAllowed(input: {
  totalAreaAfterHa: number;
  occupancyPercent: number;
  roadsDone: boolean;
  waterSupplyDone: boolean;
  wastewaterDone: boolean;
}): ConditionCheck {
  assertNonNegative(input.totalAreaAfterHa, 'Tổng diện tích sau mở rộng');
  assertNonNegative(input.occupancyPercent, 'Tỷ lệ lấp đầy');
  const failures: string[] = [];
  if (input.totalAreaAfterHa > EXPANSION_THRESHOLDS.totalAreaHaAtMost) {
    failures.push(
      `Tổng diện tích sau mở rộng ${formatNumberVi(input.totalAreaAfterHa, 4)} ha vượt ${EXPANSION_THRESHOLDS.totalAreaHaAtMost} ha (Nghị định 32/2024, Điều 8)`,
    );
  }
  if (input.occupancyPercent < EXPANSION_THRESHOLDS.occupancyPercentAtLeast) {
    failures.push(
      `Tỷ lệ lấp đầy ${formatNumberVi(input.occupancyPercent)} % thấp hơn mức tối thiểu ${EXPANSION_THRESHOLDS.occupancyPercentAtLeast} % (Nghị định 32/2024, Điều 8)`,
    );
  }
  if (!input.roadsDone) failures.push('Chưa hoàn thành hệ thống đường giao thông nội bộ (Nghị định 32/2024, Điều 8)');
  if (!input.waterSupplyDone) failures.push('Chưa hoàn thành hệ thống cấp nước (Nghị định 32/2024, Điều 8)');
  if (!input.wastewaterDone) failures.push('Chưa hoàn thành hệ thống xử lý nước thải tập trung (Nghị định 32/2024, Điều 8)');
  return result(failures);
}
