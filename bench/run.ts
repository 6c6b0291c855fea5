// `npm run bench`: the performance figures of the project, each a ratio measured side by side in this run.
//   1. a full conformance run from the shell: wall time against a trivial vitest run, peak RSS, scenarios per
//      second; the harness cost as the ratio of
//      a session's time to raw undici requests making the same request sequence;
//   2. the reference provider's throughput with concurrent keep-alive connections against a bare node:http
//      server answering an empty 200;
//   3. provider verification time per pact interaction;
//   4. the sandbox: its request journal's cost (on against off, same load), its memory after 100k requests, and
//      the time its page takes to show a new request.
//   5. a bad day: the wall time a full run adds when 5 % of the requests that cannot deliver are answered 502
//      (a seeded sandbox fault), against the same run without it; the time a run against a target that refuses
//      every connection takes to say inconclusive, at a foreign target's default rate; and the delivering
//      requests of both runs (retries must add none).
//   6. a report read back (conformance:compare, LEAN_COMPARE_WITH): the first validation in a fresh process with
//      the schema compiled by ajv on first use against ajv's precompiled module, and the median of later ones,
//      from the sources (node with tsx, as the npm scripts run) and from dist/ (plain node, as the package runs).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { operation } from '../src/catalog/index.ts';
import { createClient } from '../src/client/index.ts';
import { basicAuthorization } from '../src/net/basic-auth.ts';
import { startReferenceProvider } from '../src/sandbox/index.ts';
import type { ConformanceReport } from '../src/results/model.ts';
import { ConformanceSession } from '../src/runner/session.ts';
import type { OtpClient } from '../src/client/types.ts';
import { FIXTURE_STATES } from '../src/catalog/index.ts';
import { createServer } from 'node:net';
import { parseCommandLine, type CommandSpec } from '../src/cli/args.ts';
import { ConfigError, didYouMean } from '../src/input/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const print = (line: string) => process.stdout.write(`${line}\n`);

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LEAN|PACT)_/.test(k)));
  return { ...env, PACT_DO_NOT_TRACK: 'true', ...extra };
}

const RSS_PRELOAD = join(ROOT, 'bench', 'max-rss.mjs');
const TSX = import.meta.resolve('tsx');
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');

/** Runs a command to its end; returns its wall time and the peak RSS the process reported of itself (MiB). */
function measured(args: string[], cwd: string, env: NodeJS.ProcessEnv): { wallMs: number; rssMiB: number } {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'lean-bench-rss-')), 'rss');
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', RSS_PRELOAD, ...args], { cwd, env: { ...env, LEAN_BENCH_RSS_FILE: rssFile } });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.toString().slice(-500)}`);
  const kib = readFileSync(rssFile, 'utf8').trim().split('\n').map(Number);
  return { wallMs, rssMiB: Math.max(...kib) / 1024 };
}

/**
 * 1a. `npm run conformance` as a user runs it (node with tsx, the bundled provider, every scenario), against a
 * trivial `vitest run` of one test in an empty folder, alternated round by round so both see the same machine.
 */
function conformanceWallTime(rounds: number) {
  const trivial = mkdtempSync(join(tmpdir(), 'lean-bench-vitest-'));
  writeFileSync(join(trivial, 'one.test.mjs'), "import { it } from 'vitest';\nit('one', () => {});\n");
  const conformance: { wallMs: number; rssMiB: number }[] = [];
  const vitest: { wallMs: number; rssMiB: number }[] = [];
  let results = 0;
  for (let i = 0; i < rounds; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'lean-bench-'));
    conformance.push(measured(['--import', TSX, join(ROOT, 'src', 'cli', 'conformance.ts')], dir, cleanEnv({ LEAN_SEED: '1' })));
    results = (JSON.parse(readFileSync(join(dir, 'reports', 'conformance.json'), 'utf8')) as ConformanceReport).results.length;
    vitest.push(measured([VITEST, 'run', '--root', trivial], trivial, cleanEnv()));
  }
  return {
    wallMs: median(conformance.map((m) => m.wallMs)),
    rssMiB: median(conformance.map((m) => m.rssMiB)),
    vitestMs: median(vitest.map((m) => m.wallMs)),
    results,
  };
}

