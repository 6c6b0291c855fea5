// Every check, by name. The order is the order failures are listed in a result.
import type { CheckName } from '../results/model.ts';
import type { Check } from './check.ts';
import { empty200 } from './empty-200.ts';
import { errorBody } from './error-body.ts';
import { expectedCode } from './expected-code.ts';
import { providerFault } from './provider-fault.ts';
import { staleFixture } from './stale-fixture.ts';
import { status } from './status.ts';
import { tlsRefused } from './tls-refused.ts';
import { transport } from './transport.ts';
import { uncataloguedCode } from './uncatalogued-code.ts';

function register(checks: Check[]): ReadonlyMap<CheckName, Check> {
  const registry = new Map<CheckName, Check>();
  for (const check of checks) {
    if (registry.has(check.name)) throw new Error(`Check ${check.name} is registered twice.`);
    registry.set(check.name, check);
  }
  return registry;
}

/** The per-answer checks; `parity` compares two answers and lives apart (parity.ts). */
export const CHECKS = register([
  transport, tlsRefused, status, empty200, errorBody, providerFault, uncataloguedCode, staleFixture, expectedCode,
]);

/** Every check name a configuration may switch off: the per-answer checks, then parity. */
export const CHECK_NAMES: readonly CheckName[] = [...CHECKS.keys(), 'parity'];
