// The HTTP admin API of the sandbox (spec/lean-sandbox-admin.openapi.yaml), on its own path prefix and behind
// its own bearer token, never the API's Basic credentials. Mounted only when asked for (`--admin`): without it
// the prefix is an unknown path like any other (404). Every route calls the in-process admin (sandbox-admin.ts),
// so HTTP and the programmatic API validate and act alike; a refused request changes nothing.
import { hash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { didYouMean, quoteName } from '../input/index.ts';
import { queryObject } from './admin-input.ts';
import { UI_ASSETS, UI_CONTENT_SECURITY_POLICY } from './admin-ui.ts';
import type { BodyResult } from '../provider/read-body.ts';
import type { SandboxAdmin } from './sandbox-admin.ts';
import { badRequest, SandboxRequestError } from './sandbox-error.ts';

export const ADMIN_PREFIX = '/__admin';
/**
 * Largest admin request body read (the admin spec's x-max-body-bytes): room for the largest fault body
 * (MAX_FAULT_BODY_BYTES) even when every byte of it is escaped as \u00XX in the JSON that carries it.
 */
export const ADMIN_MAX_BODY_BYTES = 512 * 1024;

export interface AdminApiOptions {
  admin: SandboxAdmin;
  /** The bearer token the admin API requires. */
  token: string;
}

type Body = Exclude<BodyResult, { kind: 'aborted' }>;

interface Route {
  method: string;
  /** Path below the prefix; `:id` matches one segment. */
  pattern: string;
  /** Query parameters the route reads (numbers among them are listed in `numeric`). */
  query?: readonly string[];
  numeric?: readonly string[];
  json?: boolean;
  run(input: { admin: SandboxAdmin; param: string; query: Record<string, unknown>; body: unknown; signal: AbortSignal }): Promise<Reply>;
}

interface Reply {
  status: number;
  body?: unknown;
}

const FILTER = ['operation', 'channel', 'certIdOtp'] as const;
const REQUEST_FILTER = ['operation', 'status', 'certIdOtp'] as const;

const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/outbox', query: FILTER, run: async ({ admin, query }) => ({ status: 200, body: await admin.outbox(query) }) },
  { method: 'DELETE', pattern: '/outbox', run: async ({ admin }) => ({ status: 200, body: await admin.clearOutbox() }) },
  {
    method: 'GET', pattern: '/outbox/next', query: [...FILTER, 'after', 'timeoutMs'], numeric: ['after', 'timeoutMs'],
    run: async ({ admin, query, signal }) => {
      const entry = await admin.nextOutboxEntry(query, signal);
      return entry ? { status: 200, body: entry } : { status: 204 };
    },
  },
  {
    method: 'GET', pattern: '/requests', query: [...REQUEST_FILTER, 'after'], numeric: ['status', 'after'],
    run: async ({ admin, query }) => ({ status: 200, body: await admin.requests(query) }),
  },
  { method: 'DELETE', pattern: '/requests', run: async ({ admin }) => ({ status: 200, body: await admin.clearRequests() }) },
  {
    method: 'GET', pattern: '/requests/count', query: [...REQUEST_FILTER, 'after'], numeric: ['status', 'after'],
    run: async ({ admin, query }) => ({ status: 200, body: await admin.countRequests(query) }),
  },
  {
    method: 'GET', pattern: '/requests/next', query: [...REQUEST_FILTER, 'after', 'timeoutMs'], numeric: ['status', 'after', 'timeoutMs'],
    run: async ({ admin, query, signal }) => {
      const entry = await admin.nextRequest(query, signal);
      return entry ? { status: 200, body: entry } : { status: 204 };
    },
  },
  { method: 'POST', pattern: '/reset', run: async ({ admin }) => ({ status: 200, body: await admin.reset() }) },
  { method: 'GET', pattern: '/holders', run: async ({ admin }) => ({ status: 200, body: { holders: await admin.holders() } }) },
  { method: 'POST', pattern: '/holders', json: true, run: async ({ admin, body }) => ({ status: 201, body: await admin.addHolder(body as never) }) },
  { method: 'PATCH', pattern: '/holders/:id', json: true, run: async ({ admin, param, body }) => ({ status: 200, body: await admin.changeHolder(param, body as never) }) },
  { method: 'DELETE', pattern: '/holders/:id', run: async ({ admin, param }) => ({ status: 200, body: await admin.removeHolder(param) }) },
  { method: 'GET', pattern: '/fixtures', run: async ({ admin }) => ({ status: 200, body: await admin.fixtures() }) },
  { method: 'GET', pattern: '/faults', run: async ({ admin }) => ({ status: 200, body: { faults: await admin.faults() } }) },
  { method: 'POST', pattern: '/faults', json: true, run: async ({ admin, body }) => ({ status: 201, body: await admin.injectFault(body as never) }) },
  { method: 'DELETE', pattern: '/faults', run: async ({ admin }) => ({ status: 200, body: await admin.clearFaults() }) },
  {
    method: 'DELETE', pattern: '/faults/:id',
    run: async ({ admin, param }) => {
      await admin.removeFault(param);
      return { status: 204 };
    },
  },
];

