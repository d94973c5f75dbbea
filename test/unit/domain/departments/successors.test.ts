import { DomainError, resolveConsultedDepartments, resolveDepartment, type DepartmentValidity } from '../../../../domain';

// The seeded catalogue (db/seed/reference-data.ts): DPI, DONRE, DARD end 2025-02-28; DISTRICT_PC ends 2025-06-30.
const CATALOGUE: DepartmentValidity[] = [
  { code: 'DOIT', validFrom: '2024-01-01', validTo: null, successorCode: null },
  { code: 'DPI', validFrom: '2024-01-01', validTo: '2025-02-28', successorCode: 'DOF' },
  { code: 'DONRE', validFrom: '2024-01-01', validTo: '2025-02-28', successorCode: 'DAE' },
  { code: 'DARD', validFrom: '2024-01-01', validTo: '2025-02-28', successorCode: 'DAE' },
  { code: 'DOC', validFrom: '2024-01-01', validTo: null, successorCode: null },
  { code: 'DOF', validFrom: '2024-01-01', validTo: null, successorCode: null },
  { code: 'DAE', validFrom: '2025-03-01', validTo: null, successorCode: null },
  { code: 'POLICE', validFrom: '2024-01-01', validTo: null, successorCode: null },
  { code: 'DISTRICT_PC', validFrom: '2024-01-01', validTo: '2025-06-30', successorCode: 'COMMUNE_PC' },
  { code: 'COMMUNE_PC', validFrom: '2025-07-01', validTo: null, successorCode: null },
];
const DECREE_32_2024 = ['DPI', 'DONRE', 'DOC', 'DOF', 'DARD', 'POLICE', 'DISTRICT_PC'];

function unresolvable(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('UNRESOLVABLE_DEPARTMENT');
    return error as DomainError;
  }
  throw new Error('expected an UNRESOLVABLE_DEPARTMENT error');
}

describe('resolveDepartment', () => {
  it('keeps a department on every day of its validity, both ends included', () => {
    expect(resolveDepartment(CATALOGUE, 'DPI', '2024-01-01')).toEqual({ listed: 'DPI', code: 'DPI', via: [] });
    expect(resolveDepartment(CATALOGUE, 'DPI', '2025-02-28')).toEqual({ listed: 'DPI', code: 'DPI', via: [] });
    expect(resolveDepartment(CATALOGUE, 'DISTRICT_PC', '2025-06-30')).toEqual({ listed: 'DISTRICT_PC', code: 'DISTRICT_PC', via: [] });
  });

  it('follows the successor from the day after the last day of validity', () => {
    expect(resolveDepartment(CATALOGUE, 'DPI', '2025-03-01')).toEqual({ listed: 'DPI', code: 'DOF', via: ['DOF'] });
    expect(resolveDepartment(CATALOGUE, 'DONRE', '2025-03-01')).toEqual({ listed: 'DONRE', code: 'DAE', via: ['DAE'] });
    expect(resolveDepartment(CATALOGUE, 'DISTRICT_PC', '2025-07-01')).toEqual({ listed: 'DISTRICT_PC', code: 'COMMUNE_PC', via: ['COMMUNE_PC'] });
  });

  it('follows a chain of successors until one is valid on the day', () => {
    const catalogue: DepartmentValidity[] = [
      { code: 'A', validFrom: '2024-01-01', validTo: '2024-12-31', successorCode: 'B' },
      { code: 'B', validFrom: '2025-01-01', validTo: '2025-12-31', successorCode: 'C' },
      { code: 'C', validFrom: '2026-01-01', validTo: null, successorCode: null },
    ];
    expect(resolveDepartment(catalogue, 'A', '2025-06-01')).toEqual({ listed: 'A', code: 'B', via: ['B'] });
    expect(resolveDepartment(catalogue, 'A', '2026-06-01')).toEqual({ listed: 'A', code: 'C', via: ['B', 'C'] });
  });

  it('refuses, naming the department, when it is dissolved without successor', () => {
    const catalogue = CATALOGUE.map((d) => (d.code === 'DISTRICT_PC' ? { ...d, successorCode: null } : d));
    expect(unresolvable(() => resolveDepartment(catalogue, 'DISTRICT_PC', '2025-08-01')).message).toContain('DISTRICT_PC');
  });

  it('refuses an unknown code, a successor missing from the catalogue, a loop, and a department not yet valid', () => {
    expect(unresolvable(() => resolveDepartment(CATALOGUE, 'NOPE', '2025-08-01')).message).toContain('NOPE');
    const broken = CATALOGUE.map((d) => (d.code === 'DPI' ? { ...d, successorCode: 'GONE' } : d));
    const message = unresolvable(() => resolveDepartment(broken, 'DPI', '2025-08-01')).message;
    expect(message).toContain('GONE');
    expect(message).toContain('DPI');
    const loop: DepartmentValidity[] = [
      { code: 'A', validFrom: '2024-01-01', validTo: '2024-12-31', successorCode: 'B' },
      { code: 'B', validFrom: '2024-01-01', validTo: '2024-12-31', successorCode: 'A' },
    ];
    expect(unresolvable(() => resolveDepartment(loop, 'A', '2025-01-01')).message).toContain('A → B → A');
    expect(unresolvable(() => resolveDepartment(CATALOGUE, 'DAE', '2025-01-15')).message).toContain('DAE');
  });

  it('rejects a malformed day', () => {
    expect(() => resolveDepartment(CATALOGUE, 'DOF', '2025-13-01')).toThrow(DomainError);
  });
});

describe('resolveConsultedDepartments', () => {
  const codes = (day: string) => resolveConsultedDepartments(CATALOGUE, DECREE_32_2024, day).map((d) => d.code);

  it('consults the listed departments unchanged while they all exist', () => {
    expect(codes('2025-02-28')).toEqual(DECREE_32_2024);
  });

  it('replaces merged departments by their successor, each consulted once, in the rule set order', () => {
    // DPI → DOF (already listed), DONRE → DAE, DARD → DAE (merged with DONRE); DISTRICT_PC still exists.
    expect(resolveConsultedDepartments(CATALOGUE, DECREE_32_2024, '2025-04-01')).toEqual([
      { listed: 'DPI', code: 'DOF', via: ['DOF'] },
      { listed: 'DONRE', code: 'DAE', via: ['DAE'] },
      { listed: 'DOC', code: 'DOC', via: [] },
      { listed: 'POLICE', code: 'POLICE', via: [] },
      { listed: 'DISTRICT_PC', code: 'DISTRICT_PC', via: [] },
    ]);
    expect(codes('2025-07-01')).toEqual(['DOF', 'DAE', 'DOC', 'POLICE', 'COMMUNE_PC']);
  });

  it('fails as a whole when one listed department cannot be resolved', () => {
    const catalogue = CATALOGUE.filter((d) => d.code !== 'COMMUNE_PC');
    expect(unresolvable(() => resolveConsultedDepartments(catalogue, DECREE_32_2024, '2025-07-01')).message).toContain('COMMUNE_PC');
  });
});
