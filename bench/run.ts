// `npm run bench`: the performance figures of the project, each a ratio measured side by side in this run.
//   1. a full conformance run from the shell: wall time, scenarios per second; the harness cost as the ratio of
//      a session's time to raw undici requests making the same request sequence;
//   2. the reference provider's throughput with concurrent keep-alive connections against a bare node:http
//      server answering an empty 200;
//   3. provider verification time per pact interaction.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool, request } from 'undici';
import { operation } from '../src/catalog/index.ts';
import { createClient } from '../src/client/index.ts';
import { startReferenceProvider } from '../src/provider/index.ts';
import type { ConformanceReport } from '../src/results/model.ts';
import { ConformanceSession } from '../src/runner/session.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const print = (line: string) => process.stdout.write(`${line}\n`);

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LEAN|PACT)_/.test(k)));
  return { ...env, PACT_DO_NOT_TRACK: 'true', ...extra };
}

/** 1a. `npm run conformance` as a user runs it, timed from the shell. */
function conformanceWallTime(runs: number): { wallMs: number; results: number } {
  const times: number[] = [];
  let results = 0;
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'lean-bench-'));
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/conformance.ts'], { cwd: ROOT, env: cleanEnv({ LEAN_REPORT_DIR: dir, LEAN_SEED: '1' }) });
    times.push(performance.now() - started);
    if (run.status !== 0) throw new Error(`conformance run exited ${run.status}: ${run.stderr.toString()}`);
    results = (JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport).results.length;
  }
  return { wallMs: median(times), results };
}