/** 1b. The same request sequence through the harness (session + checks) and through raw undici requests. */
async function harnessCost(rounds: number): Promise<{ harnessMs: number; rawMs: number; requests: number }> {
  const provider = await startReferenceProvider();
  const client = createClient({ baseUrl: provider.url, credentials: provider.credentials });
  const raw = new Pool(provider.url, { connections: 1 });
  const newSession = () => new ConformanceSession({
    client, target: provider.url, fixtures: provider.fixtures(), credentialsConfigured: true, clientCertificate: false,
    maxSends: Infinity, seed: 1, malformedRuns: 12, baseline: [], requireCodes: [],
  });
  const steps = newSession().steps.filter((s) => !s.scenario.skip);
  // The raw requests are built before timing: a raw loop only sends and reads.
  const rawRequests = steps.map(({ scenario, operation: op }) => {
    const credentials = scenario.overrides?.credentials ?? provider.credentials;
    const headers: Record<string, string> = {
      authorization: basicAuthorization(credentials),
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

interface Holder { certIdOtp: string; deviceCode: string }
interface ServerInfo {
  url: string;
  credentials?: { username: string; password: string };
  /** The provider's: a holder whose request is a send (200), and one answered 500 with a code. */
  holders?: { sent: Holder; error: Holder };
}

/**
 * A bench server in its own process: the line it prints on start, its CPU time so far (it answers `cpu` on
 * stdin), and a stop. CPU time charges each server its own cost per request, which the req/s ratio stops
 * showing once the load generator, not the server, is the limit.
 */
async function startServer(kind: 'provider' | 'provider-no-journal' | 'bare') {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/serve.ts', kind], { cwd: ROOT, env: cleanEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      waiting.shift()?.resolve(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
    }
  });
  child.once('exit', (code) => waiting.splice(0).forEach((w) => w.reject(new Error(`bench server ${kind} exited ${code}`))));
  const nextLine = () => new Promise<string>((resolve, reject) => waiting.push({ resolve, reject }));
  const info = JSON.parse(await nextLine()) as ServerInfo;
  return {
    info,
    /** User + system CPU time the server has used, in µs. */
    cpuMicros: async () => {
      const line = nextLine();
      child.stdin.write('cpu\n');
      return Number(await line);
    },
    /** RSS and, after a full collection, the heap in use (MiB). */
    memory: async () => {
      const line = nextLine();
      child.stdin.write('memory\n');
      const { rss, heapUsed } = JSON.parse(await line) as { rss: number; heapUsed: number };
      return { rssMiB: rss / 2 ** 20, heapMiB: heapUsed / 2 ** 20 };
    },
    stop: () => child.kill('SIGTERM'),
  };
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

/**
 * The provider on its 200 path (a send) and its 500 path (an error state), and the bare server given the very
 * request of the 200 path: same headers, same body, same empty 200 back, so the ratio compares like with like.
 */
async function providerThroughput(rounds: number, connections: number, total: number) {
  const provider = await startServer('provider');
  const bare = await startServer('bare');
  const { credentials, holders } = provider.info;
  if (!credentials || !holders) throw new Error('bench/serve.ts provider printed no credentials or holders.');
  const headers = {
    authorization: basicAuthorization(credentials),
    'content-type': 'application/json',
  };
  const sendBody = JSON.stringify(holders.sent);
  type Server = Awaited<ReturnType<typeof startServer>>;
  type Run = { rate: number; cpuMicros: number };
  /** One measured run: req/s as the client saw it, and the server's CPU time per request. */
  const measure = async (server: Server, body: string): Promise<Run> => {
    const cpuBefore = await server.cpuMicros();
    const rate = await throughput(server.info.url, headers, body, connections, total);
    return { rate, cpuMicros: ((await server.cpuMicros()) - cpuBefore) / total };
  };
  const runs = {
    sent: () => measure(provider, sendBody),
    error: () => measure(provider, JSON.stringify(holders.error)),
    bare: () => measure(bare, sendBody),
  };
  const kinds = Object.keys(runs) as (keyof typeof runs)[];
  const results: Record<keyof typeof runs, Run[]> = { sent: [], error: [], bare: [] };
  try {
    // Warm-up: a full round each, so JIT (of both servers and of this client) and connections are settled.
    for (const kind of kinds) await runs[kind]();
    for (let round = 0; round < rounds; round++) {
      // Rotate the order, so no side always runs right after the same neighbour (and its garbage).
      for (const kind of [...kinds.slice(round % kinds.length), ...kinds.slice(0, round % kinds.length)]) {
        results[kind].push(await runs[kind]());
      }
    }
  } finally {
    provider.stop();
    bare.stop();
  }
  const summary = (kind: keyof typeof runs) => ({
    rate: median(results[kind].map((r) => r.rate)),
    cpuMicros: median(results[kind].map((r) => r.cpuMicros)),
  });
  return { sent: summary('sent'), error: summary('error'), bare: summary('bare') };
}

/**
 * 4a. The request journal's cost: the sandbox with it on and with it off, same load (the 200 path, as in 2),
 * alternated round by round; req/s, server CPU per request and RSS after each run, medians.
 */
async function journalCost(rounds: number, connections: number, total: number) {
  const on = await startServer('provider');
  const off = await startServer('provider-no-journal');
  type Server = Awaited<ReturnType<typeof startServer>>;
  const runs: Record<'on' | 'off', { rate: number; cpuMicros: number; rssMiB: number }[]> = { on: [], off: [] };
  const measure = async (server: Server) => {
    const { credentials, holders } = server.info;
    if (!credentials || !holders) throw new Error('bench/serve.ts printed no credentials or holders.');
    const headers = { authorization: basicAuthorization(credentials), 'content-type': 'application/json' };
    const cpuBefore = await server.cpuMicros();
    const rate = await throughput(server.info.url, headers, JSON.stringify(holders.sent), connections, total);
    const cpuMicros = ((await server.cpuMicros()) - cpuBefore) / total;
    return { rate, cpuMicros, rssMiB: (await server.memory()).rssMiB };
  };
  try {
    await measure(on);
    await measure(off);
    for (let round = 0; round < rounds; round++) {
      if (round % 2 === 0) { runs.on.push(await measure(on)); runs.off.push(await measure(off)); }
      else { runs.off.push(await measure(off)); runs.on.push(await measure(on)); }
    }
  } finally {
    on.stop();
    off.stop();
  }
  const summary = (side: 'on' | 'off') => ({
    rate: median(runs[side].map((r) => r.rate)),
    cpuMicros: median(runs[side].map((r) => r.cpuMicros)),
    rssMiB: median(runs[side].map((r) => r.rssMiB)),
  });
  return { on: summary('on'), off: summary('off') };
}

/** 4b. Memory of a sandbox after 10k and after 100k requests: bounded means the two are alike. */
async function journalMemory(kind: 'provider' | 'provider-no-journal', connections: number) {
  const server = await startServer(kind);
  try {
    const { credentials, holders } = server.info;
    if (!credentials || !holders) throw new Error('bench/serve.ts printed no credentials or holders.');
    const headers = { authorization: basicAuthorization(credentials), 'content-type': 'application/json' };
    const body = JSON.stringify(holders.sent);
    const start = await server.memory();
    await throughput(server.info.url, headers, body, connections, 10_000);
    const at10k = await server.memory();
    await throughput(server.info.url, headers, body, connections, 90_000);
    const at100k = await server.memory();
    return { start, at10k, at100k };
  } finally {
    server.stop();
  }
}

/** 4c. The sandbox page: median time from sending a request to its row showing, in Debian's chromium. */
async function pageLatency(samples: number): Promise<{ medianMs: number; maxMs: number } | string> {
  const { chromiumMissing, launchChromium, VIEWPORT } = await import('../test/support/chromium.ts');
  const missing = chromiumMissing();
  if (missing) return missing;
  const { showsNewRequest } = await import('../test/support/sandbox-page.ts');
  const { startSandbox } = await import('../src/sandbox/index.ts');
  const [browser, sandbox] = await Promise.all([launchChromium(), startSandbox()]);
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.goto(`${sandbox.adminUrl}/ui`);
    await page.fill('#token', sandbox.adminToken ?? '');
    await page.click('#login button[type=submit]');
    await page.waitForSelector('#status:text("Live")');
    for (let i = 0; i < 3; i++) await showsNewRequest(page, sandbox); // warm-up
    const times: number[] = [];
    for (let i = 0; i < samples; i++) times.push(await showsNewRequest(page, sandbox));
    return { medianMs: median(times), maxMs: Math.max(...times) };
  } finally {
    await browser.close();
    await sandbox.close();
  }
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

const SUCCESS_STATES = FIXTURE_STATES.filter((s) => s.outcome === 'sent').map((s) => s.name);

/** One full in-process run against a fresh sandbox, with or without a seeded 5 % of 502 on the requests that cannot deliver. */
async function badDayRun(seed: number, faulty: boolean) {
  const provider = await startReferenceProvider({ faultSeed: seed });
  const fixtures = provider.fixtures();
  const successIds = SUCCESS_STATES.flatMap((s) => {
    const h = fixtures.holders[s as keyof typeof fixtures.holders];
    return h ? [h.certIdOtp, h.deviceCode] : [];
  });
  if (faulty) await provider.admin.injectFault({ kind: 'status', status: 502, probability: 0.05, sends: false, forMs: 600_000 });
  const real = createClient({ baseUrl: provider.url, credentials: provider.credentials });
  let requests = 0;
  let delivering = 0;
  const client: OtpClient = {
    send(op, request, overrides) {
      const text = request.raw !== undefined ? String(request.raw) : JSON.stringify(request.body ?? null);
      requests += 1;
      if (successIds.some((id) => text.includes(id))) delivering += 1;
      return real.send(op, request, overrides);
    },
    close: () => real.close(),
  };
  const session = new ConformanceSession({
    client, target: provider.url, fixtures, credentialsConfigured: true, clientCertificate: false,
    maxSends: Infinity, seed: 1, malformedRuns: 12, baseline: [], requireCodes: [],
  });
  const started = performance.now();
  for (const step of session.steps) await session.run(step);
  const wallMs = performance.now() - started;
  const report = session.finish();
  await client.close();
  await provider.close();
  return { wallMs, requests, delivering, retried: report.summary.retried ?? 0, exitCode: report.exitCode, results: report.results.length };
}

async function flakyTargetCost(rounds: number) {
  const clean: Awaited<ReturnType<typeof badDayRun>>[] = [];
  const flaky: Awaited<ReturnType<typeof badDayRun>>[] = [];
  await badDayRun(0, true); // warm-up: module loading, ajv compilation
  for (let i = 1; i <= rounds; i++) {
    clean.push(await badDayRun(i, false));
    flaky.push(await badDayRun(i, true));
  }
  return { clean, flaky };
}

/** The CLI against a port nothing listens on, at a foreign target's default rate limit (5 requests per second). */
async function downTarget(rounds: number) {
  const runs: { wallMs: number; code: number | null; requests: number; runMs: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const dir = mkdtempSync(join(tmpdir(), 'lean-bench-down-'));
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src', 'cli', 'conformance.ts')], {
      cwd: dir, env: cleanEnv({ LEAN_BASE_URL: `http://127.0.0.1:${port}`, LEAN_SEED: '1' }),
    });
    const wallMs = performance.now() - started;
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'conformance.json'), 'utf8')) as ConformanceReport;
    const requests = report.results.reduce((n, r) => n + (r.observed === null ? 0 : r.attempts?.length ?? 1), 0);
    runs.push({ wallMs, code: run.status, requests, runMs: report.durationMs });
  }
  return runs;
}

