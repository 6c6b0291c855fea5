// `npm run provider`: the bundled reference provider standalone, as a sandbox. Prints where it listens and how
// to point the suite (or a team's own client) at it as `export` lines a POSIX shell takes as they are; secrets
// (the password, the admin token) only on request (--print-credentials), since terminal output ends up in logs,
// and in the private files of --env-out and --state-dir. Runs until SIGINT or SIGTERM, then cleans up.
import { resolve } from 'node:path';
import { ConfigError, writeAtomically } from '../input/index.ts';
import { isLoopbackHost } from '../net/loopback.ts';
import { MAX_FAULT_SEED, MAX_OUTBOX_LIMIT, sandboxEnvironment, startSandbox, type Sandbox, type SandboxEnvironment } from '../sandbox/index.ts';
import { invocationOf, usageFor } from '../report/invocation.ts';
import { parseCommandLine, type CommandSpec } from './args.ts';
import { isEntryPoint, runAsProcess, STOP_SIGNALS, type CliMain } from './io.ts';

export const PROVIDER_COMMAND: CommandSpec = {
  usage: 'npm run provider --',
  summary:
    'Starts the bundled reference provider: it answers sendOtp and sendOtpDisposable exactly as documented, ' +
    'records every OTP it "sends" in an outbox, and, with --admin, takes holders and faults at run time.',
  options: {
    tls: { type: 'boolean', doc: 'serve HTTPS and require a client certificate (mutual TLS), as the real API does' },
    host: { type: 'string', value: 'host', doc: 'address to listen on (default 127.0.0.1); one that is not loopback needs --tls' },
    port: { type: 'string', value: 'port', doc: 'port to listen on (default: the state directory\'s, else any free port)' },
    'tls-name': { type: 'string', value: 'name', multiple: true, doc: 'a name the server certificate covers (default 127.0.0.1, localhost, ::1)' },
    'state-dir': {
      type: 'string', value: 'dir',
      doc: 'keep credentials, admin token, holders, port and certificates here (0700, files 0600) and reuse them on later starts',
    },
    'env-out': {
      type: 'string', value: 'file',
      doc: 'write a .env (mode 0600) the suite reads: LEAN_BASE_URL, LEAN_USERNAME, LEAN_PASSWORD, LEAN_FIXTURES, certificate paths',
    },
    admin: { type: 'boolean', doc: 'serve the admin API (outbox, request journal, holders, faults, reset) and its page (/__admin/ui) under /__admin, behind its own bearer token' },
    'outbox-limit': { type: 'string', value: 'n', doc: 'outbox entries kept, the newest (default 1000); older ones are dropped and counted' },
    seed: { type: 'string', value: 'n', doc: 'seed of the faults that hit a share of requests (probability): the same requests are hit on every start' },
    'fixtures-out': { type: 'string', value: 'file', doc: 'write the fixture file (LEAN_FIXTURES) here (mode 0600; kept after the stop)' },
    'print-fixtures': { type: 'boolean', doc: 'print the fixture file as one JSON line' },
    'print-credentials': { type: 'boolean', doc: 'print the password and the admin token too (terminal output ends up in logs)' },
  },
  epilogue: [
    'The printed `export` lines point the conformance suite at this provider; without --print-credentials the',
    'password is left out (--env-out writes it to a private file instead). Stop with Ctrl-C (SIGINT) or SIGTERM;',
    'without --state-dir every start is fresh (new password, holders, certificates) and the files it made up are removed',
    'on stop; the files --env-out and --fixtures-out name are kept (mode 0600), as is the state directory.',
  ].join('\n'),
};

interface CliOptions {
  tls: boolean;
  host: string;
  port: number | undefined;
  tlsNames: string[] | undefined;
  stateDir: string | undefined;
  envOut: string | undefined;
  admin: boolean;
  outboxLimit: number | undefined;
  seed: number | undefined;
  fixturesOut: string | undefined;
  printFixtures: boolean;
  printCredentials: boolean;
}

function integerOption(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d{1,16}$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`--${name}`, `must be an integer from ${min} to ${max}, not ${JSON.stringify(raw.slice(0, 40))}`);
  }
  return value;
}

