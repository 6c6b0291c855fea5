// The deprecated twin must answer every scenario as the standard method does (status and code). Judged only
// where both operations ran the scenario. When they differ, the spec decides which side is wrong: a side answered
// as documented when its answer passed every check of the step (so a 200 with a body, or code 6 on malformed
// input, is never "as documented"), and the parity failure lands on the side that did not. When neither or both
// did, it stays on the twin, and its sentence says which of the two it is.
import type { CheckName, Expected, Failure, Observed } from '../results/model.ts';
import type { Scenario } from '../scenarios/index.ts';
import { describeExpected } from './describe.ts';

export interface ParitySide {
  operation: string;
  observed: Observed;
  /** The failures of the step's own checks on this side (parity aside): none means it answered as documented. */
  failures: readonly Failure[];
}

/** Where a difference lands: at most one side gets the parity failure. */
export interface ParityJudgement {
  reference?: Failure;
  twin?: Failure;
}

function show(observed: Observed): string {
  if (observed.status === null) return `no HTTP answer (${observed.transportError})`;
  if (observed.status === 200 && observed.code === null && observed.bodyBytes !== null) {
    return observed.bodyBytes === 0 ? 'HTTP 200 with an empty body' : `HTTP 200 with a body of ${observed.bodyBytes} bytes`;
  }
  return `HTTP ${observed.status}${observed.code === null ? '' : ` with code ${observed.code}`}`;
}

function alike(a: Observed, b: Observed): boolean {
  return a.status === b.status && a.code === b.code && (a.status !== null || a.transportError === b.transportError);
}

function checksOf(side: ParitySide): string {
  return `${side.operation}: ${[...new Set(side.failures.map((f) => f.check))].join(', ')}`;
}

function differs(from: ParitySide, side: ParitySide, documented: string): Failure {
  return {
    check: 'parity',
    title: `answers differently from ${from.operation}`,
    message: `Received: ${show(side.observed)} from ${side.operation}\nDocumented: ${documented}`,
  };
}

/**
 * @param checksOff checks switched off for the run (LEAN_SKIP_CHECKS): an answer that passed the others is then
 *   said to pass this step's checks, never to be what the spec documents, since an unchecked rule may break it.
 */
export function judgeParity(
  reference: ParitySide,
  twin: ParitySide,
  scenario: Pick<Scenario, 'expected' | 'kind'>,
  checksOff: readonly CheckName[] = [],
): ParityJudgement {
  if (alike(reference.observed, twin.observed)) return {};
  const expected: Expected = scenario.expected;
  const documented = describeExpected(expected, scenario.kind === 'malformed');
  const referenceRight = reference.failures.length === 0;
  const twinRight = twin.failures.length === 0;
  const sameAs = `the same answer as ${reference.operation}, which gave ${show(reference.observed)}`;
  const passing = `an answer that passes this step's checks (LEAN_SKIP_CHECKS switched off ${checksOff.join(', ')})`;
  if (referenceRight && !twinRight) {
    return { twin: differs(reference, twin, `${sameAs}, ${checksOff.length ? passing : 'as the spec documents for this scenario'}`) };
  }
  if (twinRight && !referenceRight) {
    const right = checksOff.length
      ? `; ${twin.operation} answered ${show(twin.observed)}, ${passing}`
      : `, which ${twin.operation} answered (${show(twin.observed)})`;
    return { reference: differs(twin, reference, `${documented}${right}; ${reference.operation} is the side that differs from the spec`) };
  }
  if (!twinRight) {
    return {
      twin: differs(reference, twin, `${sameAs}. Neither answer is the documented one (${documented}): each fails on ` +
        `its own checks (${checksOf(reference)}; ${checksOf(twin)})`),
    };
  }
  return {
    twin: differs(reference, twin, `${sameAs}. Both answers pass this step's checks (${documented}), but the two ` +
      `operations must answer alike`),
  };
}
