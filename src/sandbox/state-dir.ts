// A sandbox's state directory (`--state-dir`): credentials, the admin token, the holders, the port and the TLS
// material are created on the first start and reused on every later one, so a saved `.env` and fixture file stay
// valid across restarts. The directory is private (0700) and every file in it is 0600; files are replaced
// atomically (written aside, then renamed), so a crash never leaves half a state behind. What the admin API
// changes at run time is not written back: a restart returns to the kept state.
import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FIXTURE_STATES, OPERATION_IDS } from '../catalog/index.ts';
import { ConfigError, isPlainObject, parseJsonText, readConfiguredFile, writeAtomically } from '../input/index.ts';
import { defaultUsers } from '../provider/auth.ts';
import { createPki, LOOPBACK_HOSTS } from './pki.ts';
import { createStore, newContact, type HolderRecord } from './store.ts';
import type { FixtureFile, ProviderUser } from '../provider/types.ts';
import type { TlsMaterial } from './types.ts';

const OPTION = '--state-dir';
const VERSION = 1;
/** Certificates of a state directory last this long; they are renewed (with a notice) when a day is left. */
const CERT_DAYS = 825;
const DAY_MS = 24 * 60 * 60 * 1000;

export const STATE_FILES = Object.freeze({
  state: 'state.json',
  fixtures: 'fixtures.json',
  ca: 'ca.crt',
  serverCert: 'server.crt',
  serverKey: 'server.key',
  clientCert: 'client.crt',
  clientKey: 'client.key',
});

interface StoredState {
  version: 1;
  port: number | null;
  users: ProviderUser[];
  adminToken: string;
  holders: HolderRecord[];
  /** Names the server certificate covers; null until a TLS start. */
  tlsNames: string[] | null;
}

export interface OpenedState {
  dir: string;
  users: ProviderUser[];
  adminToken: string;
  holders: HolderRecord[];
  /** The port of the last start (null before the first). */
  port: number | null;
  /** Present when opened for TLS. */
  tls?: TlsMaterial;
  /** Absolute paths of the files a `.env` points at. */
  paths: { fixtures: string; ca: string; clientCert: string; clientKey: string };
  /** Keeps the port the provider listens on, for the next start. */
  rememberPort(port: number): Promise<void>;
}

export interface StateDirOptions {
  tls: boolean;
  /** Names the server certificate must cover; default the kept ones, or LOOPBACK_HOSTS on the first TLS start. */
  tlsNames?: readonly string[];
  /** Told about what the directory had to renew. */
  onNotice?: (sentence: string) => void;
}

/** Readable by its owner only, and written atomically. */
function writePrivate(path: string, text: string): Promise<void> {
  return writeAtomically(path, text, { mode: 0o600 });
}

function fail(rule: string): never {
  throw new ConfigError(OPTION, rule);
}

function readUsers(value: unknown, file: string): ProviderUser[] {
  if (!Array.isArray(value) || value.length === 0) fail(`${file} must list the users`);
  return value.map((raw) => {
    const user = raw as Record<string, unknown>;
    const operations = user['operations'];
    if (
      !isPlainObject(raw) || typeof user['username'] !== 'string' || user['username'] === '' ||
      typeof user['password'] !== 'string' || user['password'].length < 16 || !Array.isArray(operations) ||
      !operations.every((op) => OPERATION_IDS.includes(op as never))
    ) {
      fail(`${file} has a malformed user (username, a password of 16 characters or more, operations)`);
    }
    return { username: user['username'] as string, password: user['password'] as string, operations: operations as ProviderUser['operations'] };
  });
}

function readHolders(value: unknown, file: string): HolderRecord[] {
  if (!Array.isArray(value)) fail(`${file} must list the holders`);
  const states = FIXTURE_STATES.map((s) => s.name);
  const seen = new Set<string>();
  return value.map((raw) => {
    const h = raw as Record<string, unknown>;
    if (!isPlainObject(raw) || typeof h['certIdOtp'] !== 'string' || typeof h['deviceCode'] !== 'string' || typeof h['state'] !== 'string') {
      fail(`${file} has a malformed holder (certIdOtp, deviceCode, state)`);
    }
    if (!states.includes(h['state'] as string)) {
      fail(`${file} keeps a holder in state ${JSON.stringify(h['state'])}, which the spec no longer has; remove the directory to start afresh`);
    }
    if (seen.has(h['certIdOtp'] as string)) fail(`${file} keeps two holders with one certIdOtp`);
    seen.add(h['certIdOtp'] as string);
    // Directories made before holders had addresses get made-up ones, kept from then on.
    const contact = newContact();
    const mobile = typeof h['mobile'] === 'string' ? h['mobile'] : contact.mobile;
    const email = typeof h['email'] === 'string' ? h['email'] : contact.email;
    return { certIdOtp: h['certIdOtp'] as string, deviceCode: h['deviceCode'] as string, state: h['state'] as string, mobile, email };
  });
}

