// A small in-memory Pact Broker for the project's own tests. No real broker can run here (toolchain.md), so the
// broker workflow is tested against this server, driven by the real clients: the `pact` CLI (publish,
// can-i-deploy, record-deployment) and the Pact `Verifier` (pacts for verification, publishing results). It
// speaks only the part of the Pact Broker HAL API those clients use, listed in ROUTES by name; anything else is
// answered 404 and recorded in `unhandled()`, so a client that starts calling something new shows up in a test
// instead of hiding. State and answers live in hal-store.ts and hal-resources.ts; this module only routes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basicAuthorization } from '../../src/net/basic-auth.ts';
import type { BrokerAuth } from '../shared/broker-config.ts';
import { halResources, type HalResources } from './hal-resources.ts';
import { BrokerStore, HttpError, parseJson, type DeploymentRecord, type Json, type VerificationRecord } from './hal-store.ts';

export type { DeploymentRecord, VerificationRecord } from './hal-store.ts';
export type { BrokerAuth };

export interface HalBrokerOptions {
  /** When set, every request must carry these credentials (bearer token or Basic), else 401. */
  auth?: BrokerAuth;
  /** Called with each route's name as it is served, before it answers (tests use it to change the broker mid-run). */
  onRoute?: (name: RouteName, broker: RunningHalBroker) => void;
  /** Changes an answer before it is sent (tests of a broker, proxy or cache that answers a second time otherwise). */
  rewrite?: (name: RouteName, body: Json) => Json;
}

export interface RunningHalBroker {
  url: string;
  /** Requests this broker did not understand (method and path), for diagnosing a client that changed. */
  unhandled(): readonly string[];
  verifications(): readonly VerificationRecord[];
  deployments(): readonly DeploymentRecord[];
  /** Consumer versions published so far, in order, with their branch. */
  publishedVersions(): readonly { pacticipant: string; version: string; branch: string | null }[];
  /** Routes served so far, by name, in order. */
  served(): readonly RouteName[];
  /** Publishes a pact as `pact broker publish` would (for tests that change the broker between two reads). */
  publish(pact: { consumer: string; provider: string; version: string; branch?: string; content: Json }): void;
  close(): Promise<void>;
}

interface RouteContext {
  params: Readonly<Record<string, string>>;
  body: Json;
  query: URLSearchParams;
  path: string;
  resources: HalResources;
}

interface Route {
  readonly methods: readonly ('GET' | 'POST' | 'PUT')[];
  /** Path segments; `:name` captures one (URL-decoded). */
  readonly pattern: string;
  readonly handle: (ctx: RouteContext) => { status: number; body: Json };
}

const ok = (body: Json): { status: number; body: Json } => ({ status: 200, body });
const created = (body: Json): { status: number; body: Json } => ({ status: 201, body });
const param = (ctx: RouteContext, name: string): string => ctx.params[name] ?? '';

