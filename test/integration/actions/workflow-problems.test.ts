/**
 * How an Update's failure becomes a problem document: the workflow validator's failure type picks the
 * status, its Vietnamese message is the detail; a missing or finished workflow is a 404 or a 409.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { workflowProblem } from '../../../api/actions/service';
import { HttpProblem } from '../../../api/http/problem';

const dossier = { code: 'CCN-7KQ4M-2XB9T', stage: 'SCREENING' as const, status: 'ACTIVE' };
const refused = (type: string, message: string) => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.nonRetryable(message, type));

describe('workflowProblem', () => {
  it.each([
    ['StaleVersion', 409],
    ['WrongStage', 409],
    ['TaskClosed', 409],
    ['DossierClosed', 409],
    ['DuplicateScore', 409],
    ['NotYourTask', 403],
    ['WrongDepartment', 403],
    ['MissingList', 422],
    ['NotProposed', 422],
  ])('%s → %i with the validator’s message and type', (type, status) => {
    const problem = workflowProblem(refused(type, `Thông báo ${type}`), dossier, undefined) as HttpProblem;
    expect(problem).toBeInstanceOf(HttpProblem);
    expect([problem.status, problem.detail, problem.extra.reason]).toEqual([status, `Thông báo ${type}`, type]);
  });

  it('a finished workflow is a 409, a missing one a 404, a timed-out call a 503', () => {
    const notFound = new WorkflowNotFoundError('workflow execution already completed', dossier.code, undefined);
    expect((workflowProblem(notFound, dossier, true) as HttpProblem).status).toBe(409);
    expect((workflowProblem(notFound, dossier, false) as HttpProblem).status).toBe(404);
    expect((workflowProblem(new WorkflowUpdateRPCTimeoutOrCancelledError('timeout'), dossier, undefined) as HttpProblem).status).toBe(503);
  });

  it('leaves anything else to the error middleware (500)', () => {
    const unexpected = new Error('boom');
    expect(workflowProblem(unexpected, dossier, undefined)).toBe(unexpected);
    expect(workflowProblem(new WorkflowUpdateFailedError('failed', new Error('not an ApplicationFailure')), dossier, undefined)).not.toBeInstanceOf(HttpProblem);
  });
});
