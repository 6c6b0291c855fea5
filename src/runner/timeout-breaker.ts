// Bounds a run against a target that stopped answering: after `limit` timeouts in a row the remaining requests
// are not sent, so the run ends in about limit × LEAN_TIMEOUT_MS instead of (every request) × LEAN_TIMEOUT_MS.
export class TimeoutBreaker {
  #inARow = 0;
  constructor(readonly limit: number) {}

  record(timedOut: boolean): void {
    this.#inARow = timedOut ? this.#inARow + 1 : 0;
  }

  get open(): boolean {
    return this.#inARow >= this.limit;
  }
}
