// A sandbox's state directory (`--state-dir`): credentials, the admin token, the holders, the port and the TLS
// material are created on the first start and reused on every later one, so a saved `.env` and fixture file stay
// valid across restarts. The directory is private (0700) and every file in it is 0600; files are replaced
// atomically (written aside, then renamed), so a crash never leaves half a state behind. What the admin API
// changes at run time is not written back: a restart returns to the kept state.
//
// A directory that already holds something else is refused rather than written into (a mistyped path must not
// have its client.key replaced), a symbolic link is refused rather than followed, and a lock file keeps a
// second sandbox off a directory in use: two would share one port and overwrite each other's files.
import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, open, readdir, readFile, readlink, rm } from 'node:fs/promises';
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
  /** Present while a sandbox uses the directory: the id of its process. */
  lock: 'sandbox.lock',
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
  /** Gives the directory up (removes the lock): the sandbox stopped. */
  release(): Promise<void>;
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

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'error';

/** The directory itself, never a link to one, and holding nothing but what a state directory holds. */
async function checkOwnDirectory(dir: string): Promise<void> {
  const link = await lstat(dir).then((s) => s.isSymbolicLink(), () => false);
  if (link) {
    const target = await readlink(dir).catch(() => '?');
    fail(`${dir} is a symbolic link (to ${target}); give the directory itself, so its private files land where you see them`);
  }
  const names = await readdir(dir).catch((error: unknown) => fail(`cannot read ${dir} (${errorCode(error)})`));
  const ours = new Set<string>(Object.values(STATE_FILES));
  // A first start cut short may leave some of our own files (and a temporary one) without state.json yet.
  const foreign = names.filter((n) => !ours.has(n) && !/\.\d+\.[0-9a-f]{8}\.tmp$/.test(n));
  if (!names.includes(STATE_FILES.state) && foreign.length > 0) {
    fail(`${dir} is not empty and is no state directory of this sandbox (it holds ${foreign.slice(0, 3).map((n) => JSON.stringify(n)).join(', ')}${foreign.length > 3 ? ', …' : ''}); give a new or empty directory`);
  }
}

/** Whether a process with this id runs (one we may not signal runs too). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Takes the directory's lock, or says which process holds it; a lock left by a process that is gone is taken over. */
async function lock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, STATE_FILES.lock);
  const mine = `${process.pid}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(mine);
      await handle.close();
      return async () => {
        // Only our own lock: never one another sandbox took over after us.
        if ((await readFile(path, 'utf8').catch(() => '')) === mine) await rm(path, { force: true });
      };
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') fail(`cannot lock ${dir} (${errorCode(error)})`);
    }
    const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder > 0 && running(holder)) {
      fail(`another sandbox (process ${holder}) uses ${dir}; stop it first, or give another directory`);
    }
    await rm(path, { force: true });
  }
  return fail(`cannot lock ${dir}: another sandbox keeps taking it`);
}

/** Opens (creating on first use) the state directory. @throws ConfigError naming --state-dir. */
export async function openStateDir(path: string, options: StateDirOptions): Promise<OpenedState> {
  const dir = resolve(path);
  const file = (name: string): string => join(dir, name);
  const link = await lstat(dir).then((s) => s.isSymbolicLink(), () => false);
  if (!link) {
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      fail(`cannot use ${dir} as the state directory (${errorCode(error)})`);
    }
  }
  await checkOwnDirectory(dir);
  try {
    await chmod(dir, 0o700);
  } catch (error) {
    fail(`cannot use ${dir} as the state directory (${errorCode(error)})`);
  }
  const release = await lock(dir);
  try {
    return await openLocked(dir, file, options, release);
  } catch (error) {
    await release();
    throw error;
  }
}

async function openLocked(dir: string, file: (name: string) => string, options: StateDirOptions, release: () => Promise<void>): Promise<OpenedState> {
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
    release,
  };
}