interface ValidationRun { prepareMs: number; firstMs: number; laterMs: number }
const READ_BACK_REPORT = join(ROOT, 'test', 'hostile', 'reports', 'earlier-run.json');

/**
 * Fresh processes (bench/report-validation.ts), compiled and precompiled alternated, from `src` (tsx) and, when it
 * is built, from `dist` (plain node; the child is erasable TypeScript, which node runs as it is).
 */
function readBackValidation(rounds: number): { runs: Record<'src' | 'dist', Record<'compiled' | 'precompiled', ValidationRun[]>> } {
  const child = join(ROOT, 'bench', 'report-validation.ts');
  const built = existsSync(join(ROOT, 'dist', 'src', 'schemas', 'generated', 'conformance-validator.js'));
  const froms = built ? (['src', 'dist'] as const) : (['src'] as const);
  const runs = { src: { compiled: [] as ValidationRun[], precompiled: [] as ValidationRun[] }, dist: { compiled: [] as ValidationRun[], precompiled: [] as ValidationRun[] } };
  for (let i = 0; i < rounds; i++) {
    for (const from of froms) {
      for (const mode of ['compiled', 'precompiled'] as const) {
        const args = [...(from === 'src' ? ['--import', TSX] : []), child, mode, from, READ_BACK_REPORT];
        const run = spawnSync(process.execPath, args, { cwd: ROOT, env: cleanEnv({ NODE_NO_WARNINGS: '1' }) });
        if (run.status !== 0) throw new Error(`report-validation.ts ${mode} ${from} exited ${run.status}: ${run.stderr.toString().slice(-500)}`);
        runs[from][mode].push(JSON.parse(run.stdout.toString()) as ValidationRun);
      }
    }
  }
  return { runs };
}

