import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { workflowProblem } from '../../../api/actions/service';

const dossier = { code: 'CCN-2026-0001', stage: 'COMPLETENESS_CHECK', status: 'ACTIVE' } as const;
const refusal = (type: string) => new WorkflowUpdateFailedError('Update failed', ApplicationFailure.create({ type, message: `refused: ${type}` }));

describe("the API's answer to a workflow's refusal", () => {
  it('is a 409 conflict (to retry) for an opinion task the workflow has not opened yet', () => {
    expect(workflowProblem(refusal('NotOpenYet'), dossier, false)).toMatchObject({ status: 409 });
  });

  it('is still a 403 for a department that is not consulted', () => {
    expect(workflowProblem(refusal('WrongDepartment'), dossier, false)).toMatchObject({ status: 403 });
  });
});
