// Success scenarios deliver real messages on a real target: each one is a send, counted whatever its outcome,
// and none runs once the budget (LEAN_MAX_SENDS) is spent.
export class SendBudget {
  #sent = 0;
  constructor(readonly limit: number) {}

  /** Takes one send from the budget; false means the request must not be made. */
  take(): boolean {
    if (this.#sent >= this.limit) return false;
    this.#sent += 1;
    return true;
  }

  /** Returns a send taken for a request that then was not made (the run was interrupted before it went out). */
  giveBack(): void {
    if (this.#sent > 0) this.#sent -= 1;
  }

  get sent(): number {
    return this.#sent;
  }
}
