// Every pact entry point parses its arguments before anything else (interface.md, "Additions": command line):
// `--help` and `--version` exit 0, an unknown option or a stray argument exits 2 naming it, and none of them
// sends a request or rewrites contracts/pacts/. Run in-process through each entry point's `main`; the target and
// the broker are one loopback server that counts what reaches it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo, type CliMain } from '../../src/cli/io.ts';
import { PACKAGE_VERSION } from '../../src/package-info.ts';
import { startHttp, type RunningServer } from '../../test/support/servers.ts';
import { PACT_FILE_NAME, PACTS_DIR } from '../shared/names.ts';
import { main as canIDeploy } from './can-i-deploy.ts';
import { main as consumer } from './consumer.ts';
import { main as publish } from './publish.ts';
import { main as recordDeployment } from './record-deployment.ts';
import { main as verify } from './verify.ts';

const ENTRY_POINTS: [string, CliMain][] = [
  ['pact:consumer', consumer],
  ['pact:verify', verify],
  ['pact:publish', publish],
  ['pact:can-i-deploy', canIDeploy],
  ['pact:record-deployment', recordDeployment],
];

let server: RunningServer;
let env: Record<string, string>;
const pactFile = join(PACTS_DIR, PACT_FILE_NAME);
let pactBefore: string;

beforeAll(async () => {
  server = await startHttp((_req, res) => res.writeHead(500).end());
  env = {
    LEAN_BASE_URL: server.url,
    LEAN_USERNAME: 'u',
    LEAN_PASSWORD: 'p',
    LEAN_MAX_SENDS: '6',
    PACT_BROKER_BASE_URL: server.url,
    PACT_ENVIRONMENT: 'test',
    PACT_PACTICIPANT_VERSION: 'v1',
    PACT_CONSUMER_VERSION: 'c1',
  };
  pactBefore = readFileSync(pactFile, 'utf8');
});

afterAll(async () => {
  await server.close();
});

const io = () => memoryIo({ cwd: mkdtempSync(join(tmpdir(), 'lean-pact-args-')) });

describe.each(ENTRY_POINTS)('%s', (name, main) => {
  const cases: [string, { argv: string[]; code: number; out?: RegExp; err?: RegExp }][] = [
    ['--help prints the usage', { argv: ['--help'], code: 0, out: /^usage: npm run pact:/ }],
    ['-h prints the usage', { argv: ['-h'], code: 0, out: /^usage: / }],
    ['--version prints the package version', { argv: ['--version'], code: 0, out: new RegExp(`${PACKAGE_VERSION.replace(/\./g, '\\.')}\\n$`) }],
    ['an unknown option is exit 2, naming it', { argv: ['--frobnicate'], code: 2, err: /--frobnicate/ }],
  ];
  // pact:verify takes pact files as positionals; the others take none.
  if (name !== 'pact:verify') cases.push(['a stray argument is exit 2', { argv: ['sendOtp'], code: 2, err: /argument/ }]);

  for (const [title, { argv, code, out, err }] of cases) {
    it(`${title}; nothing is sent and the pacts are untouched`, async () => {
      const sink = io();
      expect(await main(argv, env, sink)).toBe(code);
      if (out) expect(sink.stdout()).toMatch(out);
      if (err) expect(sink.stderr()).toMatch(err);
      if (code === 2) expect(sink.stderr().trim().split('\n')).toHaveLength(1);
      expect(server.received).toBe(0);
      expect(readFileSync(pactFile, 'utf8')).toBe(pactBefore);
    });
  }
});
