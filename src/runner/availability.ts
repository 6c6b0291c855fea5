// Tells a target that is down from one that is broken (interface.md, "Inconclusive runs"): the target is
// unavailable once `limit` consecutive steps that sent something ended with nothing but transient outcomes
// after their retries (the first steps of a run included). A step with an answer in between starts the count
// again, so a step that never answers while the target answers others stays what it is: a failure.
export const STEPS_BEFORE_UNAVAILABLE = 3;

export class Availability {
  readonly #streak: string[] = [];
  #unavailable = false;

  /** @param limit consecutive steps; a run with fewer steps to send than that uses all of them. */
  constructor(readonly limit: number = STEPS_BEFORE_UNAVAILABLE) {}

  /** Records a step that sent at least one request. Returns true when this step made the target unavailable. */
  record(step: string, onlyTransient: boolean): boolean {
    if (this.#unavailable) return false;
    if (!onlyTransient) {
      this.#streak.length = 0;
      return false;
    }
    this.#streak.push(step);
    if (this.#streak.length < Math.max(1, this.limit)) return false;
    this.#unavailable = true;
    return true;
  }

  get unavailable(): boolean {
    return this.#unavailable;
  }

  /** The steps of the streak that made it unavailable (or of the streak so far). */
  get streak(): readonly string[] {
    return [...this.#streak];
  }
}