/** 1b. The same request sequence through the harness (session + checks) and through raw undici requests. */
async function harnessCost(rounds: number): Promise<{ harnessMs: number; rawMs: number; requests: number }> {
  const provider = await startReferenceProvider();
  const client = createClient({ baseUrl: provider.url, credentials: provider.credentials });
  const raw = new Pool(provider.url, { connections: 1 });
  const newSession = () => new ConformanceSession({
    client, target: provider.url, fixtures: provider.fixtures(), credentials: provider.credentials, clientCertificate: false,
    maxSends: Infinity, seed: 1, malformedRuns: 12, baseline: [], requireCodes: [],
  });
  const steps = newSession().steps.filter((s) => !s.scenario.skip);
  // The raw requests are built before timing: a raw loop only sends and reads.
  const rawRequests = steps.map(({ scenario, operation: op }) => {
    const credentials = scenario.overrides?.credentials ?? provider.credentials;
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`,
    };
    const contentType = scenario.request.contentType === undefined ? 'application/json' : scenario.request.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    if (scenario.overrides?.onBehalfOf) headers['on-behalf-of'] = scenario.overrides.onBehalfOf;
    return { method: 'POST' as const, path: operation(op).path, headers, body: scenario.request.raw ?? JSON.stringify(scenario.request.body) };
  });
  const viaHarness = async () => {
    const session = newSession();
    const started = performance.now();
    for (const step of session.steps) if (!step.scenario.skip) await session.run(step);
    session.finish();
    return performance.now() - started;
  };
  const viaRaw = async () => {
    const started = performance.now();
    for (const options of rawRequests) {
      const response = await raw.request(options);
      await response.body.arrayBuffer();
    }
    return performance.now() - started;
  };
  const harness: number[] = [];
  const direct: number[] = [];
  try {
    for (let i = 0; i < 5; i++) { await viaHarness(); await viaRaw(); } // warm-up: JIT and connections, both sides
    for (let round = 0; round < rounds; round++) {
      // Alternate which side goes first, so neither always inherits the other's garbage.
      if (round % 2 === 0) { harness.push(await viaHarness()); direct.push(await viaRaw()); }
      else { direct.push(await viaRaw()); harness.push(await viaHarness()); }
    }
  } finally {
    await client.close();
    await raw.close();
    await provider.close();
  }
  return { harnessMs: median(harness), rawMs: median(direct), requests: steps.length };
}

async function startServer(kind: 'provider' | 'bare') {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts', kind], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      if (buffered.includes('\n')) resolve(buffered.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`bench server ${kind} exited ${code}`)));
  });
  return { info: JSON.parse(line) as { url: string; credentials?: { username: string; password: string }; holder?: { certIdOtp: string; deviceCode: string } }, stop: () => child.kill('SIGTERM') };
}

/** 2. Requests per second over `connections` keep-alive connections, `total` requests. */
async function throughput(url: string, headers: Record<string, string>, body: string, connections: number, total: number): Promise<number> {
  const pool = new Pool(url, { connections, pipelining: 1 });
  let sent = 0;
  const worker = async () => {
    while (sent < total) {
      sent += 1;
      const response = await pool.request({ method: 'POST', path: '/sendOtp', headers, body });
      await response.body.arrayBuffer();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections * 2 }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return total / seconds;
}

async function providerThroughput(rounds: number, connections: number, total: number) {
  const provider = await startServer('provider');
  const bare = await startServer('bare');
  const { credentials, holder } = provider.info;
  const headers = {
    authorization: `Basic ${Buffer.from(`${credentials!.username}:${credentials!.password}`).toString('base64')}`,
    'content-type': 'application/json',
  };
  const body = JSON.stringify(holder);
  const rates = { provider: [] as number[], bare: [] as number[] };
  try {
    await throughput(provider.info.url, headers, body, connections, 500); // warm-up
    await throughput(bare.info.url, headers, body, connections, 500);
    for (let round = 0; round < rounds; round++) {
      rates.provider.push(await throughput(provider.info.url, headers, body, connections, total));
      rates.bare.push(await throughput(bare.info.url, headers, body, connections, total));
    }
  } finally {
    provider.stop();
    bare.stop();
  }
  return { provider: median(rates.provider), bare: median(rates.bare) };
}

/** 3. `npm run pact:verify` against the bundled provider, per interaction of the written pact. */
function verificationPerInteraction(): { totalMs: number; interactions: number } | null {
  const pactFile = join(ROOT, 'contracts/pacts/lean-otp-client-lean-disposable.json');
  let interactions = 0;
  try {
    interactions = (JSON.parse(readFileSync(pactFile, 'utf8')) as { interactions: unknown[] }).interactions.length;
  } catch {
    return null;
  }
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'contracts/cli/verify.ts'], { cwd: ROOT, env: cleanEnv() });
  const totalMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`pact:verify exited ${run.status}: ${run.stdout.toString().slice(-500)}`);
  return { totalMs, interactions };
}

print(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);

const only = process.argv[2]; // `npm run bench -- harness` runs one section: wall, harness, throughput, verification
const wanted = (section: string) => only === undefined || only === section;

if (wanted('wall')) {
const wall = conformanceWallTime(3);
print(`conformance run (npm run conformance, bundled provider, median of 3): ${ms(wall.wallMs)} wall, ` +
  `${wall.results} results, ${(wall.results / (wall.wallMs / 1000)).toFixed(1)} scenarios/s (target: ≤ 5000 ms)`);
}

if (wanted('harness')) {
const cost = await harnessCost(31);
print(`harness cost (same ${cost.requests} requests, median of 31 after 5 warm-up rounds): session ${ms(cost.harnessMs)} vs raw undici ${ms(cost.rawMs)} ` +
  `= ${(cost.harnessMs / cost.rawMs).toFixed(2)}× (target: ≤ 1.5×)`);
}

if (wanted('throughput')) {
const rate = await providerThroughput(3, 16, 5000);
print(`provider throughput (16 keep-alive connections, 5000 requests, median of 3): ${rate.provider.toFixed(0)} req/s vs bare node:http ` +
  `${rate.bare.toFixed(0)} req/s = ${(rate.provider / rate.bare).toFixed(2)}× (target: ≥ 0.5×)`);
}

if (wanted('verification')) {
const verification = verificationPerInteraction();
print(verification
  ? `pact verification (npm run pact:verify, bundled provider): ${ms(verification.totalMs)} for ${verification.interactions} interactions = ` +
    `${(verification.totalMs / verification.interactions).toFixed(1)} ms per interaction (process start included)`
  : 'pact verification: no pact file in contracts/pacts/ (run npm run pact:consumer first)');
}
