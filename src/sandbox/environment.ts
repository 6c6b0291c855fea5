// The variables that point the suite, or a team's own client, at a started sandbox: LEAN_BASE_URL, the
// credentials, LEAN_FIXTURES and, with TLS, the client certificate, its key and the CA as files (the suite
// reads paths, not PEM text). `npx lean-otp-conformance sandbox` prints and writes these; a team's test gets
// them from `sandboxEnvironment(sandbox)` and passes them to `loadConfig` or its own client.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_STATES, OPERATION_IDS } from '../catalog/index.ts';
import { writeAtomically } from '../input/index.ts';
import type { Sandbox } from './sandbox.ts';

/** Sends a conformance run against the sandbox may make: every success state, on both operations. */
export const SANDBOX_MAX_SENDS = FIXTURE_STATES.filter((s) => s.outcome === 'sent').length * OPERATION_IDS.length;
/** Requests per second allowed against it: it is on this machine, nothing is costly. */
export const SANDBOX_RATE_LIMIT = 1000;

export interface SandboxVariable {
  readonly name: string;
  readonly value: string;
  /** The password and the admin token: printed only on request. */
  readonly secret: boolean;
}

export interface SandboxEnvironment {
  /** Every variable, in the order a `.env` lists them. */
  readonly variables: readonly SandboxVariable[];
  /** The same as an environment: `loadConfig({ ...process.env, ...env })` runs the suite against the sandbox. */
  readonly env: Readonly<Record<string, string>>;
  readonly files: { readonly fixtures?: string; readonly clientCert?: string; readonly clientKey?: string; readonly ca?: string };
  /** The private temporary directory holding the files, which `close` removes; undefined: none was made. */
  readonly temporary: string | undefined;
  /** Removes the temporary files (a state directory's files stay). Call it after the sandbox is closed or not needed. */
  close(): Promise<void>;
}

export interface SandboxEnvironmentOptions {
  /** Where the fixture file already is (`--fixtures-out`); otherwise it is written beside the TLS files. */
  readonly fixturesPath?: string;
  /** Write the fixture file when nothing else needs a file (default true; the CLI prints no LEAN_FIXTURES then). */
  readonly writeFixtures?: boolean;
}

/** Readable by its owner only, and written atomically. */
function writePrivate(path: string, text: string): Promise<void> {
  return writeAtomically(path, text, { mode: 0o600 });
}

/** The files of a sandbox (its state directory's, or fresh private temporary ones) and the variables naming them. */
export async function sandboxEnvironment(sandbox: Sandbox, options: SandboxEnvironmentOptions = {}): Promise<SandboxEnvironment> {
  const files: { fixtures?: string; clientCert?: string; clientKey?: string; ca?: string } = {};
  let temporary: string | undefined;
  if (sandbox.state) {
    files.fixtures = sandbox.state.paths.fixtures;
    if (sandbox.tls) Object.assign(files, { clientCert: sandbox.state.paths.clientCert, clientKey: sandbox.state.paths.clientKey, ca: sandbox.state.paths.ca });
  } else if (sandbox.tls || (options.writeFixtures ?? true)) {
    temporary = await mkdtemp(join(tmpdir(), 'lean-reference-'));
    await chmod(temporary, 0o700);
    files.fixtures = join(temporary, 'fixtures.json');
    await writePrivate(files.fixtures, `${JSON.stringify(sandbox.fixtures(), null, 2)}\n`);
    if (sandbox.tls) {
      Object.assign(files, { clientCert: join(temporary, 'client.crt'), clientKey: join(temporary, 'client.key'), ca: join(temporary, 'ca.crt') });
      await writePrivate(files.clientCert!, sandbox.tls.clientCert);
      await writePrivate(files.clientKey!, sandbox.tls.clientKey);
      await writePrivate(files.ca!, sandbox.tls.ca);
    }
  }
  if (options.fixturesPath) files.fixtures = options.fixturesPath;

  const variables: SandboxVariable[] = [
    { name: 'LEAN_BASE_URL', value: sandbox.url, secret: false },
    { name: 'LEAN_USERNAME', value: sandbox.credentials.username, secret: false },
    { name: 'LEAN_PASSWORD', value: sandbox.credentials.password, secret: true },
  ];
  if (files.fixtures) variables.push({ name: 'LEAN_FIXTURES', value: files.fixtures, secret: false });
  if (files.clientCert && files.clientKey && files.ca) {
    variables.push(
      { name: 'LEAN_CLIENT_CERT', value: files.clientCert, secret: false },
      { name: 'LEAN_CLIENT_KEY', value: files.clientKey, secret: false },
      { name: 'LEAN_CA_CERT', value: files.ca, secret: false },
    );
  }
  variables.push(
    { name: 'LEAN_MAX_SENDS', value: String(SANDBOX_MAX_SENDS), secret: false },
    { name: 'LEAN_RATE_LIMIT', value: String(SANDBOX_RATE_LIMIT), secret: false },
  );
  if (sandbox.adminUrl && sandbox.adminToken) {
    variables.push(
      { name: 'SANDBOX_ADMIN_URL', value: sandbox.adminUrl, secret: false },
      { name: 'SANDBOX_ADMIN_TOKEN', value: sandbox.adminToken, secret: true },
    );
  }
  const dir = temporary;
  return {
    variables,
    env: Object.fromEntries(variables.map(({ name, value }) => [name, value])),
    files,
    temporary: dir,
    close: async () => {
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}
