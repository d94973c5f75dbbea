/**
 * The state a transition is writing now. A transition's activity commits the read model (its step
 * is in the inbox and the view) a moment before its result reaches the workflow, and an Update that
 * comes with that result is validated before it: validators that judged the last recorded state
 * would refuse an action on the step the person can already see. So they judge `current(last)`:
 * the state being written while a transition runs, else the last one. Replay does not run
 * validators; a handler reads it only for what its validator accepted while a transition ran.
 */
export class Recording<S> {
  private state: S | undefined;

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
}