function options(values: Readonly<Record<string, string | boolean | string[] | undefined>>, cwd: string): CliOptions {
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const path = (name: string): string | undefined => {
    const value = text(name);
    if (value === '') throw new ConfigError(`--${name}`, 'must name a path, not be empty');
    return value === undefined ? undefined : resolve(cwd, value);
  };
  const tls = values['tls'] === true;
  const host = text('host') ?? '127.0.0.1';
  if (host === '') throw new ConfigError('--host', 'must name an address, not be empty');
  if (!tls && !isLoopbackHost(host.replace(/^\[|\]$/g, ''))) {
    throw new ConfigError('--host', `${JSON.stringify(host.slice(0, 60))} is not a loopback address, and serving HTTP Basic credentials to the network in clear needs --tls`);
  }
  const names = values['tls-name'];
  const tlsNames = Array.isArray(names) && names.length > 0 ? names : undefined;
  if (tlsNames && !tls) throw new ConfigError('--tls-name', 'names what the server certificate covers, so it needs --tls');
  if (tlsNames?.some((n) => n === '' || /[\s,]/.test(n))) throw new ConfigError('--tls-name', 'must be a host name or an IP address');
  return {
    tls,
    host,
    port: integerOption('port', text('port'), 0, 65535),
    tlsNames,
    stateDir: path('state-dir'),
    envOut: path('env-out'),
    admin: values['admin'] === true,
    outboxLimit: integerOption('outbox-limit', text('outbox-limit'), 1, MAX_OUTBOX_LIMIT),
    seed: integerOption('seed', text('seed'), 0, MAX_FAULT_SEED),
    fixturesOut: path('fixtures-out'),
    printFixtures: values['print-fixtures'] === true,
    printCredentials: values['print-credentials'] === true,
  };
}

/** A value as one POSIX shell word: single-quoted, a quote inside written as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A value as node's .env parser (--env-file, process.loadEnvFile) reads it back unchanged. */
export function dotenvQuote(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new ConfigError('--env-out', `the value of ${name} holds a line break, which a .env cannot carry`);
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new ConfigError('--env-out', `the value of ${name} holds both quote characters, which a .env cannot carry`);
}

/** Readable by its owner only, and written atomically. */
function writePrivate(path: string, text: string): Promise<void> {
  return writeAtomically(path, text, { mode: 0o600 });
}

