// Configuration errors of the pact entry points are one sentence and exit 2, before anything is sent
// (interface.md, "Additions"): results are never published for the bundled reference provider; a broker URL
// with userinfo, or plain http to a broker elsewhere, is refused without echoing the URL or its secrets; a
// garbled pact file or a directory given to pact:verify is named, not a crash.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo, type CliMain } from '../../src/cli/io.ts';
import { startHttp, type RunningServer } from '../../test/support/servers.ts';
import { main as canIDeploy } from './can-i-deploy.ts';
import { main as publish } from './publish.ts';
import { main as recordDeployment } from './record-deployment.ts';
import { main as verify } from './verify.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startHttp((_req, res) => res.writeHead(500).end());
});
afterAll(async () => {
  await server.close();
});

const dir = (): string => mkdtempSync(join(tmpdir(), 'lean-pact-config-'));

async function run(main: CliMain, env: Record<string, string>, argv: string[] = []): Promise<{ code: number; err: string; out: string }> {
  const io = memoryIo({ cwd: dir() });
  const code = await main(argv, { PACT_ENVIRONMENT: 'test', PACT_PACTICIPANT_VERSION: 'v1', PACT_CONSUMER_VERSION: 'c1', ...env }, io);
  return { code, err: io.stderr(), out: io.stdout() };
}

describe('pact:verify never publishes results for the bundled reference provider', () => {
  it('PACT_PUBLISH_VERIFICATION_RESULTS=true with no LEAN_BASE_URL is exit 2, and the broker is never asked', async () => {
    const { code, err } = await run(verify, { PACT_PUBLISH_VERIFICATION_RESULTS: 'true', PACT_BROKER_BASE_URL: server.url, PACT_PROVIDER_VERSION: 'staging-api-1.2.3' });
    expect(err).toMatch(/^pact:verify: PACT_PUBLISH_VERIFICATION_RESULTS: .*bundled reference provider/);
    expect(code).toBe(2);
    expect(server.received).toBe(0);
  });

  it('so does an empty LEAN_BASE_URL (a CI job whose secret is missing)', async () => {
    const { code, err } = await run(verify, { LEAN_BASE_URL: '', PACT_PUBLISH_VERIFICATION_RESULTS: 'true', PACT_BROKER_BASE_URL: server.url, PACT_PROVIDER_VERSION: 'staging-api-1.2.3' });
    expect(err).toMatch(/LEAN_BASE_URL/);
    expect(code).toBe(2);
    expect(server.received).toBe(0);
  });
});

describe('PACT_BROKER_BASE_URL is refused without echoing it', () => {
  const SECRET = 'hunter2-broker-secret';
  const HOST = 'broker.example.invalid';
  const urls: [string, string][] = [
    ['with userinfo', `https://ci-user:${SECRET}@${HOST}`],
    ['plain http to a broker elsewhere', `http://${HOST}/${SECRET}`],
  ];
  const mains: [string, CliMain][] = [['pact:verify', verify], ['pact:publish', publish], ['pact:can-i-deploy', canIDeploy], ['pact:record-deployment', recordDeployment]];
  for (const [what, url] of urls) {
    for (const [name, main] of mains) {
      it(`${name}: ${what} is exit 2 in one sentence naming the variable`, async () => {
        const { code, err, out } = await run(main, { PACT_BROKER_BASE_URL: url });
        expect(err).toMatch(/PACT_BROKER_BASE_URL/);
        expect(err.trim().split('\n')).toHaveLength(1);
        expect(err + out).not.toContain(SECRET);
        expect(err + out).not.toContain(HOST);
        expect(code).toBe(2);
      });
    }
  }
});

describe('pact:verify with a pact file that is not one', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a directory', () => {
      const d = join(dir(), 'pacts');
      mkdirSync(d);
      return d;
    }, /EISDIR/],
    ['a file that is not JSON', () => {
      const f = join(dir(), 'garbled.json');
      writeFileSync(f, '{"consumer": {"name": "x"}, "interac');
      return f;
    }, /is not JSON/],
    ['JSON that is not a pact', () => {
      const f = join(dir(), 'other.json');
      writeFileSync(f, JSON.stringify({ holders: {} }));
      return f;
    }, /is not a pact file/],
    ['a pact whose interactions are not interactions', () => {
      const f = join(dir(), 'broken.json');
      writeFileSync(f, JSON.stringify({ consumer: { name: 'c' }, provider: { name: 'p' }, interactions: [42] }));
      return f;
    }, /is not a pact file/],
    ['a file that does not exist', () => join(dir(), 'missing.json'), /ENOENT/],
  ];
  for (const [what, make, message] of cases) {
    it(`${what}: exit 2 in one sentence, and nothing is sent`, async () => {
      const file = make();
      const { code, err } = await run(verify, { LEAN_BASE_URL: server.url, LEAN_MAX_SENDS: '6' }, [file]);
      expect(err).toMatch(message);
      expect(err).toContain(file);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(code).toBe(2);
      expect(server.received).toBe(0);
    });
  }
});