/** Every route (method, path below the prefix, `:id` for a parameter): the admin spec lists exactly these. */
export const ADMIN_ROUTES: ReadonlyArray<{ readonly method: string; readonly pattern: string }> = [
  ...ROUTES.map(({ method, pattern }) => ({ method, pattern })),
  ...[...UI_ASSETS.keys()].map((pattern) => ({ method: 'GET', pattern })),
];

/** The page's files: public (they hold no data), under a policy that lets them reach nothing but this origin. */
function serveAsset(res: ServerResponse, path: string, close: boolean): boolean {
  const asset = UI_ASSETS.get(path);
  if (!asset) return false;
  res.writeHead(200, {
    'content-type': asset.contentType,
    'content-length': Buffer.byteLength(asset.body),
    'content-security-policy': UI_CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(asset.body);
  return true;
}

/** The pattern's parameter, or null when the path is not the pattern's. */
function matchPath(pattern: string, path: string): string | null {
  const [base, param] = pattern.split('/:');
  if (param === undefined) return path === pattern ? '' : null;
  if (!path.startsWith(`${base}/`)) return null;
  const rest = path.slice((base ?? '').length + 1);
  if (rest === '' || rest.includes('/')) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    throw badRequest('The path segment is not valid percent-encoding');
  }
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function digest(secret: string): Buffer {
  return hash('sha256', secret, 'buffer');
}

function send(res: ServerResponse, reply: Reply, close: boolean, extra: Record<string, string> = {}): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  const headers: Record<string, string | number> = {
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...(text === '' ? {} : { 'content-type': 'application/json' }),
    ...(close ? { connection: 'close' } : {}),
    ...extra,
  };
  res.writeHead(reply.status, headers);
  res.end(text);
}

function refuse(res: ServerResponse, status: number, sentence: string, close: boolean, extra: Record<string, string> = {}): void {
  send(res, { status, body: { error: sentence } }, close, extra);
}

export interface AdminApi {
  /** True when the path is the admin API's. */
  owns(path: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse, path: string, search: string, body: Body, close: boolean): Promise<void>;
}

export function createAdminApi(options: AdminApiOptions): AdminApi {
  if (options.token.length < 16) throw new Error('The admin token must be at least 16 characters long.');
  const tokenDigest = digest(options.token);
  const authorized = (header: string | undefined): boolean => {
    const match = /^bearer\s+(\S+)\s*$/i.exec(header ?? '');
    return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), tokenDigest);
  };

  return {
    owns: (path) => path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`),
    async handle(req, res, path, search, body, close) {
      if (req.method === 'GET' && serveAsset(res, path.slice(ADMIN_PREFIX.length), close)) return;
      // Nothing is said about the admin API, not even which paths exist, before the token is shown.
      if (!authorized(req.headers.authorization)) {
        return refuse(res, 401, 'The admin API needs its bearer token (Authorization: Bearer <token>).', close, {
          'www-authenticate': 'Bearer realm="lean-sandbox-admin"',
        });
      }
      const below = path.slice(ADMIN_PREFIX.length);
      let allowed: string[] = [];
      try {
        for (const route of ROUTES) {
          const param = matchPath(route.pattern, below);
          if (param === null) continue;
          allowed.push(route.method);
          if (route.method !== req.method) continue;
          allowed = [];
          const query = queryObject(new URLSearchParams(search), route.numeric ?? []);
          const unknown = Object.keys(query).find((key) => !(route.query ?? []).includes(key));
          if (unknown !== undefined) {
            const known = route.query ?? [];
            const hint = known.length === 0 ? ' (it reads none)' : didYouMean(unknown, known);
            throw badRequest(`The query parameter ${quoteName(unknown)} is not one this route reads${hint}`);
          }
          let parsed: unknown;
          if (route.json) {
            if (body.kind === 'tooLarge') throw new SandboxRequestError(413, `The body is larger than ${body.maxBytes} bytes`);
            if (body.kind === 'timeout') throw new SandboxRequestError(408, `The body did not arrive within ${body.timeoutMs} ms`);
            if (mediaType(req.headers['content-type']) !== 'application/json') {
              throw new SandboxRequestError(415, 'The body must be sent as application/json');
            }
            try {
              parsed = JSON.parse(body.bytes.toString('utf8'));
            } catch {
              throw badRequest('The body is not valid JSON');
            }
          }
          // A client that goes away ends its wait: nobody is left to tell.
          const gone = new AbortController();
          res.once('close', () => gone.abort());
          const reply = await route.run({ admin: options.admin, param, query, body: parsed, signal: gone.signal });
          if (res.destroyed || res.writableEnded) return;
          return send(res, reply, close);
        }
      } catch (error) {
        if (error instanceof SandboxRequestError) return refuse(res, error.status, error.message, close);
        throw error;
      }
      if (allowed.length > 0) {
        return refuse(res, 405, `${req.method ?? 'This method'} is not allowed here; use ${allowed.join(' or ')}.`, close, { allow: allowed.join(', ') });
      }
      refuse(res, 404, 'No admin route has this path.', close);
    },
  };
}
