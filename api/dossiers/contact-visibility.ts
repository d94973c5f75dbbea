import type { AuthUser } from '../auth/middleware';
import type { DossierView } from './schemas';

/**
 * Who reads an applicant's contact data: its tax code and e-mail. The name stays visible to all
 * staff: it is the enterprise's name, announced in the public call and named in the decision.
 *
 * Intake officers, appraisers, council members, managers and administrators work on every dossier
 * (they register it and write to the applicant, screen it, score it, decide it, run the system),
 * so they see it on every dossier. A reviewer works for one consulted department: they see it only
 * on a dossier their department is or was consulted on, i.e. has an opinion task for, open or not,
 * so a reviewer can still find whom an opinion given last month was about.
 */
const SEES_EVERY_DOSSIER = ['INTAKE_OFFICER', 'APPRAISER', 'COUNCIL_MEMBER', 'MANAGER', 'ADMIN'] as const;

export function seesApplicantContact(viewer: Pick<AuthUser, 'roles' | 'departmentCode'>, dossier: Pick<DossierView, 'tasks'>): boolean {
  if (viewer.roles.some((role) => (SEES_EVERY_DOSSIER as readonly string[]).includes(role))) return true;
  return viewer.departmentCode !== null && dossier.tasks.some((task) => task.kind === 'DEPARTMENT_OPINION' && task.departmentCode === viewer.departmentCode);
}

/** The dossier as `viewer` may see it: tax code and e-mail null where the rule above hides them. */
export function withContactVisibility(viewer: Pick<AuthUser, 'roles' | 'departmentCode'>, dossier: DossierView): DossierView {
  if (seesApplicantContact(viewer, dossier)) return dossier;
  return { ...dossier, applicant: { ...dossier.applicant, taxCode: null, email: null } };
}
