import { PactV4, MatchersV3, Verifier } from '@pact-foundation/pact';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { startHalBroker } from '../broker/hal-broker.ts';
import { publishPacts, canIDeploy, recordDeployment } from '../broker/workflow.ts';
const dir = mkdtempSync(join(tmpdir(), 'pactexp-'));
const pact = new PactV4({ consumer: 'lean-otp-client', provider: 'lean-disposable', dir, logLevel: 'warn' });
await pact.addInteraction().given('smsActive').uponReceiving('ok')
  .withRequest('POST', '/sendOtp', (b) => b.jsonBody({ certIdOtp: MatchersV3.fromProviderState('${certIdOtp}', 'a'), deviceCode: 'b' }))
  .willRespondWith(200, (b) => b.jsonBody(''))
  .executeTest(async (ms) => { await fetch(ms.url + '/sendOtp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ certIdOtp: 'a', deviceCode: 'b' }) }); });
const broker = await startHalBroker({ auth: { token: 'tok' } });
const env = { ...process.env, PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: 'tok', PACT_CONSUMER_VERSION: 'c1', PACT_CONSUMER_BRANCH: 'main' };
let r = await publishPacts({ env, pactsDir: dir });
console.log('publish', r.exitCode, r.stdout, r.stderr);
let bodyOn200 = process.argv[2] === 'bad';
const prov = createServer((req, res) => { let d=''; req.on('data', c => d+=c); req.on('end', () => { console.log('provider got', req.url, d, req.headers.authorization); res.writeHead(200); res.end(bodyOn200 ? 'x' : ''); }); });
await new Promise<void>(r => prov.listen(0, '127.0.0.1', r));
const port = (prov.address() as any).port;
try {
const out = await new Verifier({ provider: 'lean-disposable', providerBaseUrl: `http://127.0.0.1:${port}`, pactBrokerUrl: broker.url, pactBrokerToken: 'tok',
  consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }], enablePending: true, includeWipPactsSince: '2020-01-01',
  publishVerificationResult: true, providerVersion: 'p1', providerVersionBranch: 'main', logLevel: 'warn',
  stateHandlers: { smsActive: async () => ({ certIdOtp: 'REAL' }) },
  requestFilter: (req: any, _res: any, next: any) => { req.headers['authorization'] = 'Basic secret'; next(); },
}).verifyProvider();
console.log('verify ok', out.slice(0, 300));
} catch (e) { console.log('verify failed', String(e).slice(0, 500)); }
console.log('verifs', JSON.stringify(broker.verifications().map(v => ({...v, testResults: undefined}))));
r = await recordDeployment({ pacticipant: 'lean-disposable', version: 'p1', environment: 'test' }, { env });
console.log('record', r.exitCode, r.stdout, r.stderr);
r = await canIDeploy({ pacticipant: 'lean-otp-client', version: 'c1', environment: 'test' }, { env });
console.log('cid', r.exitCode, r.stdout, r.stderr);
console.log('unhandled', broker.unhandled());
await broker.close(); prov.close();
