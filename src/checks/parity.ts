// The deprecated twin must answer every scenario as the standard method does (status and code). Judged only
// where both operations ran the scenario. Given the scenario's expected outcome, the failure also says which
// side answers as the spec documents, so a reader knows whether to blame the twin or the standard method.
import type { Expected, Failure, Observed } from '../results/model.ts';

function show(observed: Observed): string {
  if (observed.status === null) return `no HTTP answer (${observed.transportError})`;
  return `HTTP ${observed.status}${observed.code === null ? '' : ` with code ${observed.code}`}`;
}

function matches(observed: Observed, expected: Expected): boolean {
  if (expected.status === null) return observed.status === null;
  return observed.status === expected.status && (expected.code === null || observed.code === expected.code);
}

/** Which operation answers as documented: the sentence closing a parity failure. */
function whichSideIsRight(reference: string, a: Observed, twin: string, b: Observed, expected: Expected): string {
  const referenceRight = matches(a, expected);
  const twinRight = matches(b, expected);
  if (referenceRight && !twinRight) return `${reference} matches the spec; ${twin} does not.`;
  if (twinRight && !referenceRight) return `${twin} matches the spec; ${reference} is the one that differs.`;
  return `Neither matches the spec.`;
}

export function parityFailure(
  reference: { operation: string; observed: Observed },
  twin: { operation: string; observed: Observed },
  expected?: Expected,
): Failure | null {
  const a = reference.observed;
  const b = twin.observed;
  const same = a.status === b.status && a.code === b.code && (a.status !== null || a.transportError === b.transportError);
  if (same) return null;
  const verdict = expected ? `\n${whichSideIsRight(reference.operation, a, twin.operation, b, expected)}` : '';
  return {
    check: 'parity',
    title: `answers differently from ${reference.operation}`,
    message: `Received: ${show(b)} from ${twin.operation}\nDocumented: the same answer as ${reference.operation}, which gave ${show(a)}${verdict}`,
  };
}
