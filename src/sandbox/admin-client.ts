// The HTTP admin client: the SandboxAdmin interface over the admin API of a sandbox running elsewhere
// (`npm run provider -- --admin`, another process, a container). Refusals come back as the SandboxRequestError
// the in-process handle throws, with the API's status and sentence. Verification stays on: the sandbox's CA is
// added to Node's roots, never put in their place.
import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';
import type { ActiveFault, FaultSpec } from './faults.ts';
import type { JournalEntry, JournalFilter, JournalSnapshot } from './journal.ts';
import type { OutboxFilter, OutboxRecord, OutboxSnapshot } from './outbox.ts';
import type { HolderChange, HolderInput, JournalWaitOptions, ResetResult, SandboxAdmin, WaitOptions } from './sandbox-admin.ts';
import { SandboxRequestError, type SandboxErrorStatus } from './sandbox-error.ts';
import type { HolderRecord } from './store.ts';
import type { FixtureFile } from '../provider/types.ts';

export interface AdminClientOptions {
  /** The admin API's base URL: `{sandbox url}/__admin`. */
  url: string;
  token: string;
  /** For a `--tls` sandbox: its CA, and the client certificate and key it requires of every connection. */
  tls?: { ca?: string; cert?: string; key?: string };
  /** Deadline of each call (a wait gets its own timeout on top); default 10000. */
  timeoutMs?: number;
}

export interface AdminClient extends SandboxAdmin {
  /** Closes the client's connections. */
  close(): Promise<void>;
}

/** No answer of the admin API comes near this (1000 outbox entries are about 250 KiB). */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

type Json = Record<string, unknown>;

function revive(entry: Json): OutboxRecord {
  return { ...entry, at: new Date(String(entry['at'])) } as unknown as OutboxRecord;
}

function reviveRequest(entry: Json): JournalEntry {
  return { ...entry, at: new Date(String(entry['at'])) } as unknown as JournalEntry;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export function connectSandboxAdmin(options: AdminClientOptions): AdminClient {
  const base = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const tls = options.tls;
  const agent = new Agent({
    connect: {
      rejectUnauthorized: true,
      ...(tls?.ca === undefined ? {} : { ca: [...rootCertificates, tls.ca] }),
      ...(tls?.cert === undefined || tls.key === undefined ? {} : { cert: tls.cert, key: tls.key }),
    },
  });

  async function call(method: string, path: string, body?: unknown, extraMs = 0, signal?: AbortSignal): Promise<{ status: number; json: unknown }> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const response = await request(`${base}${path}`, {
      method: method as 'GET',
      dispatcher: agent,
      headers: { authorization: `Bearer ${options.token}`, ...(text === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(text === undefined ? {} : { body: text }),
      headersTimeout: timeoutMs + extraMs,
      bodyTimeout: timeoutMs,
      maxRedirections: 0,
      ...(signal ? { signal } : {}),
    } as Parameters<typeof request>[1]);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) {
        response.body.destroy();
        throw new Error(`The admin API at ${base} answered more than ${MAX_RESPONSE_BYTES} bytes.`);
      }
      chunks.push(chunk);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    let json: unknown = null;
    if (raw !== '') {
      try {
        json = JSON.parse(raw);
      } catch {
        throw new Error(`The admin API at ${base} answered ${method} ${path} with a body that is not JSON (status ${response.statusCode}).`);
      }
    }
    if (response.statusCode >= 400) {
      const sentence = typeof (json as Json | null)?.['error'] === 'string' ? String((json as Json)['error']) : `status ${response.statusCode}`;
      throw new SandboxRequestError(response.statusCode as SandboxErrorStatus, sentence);
    }
    return { status: response.statusCode, json };
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await call(method, path, body)).json as T;
  const id = (value: string): string => encodeURIComponent(value);

  return {
    async requests(filter?: JournalFilter) {
      const snapshot = await json<Json>('GET', `/requests${query({ ...filter })}`);
      return { ...snapshot, entries: (snapshot['entries'] as Json[]).map(reviveRequest) } as unknown as JournalSnapshot;
    },
    countRequests: (filter?: JournalFilter) => json<{ count: number }>('GET', `/requests/count${query({ ...filter })}`),
    async nextRequest(wait: JournalWaitOptions = {}, signal?: AbortSignal) {
      const { status, json: entry } = await call('GET', `/requests/next${query({ ...wait })}`, undefined, wait.timeoutMs ?? 5_000, signal);
      return status === 204 ? null : reviveRequest(entry as Json);
    },
    clearRequests: () => json<{ cleared: number }>('DELETE', '/requests'),
    reset: () => json<ResetResult>('POST', '/reset'),
    async outbox(filter?: OutboxFilter) {
      const snapshot = await json<Json>('GET', `/outbox${query({ ...filter })}`);
      return { ...snapshot, entries: (snapshot['entries'] as Json[]).map(revive) } as unknown as OutboxSnapshot;
    },
    clearOutbox: () => json<{ cleared: number }>('DELETE', '/outbox'),
    async nextOutboxEntry(wait: WaitOptions = {}, signal?: AbortSignal) {
      const { status, json: entry } = await call('GET', `/outbox/next${query({ ...wait })}`, undefined, wait.timeoutMs ?? 5_000, signal);
      return status === 204 ? null : revive(entry as Json);
    },
    holders: async () => (await json<{ holders: HolderRecord[] }>('GET', '/holders')).holders,
    fixtures: () => json<FixtureFile>('GET', '/fixtures'),
    addHolder: (input: HolderInput) => json<HolderRecord>('POST', '/holders', input),
    changeHolder: (certIdOtp: string, change: HolderChange) => json<HolderRecord>('PATCH', `/holders/${id(certIdOtp)}`, change),
    removeHolder: (certIdOtp: string) => json<HolderRecord>('DELETE', `/holders/${id(certIdOtp)}`),
    injectFault: (fault: FaultSpec) => json<ActiveFault>('POST', '/faults', fault),
    faults: async () => (await json<{ faults: ActiveFault[] }>('GET', '/faults')).faults,
    async removeFault(faultId: string) {
      await call('DELETE', `/faults/${id(faultId)}`);
    },
    clearFaults: () => json<{ cleared: number }>('DELETE', '/faults'),
    close: () => agent.close(),
  };
}
