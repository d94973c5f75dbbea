/**
 * What a workflow's validators must see of the state the procedure is changing: an Update is
 * validated against it before the procedure's own next step (replay does not run validators; a
 * handler reads it only for what its validator accepted).
 *
 * - The state a transition is writing now. Its activity commits the read model (the step is in the
 *   inbox and the view) a moment before its result reaches the workflow, and an Update that comes
 *   with that result is validated first: judged on the last recorded state, an action on the step
 *   the person can already see would be refused. So validators judge `current(last)`.
 * - The version at which the procedure took a deposited action it has not recorded yet (it may
 *   count a deadline or ask the catalogue first): until the version moves, `taken(last)` is true and
 *   another action made on that version is refused.
 */
export class Recording<S extends { version: number }> {
  private state: S | undefined;
  private takenAt = -1;

  current(last: S): S {
    return this.state ?? last;
  }

  async during<T>(state: S, write: () => Promise<T>): Promise<T> {
    this.state = state;
    try {
      return await write();
    } finally {
      this.state = undefined;
    }
  }

  take(last: S): void {
    this.takenAt = last.version;
  }

  taken(last: S): boolean {
    return this.takenAt === this.current(last).version;
  }
}
