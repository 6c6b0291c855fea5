import { PactV4, MatchersV3 } from '@pact-foundation/pact';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const dir = mkdtempSync(join(tmpdir(), 'pactexp-'));
const pact = new PactV4({ consumer: 'c', provider: 'p', dir, logLevel: 'warn' });
const { fromProviderState, like, integer } = MatchersV3;
await pact.addInteraction().given('no holder').uponReceiving('wrong creds')
  .withRequest('POST', '/sendOtp', (b) => b.headers({ Authorization: fromProviderState('${wrongAuthorization}', 'Basic eDp5'), 'on-behalf-of': fromProviderState('${obo}', 'x') }).jsonBody({ certIdOtp: fromProviderState('${certIdOtp}', 'C-1'), deviceCode: 'D' }))
  .willRespondWith(500, (b) => b.jsonBody({ code: 11002, message: like('Wrong') }))
  .executeTest(async (ms) => {
    const r = await fetch(ms.url + '/sendOtp', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Basic abc', 'on-behalf-of': 'zz' }, body: JSON.stringify({ certIdOtp: 'q', deviceCode: 'D' }) });
    console.log(r.status, await r.text());
  });
await pact.addInteraction().given('smsActive').uponReceiving('ok')
  .withRequest('POST', '/sendOtp', (b) => b.jsonBody({ certIdOtp: 'a', deviceCode: 'b' }))
  .willRespondWith(200, (b) => b.jsonBody(''))
  .executeTest(async (ms) => {
    const r = await fetch(ms.url + '/sendOtp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ certIdOtp: 'a', deviceCode: 'b' }) });
    const t = await r.arrayBuffer();
    console.log(r.status, t.byteLength, r.headers.get('content-type'), r.headers.get('content-length'));
  });
for (const f of readdirSync(dir)) console.log(readFileSync(join(dir, f), 'utf8'));
