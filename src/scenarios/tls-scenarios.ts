import type { ScenarioContext } from './context.ts';
import { randomId } from './random-id.ts';
import type { Scenario } from './scenario.ts';

/** Without the client certificate the handshake must fail: no HTTP answer at all (api-facts.md). */
export function tlsScenarios(ctx: ScenarioContext): Scenario[] {
  return [{
    name: 'noClientCertificate',
    kind: 'tls-refusal',
    expected: { status: null, code: null },
    request: { body: { certIdOtp: randomId('cert'), deviceCode: randomId('device') } },
    overrides: { withoutClientCertificate: true },
    usesFixtureHolder: false,
    describe: 'the request without the client certificate',
    ...(ctx.clientCertificate ? {} : { skip: 'no client certificate configured (LEAN_CLIENT_CERT)' }),
  }];
}
