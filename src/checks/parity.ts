// The deprecated twin must answer every scenario as the standard method does (status and code). Judged only
// where both operations ran the scenario.
import type { Failure, Observed } from '../results/model.ts';

function show(observed: Observed): string {
  if (observed.status === null) return `no HTTP answer (${observed.transportError})`;
  return `HTTP ${observed.status}${observed.code === null ? '' : ` with code ${observed.code}`}`;
}

export function parityFailure(reference: { operation: string; observed: Observed }, twin: { operation: string; observed: Observed }): Failure | null {
  const a = reference.observed;
  const b = twin.observed;
  const same = a.status === b.status && a.code === b.code && (a.status !== null || a.transportError === b.transportError);
  if (same) return null;
  return {
    check: 'parity',
    title: `answers differently from ${reference.operation}`,
    message: `Received: ${show(b)} from ${twin.operation}\nDocumented: the same answer as ${reference.operation}, which gave ${show(a)}`,
  };
}
