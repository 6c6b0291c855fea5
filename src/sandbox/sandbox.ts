// The reference provider as a sandbox teams build against: the provider, plus its HTTP admin API (on by
// default here), and optionally a state directory that keeps it the same across restarts. The programmatic
// entry point of tests written in TypeScript; `npm run provider` is the same thing from the command line.
import { randomBytes } from 'node:crypto';
import { ConfigError } from '../input/index.ts';
import { ADMIN_PREFIX } from './admin-api.ts';
import { createPki } from './pki.ts';
import { startReferenceProvider, type StartOptions } from './server.ts';
import { openStateDir, type OpenedState } from './state-dir.ts';
import type { ReferenceProvider } from './types.ts';

export interface SandboxOptions extends Omit<StartOptions, 'admin' | 'holders' | 'users' | 'tlsMaterial'> {
  /** The HTTP admin API: true (the default) with a generated token (the state directory's, when kept), a given token, or false. */
  adminApi?: boolean | { token: string };
  /** Keep the credentials, the admin token, the holders, the port and the TLS material here across starts. */
  stateDir?: string;
  /** With `tls`: the names the server certificate covers (default 127.0.0.1, localhost, ::1). */
  tlsNames?: readonly string[];
  /** Told what a state directory had to renew (expired certificates). */
  onNotice?: (sentence: string) => void;
}

export interface Sandbox extends ReferenceProvider {
  /** Base URL of the HTTP admin API (`{url}/__admin`); null when it is not mounted. */
  adminUrl: string | null;
  /** Its bearer token; null when it is not mounted. */
  adminToken: string | null;
  /** The state directory in use, with the paths of the files it keeps; null without one. */
  state: OpenedState | null;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { adminApi = true, stateDir, tlsNames, onNotice, ...start } = options;
  if (stateDir !== undefined && start.pki) throw new Error('options.pki and options.stateDir exclude each other: the state directory keeps its own PKI.');
  const state = stateDir === undefined
    ? null
    : await openStateDir(stateDir, { tls: start.tls === true, ...(tlsNames ? { tlsNames } : {}), ...(onNotice ? { onNotice } : {}) });

  const token = adminApi === false ? null : adminApi === true ? (state?.adminToken ?? randomBytes(24).toString('base64url')) : adminApi.token;
  const startOptions: StartOptions = { ...start, ...(token === null ? {} : { admin: { token } }) };
  if (state) {
    startOptions.users = state.users;
    startOptions.holders = state.holders;
    if (state.tls) startOptions.tlsMaterial = state.tls;
    startOptions.port = start.port ?? state.port ?? 0;
  } else if (start.tls && tlsNames && !start.pki) {
    startOptions.pki = await createPki({ hosts: tlsNames });
  }

  let provider: ReferenceProvider;
  try {
    provider = await startReferenceProvider(startOptions);
  } catch (error) {
    await state?.release();
    if (state && start.port === undefined && state.port !== null && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError('--state-dir', `port ${state.port}, kept in ${state.dir}, is in use (another sandbox on this directory?); give --port to choose another`);
    }
    throw error;
  }
  if (state) {
    // The lock goes with the sandbox: released once it stopped listening, not before.
    const close = provider.close.bind(provider);
    let closing: Promise<void> | undefined;
    provider.close = () => (closing ??= close().then(() => state.release()));
    try {
      await state.rememberPort(Number(new URL(provider.url).port));
    } catch (error) {
      await provider.close();
      throw error;
    }
  }
  return Object.assign(provider, {
    adminUrl: token === null ? null : `${provider.url}${ADMIN_PREFIX}`,
    adminToken: token,
    state,
  });
}