const SECTIONS = ['wall', 'harness', 'throughput', 'verification', 'sandbox', 'bad-day', 'read-back'] as const;
const COMMAND: CommandSpec = {
  usage: 'npm run bench --',
  summary: 'Prints the performance figures, each measured side by side in this run. A section name runs that one alone.',
  options: {},
  positionals: { text: `[${SECTIONS.join(' | ')}]`, min: 0, max: 1 },
};
let only: string | undefined;
try {
  const args = parseCommandLine(COMMAND, process.argv.slice(2));
  if (args.kind !== 'run') {
    process.stdout.write(args.text);
    process.exit(0);
  }
  only = args.positionals[0];
  if (only !== undefined && !(SECTIONS as readonly string[]).includes(only)) {
    throw new ConfigError('section', `${JSON.stringify(only)} is not a section of the bench${didYouMean(only, SECTIONS)}`);
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`bench: ${error.message}\n`);
  process.exit(2);
}
const wanted = (section: string) => only === undefined || only === section;

print(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);

if (wanted('wall')) {
const wall = conformanceWallTime(5);
print(`conformance run (npm run conformance, bundled provider, median of 5, alternated): ${ms(wall.wallMs)} wall, ` +
  `${wall.results} results, ${(wall.results / (wall.wallMs / 1000)).toFixed(1)} scenarios/s; a trivial vitest run of one test ` +
  `${ms(wall.vitestMs)} = ${(wall.wallMs / wall.vitestMs).toFixed(2)}× (target: ≤ 2×)`);
print(`conformance run peak RSS (median of 5): ${wall.rssMiB.toFixed(0)} MiB (target: ≤ 200 MiB)`);
}

