// `npm run provider`: the bundled reference provider, standalone. Prints where it listens and how to point the
// conformance suite at it; the password only on request (--print-credentials), since output ends up in logs.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startReferenceProvider } from '../provider/index.ts';

const USAGE =
  'usage: npm run provider -- [--tls] [--host 127.0.0.1] [--port 0] [--fixtures-out <file>] [--print-fixtures] [--print-credentials]';

interface CliOptions {
  tls: boolean;
  host: string;
  port: number;
  fixturesOut: string | undefined;
  printFixtures: boolean;
  printCredentials: boolean;
}

/** One sentence on stderr, exit 2: the usage is one `--help` away. */
function usageError(sentence: string): never {
  process.stderr.write(`provider: ${sentence} (see --help).\n`);
  process.exit(2);
}

/** node's parseArgs messages run to two sentences; the first one says what is wrong. */
function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split(/\.\s/)[0] ?? message).replace(/\.$/, '');
}

function parse(argv: string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        tls: { type: 'boolean', default: false },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '0' },
        'fixtures-out': { type: 'string' },
        'print-fixtures': { type: 'boolean', default: false },
        'print-credentials': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    usageError(firstSentence(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) usageError(`--port must be an integer from 0 to 65535, not "${values.port}"`);
  return {
    tls: values.tls,
    host: values.host,
    port,
    fixturesOut: values['fixtures-out'],
    printFixtures: values['print-fixtures'],
    printCredentials: values['print-credentials'],
  };
}

/** Writes a file readable by its owner only: these are a private key and what goes with it. */
async function writePrivate(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const provider = await startReferenceProvider({ tls: options.tls, host: options.host, port: options.port });
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);

  out(`Reference provider listening on ${provider.url}`);
  out(`username: ${provider.credentials.username}`);
  if (!options.printCredentials) out('password: (not shown; start with --print-credentials to print it once)');
  out(`on-behalf-of accepted: ${provider.onBehalfOf}`);

  const env: string[] = [`LEAN_BASE_URL=${provider.url}`, `LEAN_USERNAME=${provider.credentials.username}`];
  if (options.printCredentials) env.push(`LEAN_PASSWORD=${provider.credentials.password}`);

  if (options.fixturesOut) {
    const path = resolve(options.fixturesOut);
    await writeFile(path, `${JSON.stringify(provider.fixtures(), null, 2)}\n`);
    out(`fixtures written to ${path}`);
    env.push(`LEAN_FIXTURES=${path}`);
  }

  let pemDir: string | undefined;
  if (provider.tls) {
    pemDir = await mkdtemp(join(tmpdir(), 'lean-reference-'));
    await chmod(pemDir, 0o700);
    const files = { cert: join(pemDir, 'client.crt'), key: join(pemDir, 'client.key'), ca: join(pemDir, 'ca.crt') };
    await writePrivate(files.cert, provider.tls.clientCert);
    await writePrivate(files.key, provider.tls.clientKey);
    await writePrivate(files.ca, provider.tls.ca);
    out(`client certificate: ${files.cert}`);
    out(`client key:         ${files.key}`);
    out(`CA certificate:     ${files.ca}`);
    out('(these files are removed when the provider stops)');
    env.push(`LEAN_CLIENT_CERT=${files.cert}`, `LEAN_CLIENT_KEY=${files.key}`, `LEAN_CA_CERT=${files.ca}`);
  }

  out('To run the conformance suite against it:');
  for (const line of env) out(`  ${line}`);
  if (options.printFixtures) out(`fixtures: ${JSON.stringify(provider.fixtures())}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return; // a second signal (npx forwards one too) must not cut the cleanup short
    stopping = true;
    void (async () => {
      await provider.close();
      if (pemDir) await rm(pemDir, { recursive: true, force: true });
      process.stderr.write(`reference provider stopped (${signal})\n`);
      process.exitCode = 0;
      // Nothing should be left running; if something is, do not linger after a stop request.
      setTimeout(() => process.exit(0), 2_000).unref();
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // Starting fails on what the arguments asked for (a host not on this machine, a port in use): a usage error.
  process.stderr.write(`provider: could not start: ${error instanceof Error ? error.message : String(error)}.\n`);
  process.exit(2);
});
