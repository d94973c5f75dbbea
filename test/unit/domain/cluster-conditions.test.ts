import { DomainError, checkClusterArea, checkExpansionAllowed, checkNewClusterAllowed } from '../../../domain';

describe('checkClusterArea: Decree 32/2024 Art. 2, 10–75 ha, or 5–75 ha in mountainous areas and for craft villages', () => {
  test.each([
    [10, false, false, true],
    [9.99, false, false, false],
    [75, false, false, true],
    [75.01, false, false, false],
    [5, true, false, true],
    [5, false, true, true],
    [4.99, true, false, false],
    [76, true, true, false],
    [49, false, false, true], // Mỹ Hạnh Bắc, Đức Hòa (DOMAIN.md §7)
  ])('%s ha (mountainous %s, craft village %s) → ok %s', (areaHa, mountainous, craftVillage, ok) => {
    const result = checkClusterArea({ areaHa, mountainous, craftVillage });
    expect(result.ok).toBe(ok);
    expect(result.failures).toHaveLength(ok ? 0 : 1);
  });

  test('the reason names the limit', () => {
    expect(checkClusterArea({ areaHa: 8, mountainous: false, craftVillage: false }).failures[0]).toContain('10 ha');
    expect(checkClusterArea({ areaHa: 80, mountainous: false, craftVillage: false }).failures[0]).toContain('75 ha');
    expect(() => checkClusterArea({ areaHa: Number.NaN, mountainous: false, craftVillage: false })).toThrow(DomainError);
  });
});

describe('checkNewClusterAllowed: Decree 32/2024 Art. 8, district occupancy > 50 % or ≤ 100 ha unleased', () => {
  test.each([
    [50.01, 500, true],
    [50, 500, false], // "over 50 %": exactly 50 is not enough…
    [50, 100, true], // …unless at most 100 ha is unleased
    [10, 100.01, false],
    [0, 0, true],
  ])('occupancy %s %%, unleased %s ha → ok %s', (districtAverageOccupancyPercent, districtUnleasedHa, ok) => {
    const result = checkNewClusterAllowed({ districtAverageOccupancyPercent, districtUnleasedHa });
    expect(result.ok).toBe(ok);
    expect(result.failures).toHaveLength(ok ? 0 : 1);
  });
});

describe('checkExpansionAllowed: Decree 32/2024 Art. 8, ≤ 75 ha in total, ≥ 60 % occupancy, roads, water, wastewater done', () => {
  const base = { totalAreaAfterHa: 75, occupancyPercent: 60, roadsDone: true, waterSupplyDone: true, wastewaterDone: true };

  test('at the limits it is allowed', () => {
    expect(checkExpansionAllowed(base)).toEqual({ ok: true, failures: [] });
  });

  test.each([
    ['over 75 ha', { totalAreaAfterHa: 75.5 }, '75 ha'],
    ['under 60 % occupied', { occupancyPercent: 59.9 }, '60 %'],
    ['roads unfinished', { roadsDone: false }, 'giao thông'],
    ['water supply unfinished', { waterSupplyDone: false }, 'cấp nước'],
    ['wastewater treatment unfinished', { wastewaterDone: false }, 'nước thải'],
  ])('refused when %s', (_case, change, text) => {
    const result = checkExpansionAllowed({ ...base, ...change });
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([expect.stringContaining(text)]);
  });

  test('every failure is listed', () => {
    expect(checkExpansionAllowed({ totalAreaAfterHa: 90, occupancyPercent: 10, roadsDone: false, waterSupplyDone: false, wastewaterDone: false }).failures).toHaveLength(5);
  });
});
