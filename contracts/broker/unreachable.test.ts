// A broker that cannot be reached is said in one sentence, within the probe's deadline, not after the pact
// CLI's silent retries (it used to take 60 s and end in exit 124 with no cause).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo, type CliMain } from '../../src/cli/io.ts';
import { closedPort } from '../../test/support/servers.ts';
import { main as canIDeploy } from '../cli/can-i-deploy.ts';
import { main as publish } from '../cli/publish.ts';
import { main as recordDeployment } from '../cli/record-deployment.ts';
import { PROBE_TIMEOUT_MS } from './workflow.ts';

const mains: [string, CliMain][] = [['pact:publish', publish], ['pact:can-i-deploy', canIDeploy], ['pact:record-deployment', recordDeployment]];

describe('a broker on a closed loopback port', () => {
  for (const [name, main] of mains) {
    it(`${name}: exit 1 at once, with one sentence saying what failed`, async () => {
      const io = memoryIo({ cwd: mkdtempSync(join(tmpdir(), 'lean-broker-down-')) });
      const started = performance.now();
      const code = await main([], {
        PACT_BROKER_BASE_URL: await closedPort(),
        PACT_BROKER_TOKEN: 'broker-token-never-shown',
        PACT_CONSUMER_VERSION: 'c1',
        PACT_ENVIRONMENT: 'test',
        PACT_PACTICIPANT_VERSION: 'v1',
      }, io);
      expect(performance.now() - started).toBeLessThan(PROBE_TIMEOUT_MS);
      expect(io.stderr()).toMatch(new RegExp(`^${name}: The broker could not be read \\(GET /: ECONNREFUSED\\)\\.\\n$`));
      expect(io.stderr() + io.stdout()).not.toContain('broker-token-never-shown');
      expect(code).toBe(1);
    });
  }
});