if (wanted('harness')) {
const cost = await harnessCost(31);
print(`harness cost (same ${cost.requests} requests, median of 31 after 5 warm-up rounds): session ${ms(cost.harnessMs)} vs raw undici ${ms(cost.rawMs)} ` +
  `= ${(cost.harnessMs / cost.rawMs).toFixed(2)}× (target: ≤ 1.5×)`);
}

if (wanted('throughput')) {
const rate = await providerThroughput(5, 16, 5000);
print(`provider throughput (16 keep-alive connections, 5000 requests, median of 5): 200 path (a send) ${rate.sent.rate.toFixed(0)} req/s, ` +
  `500 path (an error state) ${rate.error.rate.toFixed(0)} req/s; bare node:http ${rate.bare.rate.toFixed(0)} req/s (same request) ` +
  `= ${(rate.sent.rate / rate.bare.rate).toFixed(2)}× on the 200 path, ${(rate.error.rate / rate.bare.rate).toFixed(2)}× on the 500 path (target: ≥ 0.5×)`);
print(`provider CPU per request (server process, user + system): 200 path ${rate.sent.cpuMicros.toFixed(1)} µs, ` +
  `500 path ${rate.error.cpuMicros.toFixed(1)} µs; bare node:http ${rate.bare.cpuMicros.toFixed(1)} µs ` +
  `= ${(rate.bare.cpuMicros / rate.sent.cpuMicros).toFixed(2)}× of the provider's cost on the 200 path ` +
  `(unlike req/s, not capped by the load generator's own CPU)`);
}

if (wanted('verification')) {
const verification = verificationPerInteraction();
print(verification
  ? `pact verification (npm run pact:verify, bundled provider): ${ms(verification.totalMs)} for ${verification.interactions} interactions = ` +
    `${(verification.totalMs / verification.interactions).toFixed(1)} ms per interaction (process start included)`
  : 'pact verification: no pact file in contracts/pacts/ (run npm run pact:consumer first)');
}

