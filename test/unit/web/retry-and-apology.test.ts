/**
 * Two rules of the web application that decide what a person sees: which 409s are retried quietly
 * (and how often), and which apology a late dossier's desk prints.
 */
import { ApiProblem, isNotReadyYet, isStaleVersion } from '../../../web/src/api/problem';
import { retryWhileNotReady } from '../../../web/src/api/retry';
import { latestApology } from '../../../web/src/pages/print/apology';

const conflict = (reason: string) => new ApiProblem({ type: 'about:blank', status: 409, title: 'Xung đột', detail: 'thử lại', reason });
const noSleep = () => Promise.resolve();

describe('quiet retry of "not at that step yet"', () => {
  it('retries WrongStage, NotOpenYet and InProgress, then succeeds', async () => {
    const answers = [conflict('WrongStage'), conflict('NotOpenYet'), conflict('InProgress')];
    let calls = 0;
    const result = await retryWhileNotReady(async () => {
      calls++;
      const next = answers.shift();
      if (next) throw next;
      return 'đã ghi nhận';
    }, [1, 1, 1, 1], noSleep);
    expect(result).toBe('đã ghi nhận');
    expect(calls).toBe(4);
  });

  it('shows any other refusal at once, and a WrongStage once the tries run out', async () => {
    let calls = 0;
    const stale = conflict('StaleVersion');
    await expect(retryWhileNotReady(async () => { calls++; throw stale; }, [1, 1], noSleep)).rejects.toBe(stale);
    expect(calls).toBe(1);
    expect(isStaleVersion(stale)).toBe(true);

    calls = 0;
    await expect(retryWhileNotReady(async () => { calls++; throw conflict('WrongStage'); }, [1, 1], noSleep)).rejects.toBeInstanceOf(ApiProblem);
    expect(calls).toBe(3);
    expect(isNotReadyYet(new ApiProblem({ type: 'about:blank', status: 422, title: 'x', detail: 'y', reason: 'WrongStage' }))).toBe(false);
  });
});

describe('the apology a late dossier prints', () => {
  const deadline = (due: string) => ({ from: '2026-11-01', due, amount: 10, unit: 'working-days', skipped: [] });

  it('is none while no step has a revised date', () => {
    expect(latestApology({ appraisal: deadline('2026-12-20') })).toBeNull();
  });

  it('pairs the missed date with its revised date, the latest revision first', () => {
    const apology = latestApology({
      appraisal: deadline('2026-12-01'),
      appraisalRevised: deadline('2026-12-22'),
      departmentOpinion: deadline('2026-11-20'),
      departmentOpinionRevised: deadline('2026-12-08'),
    });
    expect(apology?.stageName).toBe('thẩm định hồ sơ');
    expect(apology?.missed.due).toBe('2026-12-01');
    expect(apology?.revised.due).toBe('2026-12-22');
  });

  it('ignores a revised date whose original deadline is not there', () => {
    expect(latestApology({ decisionRevised: deadline('2026-12-22') })).toBeNull();
  });
});