/** A file an option names: a failure to write it is that option's error (exit 2), in one sentence. */
async function writeNamed(option: string, path: string, text: string, write: (p: string, t: string) => Promise<void>): Promise<void> {
  try {
    await write(path, text);
  } catch (error) {
    throw new ConfigError(option, `cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function startFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return `provider: could not start: ${code === undefined ? message : `${message} (${code})`}`.replace(/\.?$/, '.');
}

export const main: CliMain = async (argv, env, io) => {
  let cli: CliOptions;
  try {
    const parsed = parseCommandLine({ ...PROVIDER_COMMAND, usage: usageFor(PROVIDER_COMMAND.usage, invocationOf(env)) }, argv);
    if (parsed.kind !== 'run') {
      io.out(parsed.text);
      return 0;
    }
    cli = options(parsed.values, io.cwd);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`provider: ${error.message}\n`);
    return 2;
  }
  if (io.signal.aborted) return 0;

  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      tls: cli.tls,
      host: cli.host,
      adminApi: cli.admin,
      ...(cli.port === undefined ? {} : { port: cli.port }),
      ...(cli.tlsNames ? { tlsNames: cli.tlsNames } : {}),
      ...(cli.stateDir ? { stateDir: cli.stateDir } : {}),
      ...(cli.outboxLimit === undefined ? {} : { outboxLimit: cli.outboxLimit }),
      ...(cli.seed === undefined ? {} : { faultSeed: cli.seed }),
      onNotice: (sentence) => io.err(`provider: ${sentence}\n`),
    });
  } catch (error) {
    // Starting fails on what the arguments asked for (a state directory, a host not on this machine, a port in use).
    io.err(error instanceof ConfigError ? `provider: ${error.message}\n` : `${startFailure(error)}\n`);
    return 2;
  }

  let files: SandboxEnvironment | undefined;
  try {
    // Holder ids may identify people on a real target's copy of this file: private, like every file written here.
    if (cli.fixturesOut) await writeNamed('--fixtures-out', cli.fixturesOut, `${JSON.stringify(sandbox.fixtures(), null, 2)}\n`, writePrivate);
    files = await sandboxEnvironment(sandbox, { writeFixtures: cli.envOut !== undefined, ...(cli.fixturesOut ? { fixturesPath: cli.fixturesOut } : {}) });
    const vars = files.variables;
    if (cli.envOut) {
      const lines = vars.map(({ name, value }) => `${name}=${dotenvQuote(name, value)}`);
      await writeNamed('--env-out', cli.envOut, `# Written by the sandbox (${usageFor(PROVIDER_COMMAND.usage, invocationOf(env))}): the suite reads it as .env (or: node --env-file).\n${lines.join('\n')}\n`, writePrivate);
    }
    const out = (line: string): void => io.out(`${line}\n`);
    const hidden = cli.envOut ? `in ${cli.envOut}; --print-credentials prints it` : 'start with --print-credentials or --env-out <file> to get it';
    out(`Reference provider listening on ${sandbox.url}`);
    out(`username: ${sandbox.credentials.username}`);
    out(cli.printCredentials ? 'password: (in the export lines below)' : `password: (not shown; ${hidden})`);
    out(`on-behalf-of accepted: ${sandbox.onBehalfOf}`);
    if (sandbox.adminUrl) out(`admin API: ${sandbox.adminUrl} (Authorization: Bearer <token>; token ${cli.printCredentials ? 'below' : `not shown, ${hidden}`})`);
    if (sandbox.adminUrl) out(`sandbox page: ${sandbox.adminUrl}/ui (it asks for the admin token)`);
    out(`outbox: the newest ${cli.outboxLimit ?? 1000} entries are kept`);
    if (sandbox.state) out(`state kept in ${sandbox.state.dir} (directory 0700, files 0600; reused on the next start with --state-dir)`);
    if (files.files.fixtures) out(`fixtures written to ${files.files.fixtures}`);
    if (files.files.clientCert) {
      out(`client certificate: ${files.files.clientCert}`);
      out(`client key:         ${files.files.clientKey}`);
      out(`CA certificate:     ${files.files.ca}`);
    }
    if (cli.envOut) out(`.env written to ${cli.envOut} (mode 0600)`);
    if (files.temporary) out(`removed when the provider stops: ${files.temporary} and the files in it`);
    const kept = [cli.fixturesOut, cli.envOut].filter((f): f is string => f !== undefined);
    if (kept.length > 0) out(`kept after the provider stops (mode 0600, yours to remove): ${kept.join(', ')}`);
    out('To point the conformance suite at it, paste into a POSIX shell:');
    for (const { name, value, secret } of vars) {
      out(secret && !cli.printCredentials ? `  # ${name} not shown (${hidden})` : `  export ${name}=${shellQuote(value)}`);
    }
    if (cli.printFixtures) out(`fixtures: ${JSON.stringify(sandbox.fixtures())}`);

    const signal = await new Promise<string>((resolveStop) => {
      if (io.signal.aborted) return resolveStop(String(io.signal.reason ?? 'stop'));
      io.signal.addEventListener('abort', () => resolveStop(String(io.signal.reason ?? 'stop')), { once: true });
    });
    await stop(sandbox, files);
    io.err(`reference provider stopped (${signal})\n`);
    return 0;
  } catch (error) {
    await stop(sandbox, files);
    if (error instanceof ConfigError) {
      io.err(`provider: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
};

async function stop(sandbox: Sandbox, files: SandboxEnvironment | undefined): Promise<void> {
  await sandbox.close();
  await files?.close();
}

if (isEntryPoint(import.meta.url)) {
  // A terminal signals the whole group, and npx passes the signal on as well: a second one must not cut the
  // cleanup (closing sockets, removing the private files) short. The first one stops the provider.
  for (const name of STOP_SIGNALS) process.on(name, () => undefined);
  await runAsProcess('provider', main);
}