const ROUTES = {
  index: { methods: ['GET'], pattern: '/', handle: (c) => ok(c.resources.index()) },
  'publish-contracts': { methods: ['POST'], pattern: '/contracts/publish', handle: (c) => ok(c.resources.publishContracts(c.body)) },
  'pacts-for-verification': {
    methods: ['GET', 'POST'],
    pattern: '/pacts/provider/:provider/for-verification',
    handle: (c) => ok(c.resources.pactsForVerification(param(c, 'provider'), c.body)),
  },
  pact: {
    methods: ['GET'],
    pattern: '/pacts/provider/:provider/consumer/:consumer/pact-version/:sha',
    handle: (c) => ok(c.resources.pactDocument(param(c, 'provider'), param(c, 'consumer'), param(c, 'sha'))),
  },
  'verification-results': {
    methods: ['POST'],
    pattern: '/pacts/provider/:provider/consumer/:consumer/pact-version/:sha/verification-results',
    handle: (c) => created(c.resources.recordVerification(param(c, 'provider'), param(c, 'consumer'), param(c, 'sha'), c.body)),
  },
  pacticipant: { methods: ['GET'], pattern: '/pacticipants/:name', handle: (c) => ok(c.resources.pacticipantResource(param(c, 'name'))) },
  'branch-version': {
    methods: ['PUT'],
    pattern: '/pacticipants/:name/branches/:branch/versions/:version',
    handle: (c) => ok(c.resources.branchVersion(param(c, 'name'), param(c, 'branch'), param(c, 'version'), c.path)),
  },
  version: {
    methods: ['GET'],
    pattern: '/pacticipants/:name/versions/:version',
    handle: (c) => ok(c.resources.versionResource(param(c, 'name'), param(c, 'version'))),
  },
  'record-deployment': {
    methods: ['POST'],
    pattern: '/pacticipants/:name/versions/:version/deployed-versions/environment/:environment',
    handle: (c) => created(c.resources.recordDeployment(param(c, 'name'), param(c, 'version'), param(c, 'environment'), c.body)),
  },
  environments: { methods: ['GET'], pattern: '/environments', handle: (c) => ok(c.resources.environments()) },
  matrix: { methods: ['GET'], pattern: '/matrix', handle: (c) => ok(c.resources.matrix(c.query)) },
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof ROUTES;

const segments = (path: string): string[] => path.split('/').filter(Boolean);

/** The route and its captured parameters, or undefined. */
function match(method: string, path: string): { name: RouteName; route: Route; params: Record<string, string> } | undefined {
  const parts = segments(path).map(decodeURIComponent);
  for (const [name, route] of Object.entries(ROUTES) as [RouteName, Route][]) {
    if (!(route.methods as readonly string[]).includes(method)) continue;
    const pattern = segments(route.pattern);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (pattern.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = parts[i] ?? ''), true) : p === parts[i]))) {
      return { name, route, params };
    }
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function authorised(req: IncomingMessage, auth: BrokerAuth | undefined): boolean {
  if (!auth) return true;
  const header = req.headers.authorization ?? '';
  if ('token' in auth) return header === `Bearer ${auth.token}`;
  return header === basicAuthorization(auth);
}

function send(res: ServerResponse, status: number, body: Json): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/hal+json;charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startHalBroker(options: HalBrokerOptions = {}): Promise<RunningHalBroker> {
  const store = new BrokerStore();
  const unhandled: string[] = [];
  const served: RouteName[] = [];
  let resources: HalResources | undefined;
  let running: RunningHalBroker | undefined;

  async function route(req: IncomingMessage, base: string): Promise<{ status: number; body: Json }> {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    const body = method === 'POST' || method === 'PUT' ? parseJson(await readBody(req)) : {};
    const found = match(method, url.pathname);
    if (!found || !resources || !running) {
      unhandled.push(`${method} ${url.pathname}`);
      throw new HttpError(404, `not implemented by the test broker: ${method} ${url.pathname}`);
    }
    served.push(found.name);
    options.onRoute?.(found.name, running);
    const answer = found.route.handle({ params: found.params, body, query: url.searchParams, path: url.pathname, resources });
    return options.rewrite ? { ...answer, body: options.rewrite(found.name, answer.body) } : answer;
  }

  let base = '';
  const server = createServer((req, res) => {
    if (!authorised(req, options.auth)) {
      send(res, 401, { error: 'unauthorised' });
      return;
    }
    route(req, base).then(
      ({ status, body }) => send(res, status, body),
      (err: unknown) => {
        // 4xx only: the real clients retry 5xx with back-off, which would turn a test-broker bug into a slow test.
        send(res, err instanceof HttpError ? err.status : 400, { errors: [err instanceof Error ? err.message : String(err)] });
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resources = halResources(store, base);

  running = {
    url: base,
    unhandled: () => [...unhandled],
    verifications: () => [...store.verifications],
    deployments: () => [...store.deployments],
    publishedVersions: () => [...store.published],
    served: () => [...served],
    publish({ consumer, provider, version, branch, content }) {
      store.version(consumer, version, branch ?? null);
      store.published.push({ pacticipant: consumer, version, branch: branch ?? null });
      store.publish(consumer, provider, version, content);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return running;
}