if (wanted('sandbox')) {
const cost = await journalCost(5, 16, 5000);
print(`sandbox request journal (16 keep-alive connections, 5000 sends, median of 5, alternated): on ${cost.on.rate.toFixed(0)} req/s, ` +
  `off ${cost.off.rate.toFixed(0)} req/s = ${(cost.on.rate / cost.off.rate).toFixed(2)}×; server CPU per request on ${cost.on.cpuMicros.toFixed(1)} µs, ` +
  `off ${cost.off.cpuMicros.toFixed(1)} µs = ${(cost.on.cpuMicros / cost.off.cpuMicros).toFixed(2)}×; RSS after a run on ${cost.on.rssMiB.toFixed(0)} MiB, ` +
  `off ${cost.off.rssMiB.toFixed(0)} MiB = ${(cost.on.rssMiB / cost.off.rssMiB).toFixed(2)}×`);
for (const kind of ['provider', 'provider-no-journal'] as const) {
  const memory = await journalMemory(kind, 16);
  print(`sandbox memory, journal ${kind === 'provider' ? 'on ' : 'off'} (heap after a full GC / RSS): at start ${memory.start.heapMiB.toFixed(1)} / ` +
    `${memory.start.rssMiB.toFixed(0)} MiB, after 10k requests ${memory.at10k.heapMiB.toFixed(1)} / ${memory.at10k.rssMiB.toFixed(0)} MiB, ` +
    `after 100k ${memory.at100k.heapMiB.toFixed(1)} / ${memory.at100k.rssMiB.toFixed(0)} MiB (journal and outbox keep the newest 1000 each)`);
}
const page = await pageLatency(21);
print(typeof page === 'string'
  ? `sandbox page: not measured (${page})`
  : `sandbox page (/__admin/ui in headless chromium): a new request shows in ${page.medianMs.toFixed(0)} ms (median of 21, max ${page.maxMs.toFixed(0)} ms; goal: under 1 s)`);
}

if (wanted('bad-day')) {
const { clean, flaky } = await flakyTargetCost(7);
const cleanMs = median(clean.map((r) => r.wallMs));
const flakyMs = median(flaky.map((r) => r.wallMs));
print(`flaky target (full run in process, bundled sandbox, no rate limit; median of 7 alternated, each round its own fault seed): ` +
  `no fault ${ms(cleanMs)}, 5 % of the requests that cannot deliver answered 502 ${ms(flakyMs)} = +${ms(flakyMs - cleanMs)} ` +
  `(${median(flaky.map((r) => r.retried))} steps retried, median; requests ${median(clean.map((r) => r.requests))} → ` +
  `${median(flaky.map((r) => r.requests))}; exit codes ${[...new Set(flaky.map((r) => r.exitCode))].join(', ')})`);
const addedDeliveries = flaky.map((r, i) => r.delivering - clean[i]!.delivering);
print(`delivering requests (a success holder's ids in the body): ${clean.map((r) => r.delivering).join(', ')} without the fault, ` +
  `${flaky.map((r) => r.delivering).join(', ')} with it: retries added ${Math.max(...addedDeliveries)} (target: 0 in every run)`);
const down = await downTarget(3);
print(`down target (connections refused, LEAN_RATE_LIMIT default 5/s; median of 3): inconclusive after ${ms(median(down.map((r) => r.runMs)))} ` +
  `of run (${ms(median(down.map((r) => r.wallMs)))} wall with process start), ${median(down.map((r) => r.requests))} requests, ` +
  `exit ${[...new Set(down.map((r) => r.code))].join(', ')} (target: < 5 s, ≤ 10 requests)`);
}

if (wanted('read-back')) {
const rounds = 11;
const { runs } = readBackValidation(rounds);
const results = (JSON.parse(readFileSync(READ_BACK_REPORT, 'utf8')) as ConformanceReport).results.length;
const fine = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
for (const [from, label] of [['src', 'the sources (node with tsx, as npm run)'], ['dist', 'dist/ (plain node, as the package)']] as const) {
  const { compiled, precompiled } = runs[from];
  if (compiled.length === 0) {
    print(`report read back from ${label}: not measured (dist/ has no precompiled validator: run npm run build)`);
    continue;
  }
  const m = (list: ValidationRun[], key: keyof ValidationRun) => median(list.map((r) => r[key]));
  const total = (list: ValidationRun[]) => median(list.map((r) => r.prepareMs + r.firstMs));
  print(`report read back, from ${label}; a run's conformance.json of ${results} results, a fresh process each, median of ${rounds}, alternated: ` +
    `first validation ${fine(total(compiled))} with the schema compiled on first use (compile ${fine(m(compiled, 'prepareMs'))} + ` +
    `validation ${fine(m(compiled, 'firstMs'))}) vs ${fine(total(precompiled))} precompiled (module load ${fine(m(precompiled, 'prepareMs'))} + ` +
    `validation ${fine(m(precompiled, 'firstMs'))}; target ≤ 5 ms) = ${(total(compiled) / total(precompiled)).toFixed(1)}× faster; ` +
    `later validations ${m(compiled, 'laterMs').toFixed(3)} ms vs ${m(precompiled, 'laterMs').toFixed(3)} ms`);
}
}
