import { addDays, type IsoDate, type ResolvedDepartment } from '../../../domain';
import { acts, SYSTEM, type DossierContext } from '../context';
import { catalogueFixNotice } from '../mails';

/**
 * The departments to consult on `today`, each valid that day (a dissolved one through its
 * successor, each once). A code the catalogue cannot resolve is not a failure of the dossier: it
 * opens an administrator's task (mailed) and the dossier tries again every day until the catalogue
 * is fixed, then the task closes.
 */
export async function resolveConsultedDepartments(ctx: DossierContext, today: IsoDate): Promise<ResolvedDepartment[]> {
  let taskOpen = false;
  for (;;) {
    const on = taskOpen ? ctx.time.today() : today;
    const result = await acts.consultedDepartmentsOn({ codes: [...ctx.ruleSet.consultedDepartments], on });
    if ('departments' in result) {
      if (taskOpen) await acts.closeCatalogueFixTask({ code: ctx.input.code, actor: SYSTEM });
      return result.departments;
    }
    if (!taskOpen) {
      await acts.openCatalogueFixTask({ code: ctx.input.code, actor: SYSTEM, problem: result.problem });
      await ctx.notifyStaff({ role: 'ADMIN' }, catalogueFixNotice(ctx.input, result.problem));
      taskOpen = true;
    }
    const tomorrow = addDays(ctx.time.today(), 1);
    await ctx.wait(() => false, () => tomorrow);
  }
}
