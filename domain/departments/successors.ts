import { DomainError } from '../errors';
import { assertIsoDate, compareDates, type IsoDate } from '../calendar/iso-date';

/** A department as the catalogue holds it: valid from `validFrom` to `validTo` (inclusive; null = still valid). */
export interface DepartmentValidity {
  code: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  /** The department that took over its duties when it ceased to exist (null = none recorded). */
  successorCode: string | null;
}

/** A rule set's department, as it is consulted on a given day. */
export interface ResolvedDepartment {
  /** The code the rule set names. */
  listed: string;
  /** The department valid on the day (the same code when it still exists). */
  code: string;
  /** The successors followed, in order (empty when `listed` is valid on the day). */
  via: string[];
}

const validOn = (d: DepartmentValidity, day: IsoDate) => compareDates(d.validFrom, day) <= 0 && (d.validTo === null || compareDates(day, d.validTo) <= 0);

/**
 * The department that answers for `code` on `day`: `code` itself while it is valid, otherwise its
 * successor (and the successor's successor, …) until one is valid on that day. Throws a DomainError
 * (UNRESOLVABLE_DEPARTMENT) naming the department when the chain is unknown, breaks (no successor),
 * loops, or ends at a department not valid on the day.
 */
export function resolveDepartment(catalogue: readonly DepartmentValidity[], code: string, day: IsoDate): ResolvedDepartment {
  assertIsoDate(day, 'day');
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const via: string[] = [];
  const seen = new Set<string>();
  let current = code;
  for (;;) {
    const department = byCode.get(current);
    if (!department) {
      const chain = via.length ? ` (qua ${[code, ...via].join(' → ')})` : '';
      throw new DomainError('UNRESOLVABLE_DEPARTMENT', `Không có sở, ngành mã ${current} trong danh mục${chain}: không xác định được cơ quan thay thế ${code} ngày ${day}.`);
    }
    if (validOn(department, day)) return { listed: code, code: current, via };
    seen.add(current);
    const next = department.successorCode;
    if (!next) {
      throw new DomainError(
        'UNRESOLVABLE_DEPARTMENT',
        `Sở, ngành ${code} không còn hiệu lực ngày ${day}` +
          (current === code ? '' : ` (cơ quan kế thừa ${current} cũng vậy)`) +
          ` và không có cơ quan kế thừa trong danh mục.`,
      );
    }
    if (seen.has(next)) {
      throw new DomainError('UNRESOLVABLE_DEPARTMENT', `Chuỗi cơ quan kế thừa của ${code} bị lặp (${[code, ...via, next].join(' → ')}).`);
    }
    via.push(next);
    current = next;
  }
}

/**
 * The departments a dossier consults on `day`: each listed code resolved through its successors,
 * in the rule set's order, each department once (two dissolved departments merged into one are
 * consulted once). Any unresolvable code throws (see resolveDepartment).
 */
export function resolveConsultedDepartments(catalogue: readonly DepartmentValidity[], listed: readonly string[], day: IsoDate): ResolvedDepartment[] {
  const resolved: ResolvedDepartment[] = [];
  for (const code of listed) {
    const department = resolveDepartment(catalogue, code, day);
    if (!resolved.some((r) => r.code === department.code)) resolved.push(department);
  }
  return resolved;
}