function readState(path: string): StoredState {
  const file = STATE_FILES.state;
  const parsed = parseJsonText(readConfiguredFile(OPTION, path), OPTION, file);
  if (!isPlainObject(parsed) || parsed['version'] !== VERSION) fail(`${file} is not a version ${VERSION} state file of this sandbox`);
  const port = parsed['port'];
  if (port !== null && !(Number.isInteger(port) && (port as number) > 0 && (port as number) <= 65535)) fail(`${file} has a malformed port`);
  const token = parsed['adminToken'];
  if (typeof token !== 'string' || token.length < 16) fail(`${file} has a malformed admin token`);
  const names = parsed['tlsNames'];
  if (names !== null && !(Array.isArray(names) && names.length > 0 && names.every((n) => typeof n === 'string' && n !== ''))) {
    fail(`${file} has malformed tlsNames`);
  }
  return {
    version: VERSION,
    port: port as number | null,
    users: readUsers(parsed['users'], file),
    adminToken: token,
    holders: readHolders(parsed['holders'], file),
    tlsNames: names as string[] | null,
  };
}

function freshState(): StoredState {
  const store = createStore();
  store.seed();
  return { version: VERSION, port: null, users: defaultUsers(), adminToken: randomBytes(24).toString('base64url'), holders: store.holders(), tlsNames: null };
}

/** Holders for states the spec gained since the directory was made, so every state keeps a holder. */
function withEveryState(holders: HolderRecord[]): HolderRecord[] {
  const missing = FIXTURE_STATES.filter((s) => !holders.some((h) => h.state === s.name));
  if (missing.length === 0) return holders;
  const store = createStore(missing);
  store.seed();
  return [...holders, ...store.holders()];
}

function expiresSoon(pem: string, label: string): boolean {
  try {
    return Date.parse(new X509Certificate(pem).validTo) - Date.now() < DAY_MS;
  } catch {
    return fail(`${label} is not a PEM certificate`);
  }
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((name, i) => name === [...b].sort()[i]);
}

/** Opens (creating on first use) the state directory. @throws ConfigError naming --state-dir. */
export async function openStateDir(path: string, options: StateDirOptions): Promise<OpenedState> {
  const dir = resolve(path);
  const file = (name: string): string => join(dir, name);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
  } catch (error) {
    fail(`cannot use ${dir} as the state directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }

  const existing = existsSync(file(STATE_FILES.state));
  const state = existing ? readState(file(STATE_FILES.state)) : freshState();
  state.holders = withEveryState(state.holders);

  let tls: TlsMaterial | undefined;
  if (options.tls) {
    const wanted = options.tlsNames && options.tlsNames.length > 0 ? [...options.tlsNames] : (state.tlsNames ?? [...LOOPBACK_HOSTS]);
    const pemFiles = [STATE_FILES.ca, STATE_FILES.serverCert, STATE_FILES.serverKey, STATE_FILES.clientCert, STATE_FILES.clientKey];
    const kept = state.tlsNames !== null && pemFiles.every((name) => existsSync(file(name)));
    if (kept && !sameNames(wanted, state.tlsNames ?? [])) {
      fail(`${dir} keeps a server certificate for ${(state.tlsNames ?? []).join(', ')}, not ${wanted.join(', ')}; use another directory for other names`);
    }
    if (kept) {
      const read = (name: string): string => readConfiguredFile(OPTION, file(name));
      tls = {
        ca: read(STATE_FILES.ca),
        server: { cert: read(STATE_FILES.serverCert), key: read(STATE_FILES.serverKey) },
        client: { cert: read(STATE_FILES.clientCert), key: read(STATE_FILES.clientKey) },
      };
      const soon = [
        expiresSoon(tls.ca, STATE_FILES.ca),
        expiresSoon(tls.server.cert, STATE_FILES.serverCert),
        expiresSoon(tls.client.cert, STATE_FILES.clientCert),
      ].some(Boolean);
      if (soon) {
        options.onNotice?.(`The certificates kept in ${dir} expire within a day; new ones were made (clients must trust the new ca.crt).`);
        tls = undefined;
      }
    }
    if (!tls) {
      const pki = await createPki({ hosts: wanted, notAfter: new Date(Date.now() + CERT_DAYS * DAY_MS) });
      tls = { ca: pki.ca.cert, server: pki.server, client: pki.client };
      await writePrivate(file(STATE_FILES.ca), tls.ca);
      await writePrivate(file(STATE_FILES.serverCert), tls.server.cert);
      await writePrivate(file(STATE_FILES.serverKey), tls.server.key);
      await writePrivate(file(STATE_FILES.clientCert), tls.client.cert);
      await writePrivate(file(STATE_FILES.clientKey), tls.client.key);
    }
    state.tlsNames = wanted;
  }

  const save = (): Promise<void> => writePrivate(file(STATE_FILES.state), `${JSON.stringify(state, null, 2)}\n`);
  await save();
  const fixtures: FixtureFile = { holders: {} };
  for (const holder of state.holders) fixtures.holders[holder.state] = { certIdOtp: holder.certIdOtp, deviceCode: holder.deviceCode };
  await writePrivate(file(STATE_FILES.fixtures), `${JSON.stringify(fixtures, null, 2)}\n`);

  return {
    dir,
    users: state.users,
    adminToken: state.adminToken,
    holders: state.holders,
    port: state.port,
    ...(tls ? { tls } : {}),
    paths: {
      fixtures: file(STATE_FILES.fixtures),
      ca: file(STATE_FILES.ca),
      clientCert: file(STATE_FILES.clientCert),
      clientKey: file(STATE_FILES.clientKey),
    },
    async rememberPort(port) {
      if (state.port === port) return;
      state.port = port;
      await save();
    },
  };
}
