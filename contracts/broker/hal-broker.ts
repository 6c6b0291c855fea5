// A small in-memory Pact Broker for the project's own tests. No real broker can run here (toolchain.md), so the
// broker workflow is tested against this server, driven by the real clients: the `pact` CLI (publish,
// can-i-deploy, record-deployment) and the Pact `Verifier` (pacts for verification, publishing results). It
// speaks only the part of the Pact Broker HAL API those clients use; anything else is answered 404 and recorded
// in `unhandled()`, so a client that starts calling something new shows up in a test instead of hiding.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basicAuthorization } from '../../src/net/basic-auth.ts';

export type BrokerAuth = { token: string } | { username: string; password: string };

export interface HalBrokerOptions {
  /** When set, every request must carry these credentials (bearer token or Basic), else 401. */
  auth?: BrokerAuth;
}

export interface VerificationRecord {
  consumer: string;
  provider: string;
  consumerVersions: string[];
  providerVersion: string;
  providerBranch: string | null;
  success: boolean;
  pactSha: string;
  testResults: unknown;
}

export interface DeploymentRecord {
  pacticipant: string;
  version: string;
  environment: string;
  applicationInstance: string | null;
}

export interface RunningHalBroker {
  url: string;
  /** Requests this broker did not understand (method and path), for diagnosing a client that changed. */
  unhandled(): readonly string[];
  verifications(): readonly VerificationRecord[];
  deployments(): readonly DeploymentRecord[];
  /** Consumer versions published so far, in order, with their branch. */
  publishedVersions(): readonly { pacticipant: string; version: string; branch: string | null }[];
  close(): Promise<void>;
}

interface Version {
  number: string;
  branches: Set<string>;
  order: number;
  createdAt: Date;
}

interface Pacticipant {
  name: string;
  mainBranch: string | null;
  versions: Map<string, Version>;
}

interface PublishedPact {
  consumer: string;
  provider: string;
  consumerVersion: string;
  sha: string;
}

interface Environment {
  uuid: string;
  name: string;
}

type Json = Record<string, unknown>;

/** Branch names the real broker takes as a pacticipant's main branch when none is configured. */
const MAIN_BRANCH_CANDIDATES = ['main', 'master', 'develop'];

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The broker's state and the answers it computes; the HTTP layer only routes to it. */
class BrokerStore {
  readonly pacticipants = new Map<string, Pacticipant>();
  readonly contents = new Map<string, Json>();
  readonly pacts: PublishedPact[] = [];
  readonly verifications: VerificationRecord[] = [];
  readonly deployments: DeploymentRecord[] = [];
  readonly published: { pacticipant: string; version: string; branch: string | null }[] = [];
  // The real broker seeds these two environments.
  readonly environments: Environment[] = [
    { uuid: randomUUID(), name: 'test' },
    { uuid: randomUUID(), name: 'production' },
  ];
  private versionCounter = 0;

  pacticipant(name: string): Pacticipant {
    let found = this.pacticipants.get(name);
    if (!found) {
      found = { name, mainBranch: null, versions: new Map() };
      this.pacticipants.set(name, found);
    }
    return found;
  }

  version(pacticipant: string, number: string, branch?: string | null): Version {
    const p = this.pacticipant(pacticipant);
    let v = p.versions.get(number);
    if (!v) {
      v = { number, branches: new Set(), order: ++this.versionCounter, createdAt: new Date() };
      p.versions.set(number, v);
    }
    if (branch) {
      v.branches.add(branch);
      if (p.mainBranch === null && MAIN_BRANCH_CANDIDATES.includes(branch)) p.mainBranch = branch;
    }
    return v;
  }

  publish(consumer: string, provider: string, consumerVersion: string, content: Json): PublishedPact {
    const sha = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 40);
    this.contents.set(sha, content);
    this.pacticipant(provider);
    const existing = this.pacts.findIndex(
      (p) => p.consumer === consumer && p.provider === provider && p.consumerVersion === consumerVersion,
    );
    const pact: PublishedPact = { consumer, provider, consumerVersion, sha };
    // Publishing again for the same consumer version overwrites, as the CLI's default `onConflict` asks.
    if (existing >= 0) this.pacts[existing] = pact;
    else this.pacts.push(pact);
    return pact;
  }

  isDeployed(pacticipant: string, version: string, environment?: string): boolean {
    return this.deployments.some(
      (d) =>
        d.pacticipant === pacticipant &&
        d.version === version &&
        (environment === undefined || d.environment === environment),
    );
  }

  latestVerification(sha: string, provider: string, providerVersion?: string): VerificationRecord | undefined {
    return this.verifications
      .filter((v) => v.pactSha === sha && v.provider === provider)
      .filter((v) => providerVersion === undefined || v.providerVersion === providerVersion)
      .at(-1);
  }

  private versionOrder(pacticipant: string, version: string): number {
    return this.pacticipants.get(pacticipant)?.versions.get(version)?.order ?? 0;
  }

  /** The pacts a consumer version selector picks, newest first (subset of the real broker's rules). */
  select(provider: string, selector: Json): PublishedPact[] {
    const forProvider = this.pacts
      .filter((p) => p.provider === provider)
      .filter((p) => typeof selector['consumer'] !== 'string' || p.consumer === selector['consumer'])
      .sort((a, b) => this.versionOrder(b.consumer, b.consumerVersion) - this.versionOrder(a.consumer, a.consumerVersion));
    const latestPerConsumer = (pacts: PublishedPact[]): PublishedPact[] => {
      const seen = new Set<string>();
      return pacts.filter((p) => (seen.has(p.consumer) ? false : (seen.add(p.consumer), true)));
    };
    const onBranch = (p: PublishedPact, branch: string | null | undefined): boolean =>
      !!branch && !!this.pacticipants.get(p.consumer)?.versions.get(p.consumerVersion)?.branches.has(branch);

    if (selector['mainBranch'] === true) {
      return latestPerConsumer(forProvider.filter((p) => onBranch(p, this.pacticipants.get(p.consumer)?.mainBranch)));
    }
    if (typeof selector['branch'] === 'string') {
      return latestPerConsumer(forProvider.filter((p) => onBranch(p, selector['branch'] as string)));
    }
    if (selector['deployedOrReleased'] === true || selector['deployed'] === true) {
      const env = typeof selector['environment'] === 'string' ? selector['environment'] : undefined;
      return forProvider.filter((p) => this.isDeployed(p.consumer, p.consumerVersion, env));
    }
    if (selector['released'] === true) return []; // releases are not modelled: nothing is ever released here
    if (selector['latest'] === true) return latestPerConsumer(forProvider);
    throw new HttpError(400, `unsupported consumer version selector ${JSON.stringify(selector)}`);
  }

  /** Pending: no version of the provider (on the given branch, when one is given) has verified this content. */
  isPending(pact: PublishedPact, providerBranch: string | null): boolean {
    return !this.verifications.some(
      (v) =>
        v.pactSha === pact.sha &&
        v.provider === pact.provider &&
        v.success &&
        (providerBranch === null || v.providerBranch === providerBranch),
    );
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): Json {
  if (text.trim() === '') return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'expected a JSON object');
  }
  return parsed as Json;
}

function authorised(req: IncomingMessage, auth: BrokerAuth | undefined): boolean {
  if (!auth) return true;
  const header = req.headers.authorization ?? '';
  if ('token' in auth) return header === `Bearer ${auth.token}`;
  return header === basicAuthorization(auth);
}

const enc = encodeURIComponent;

export async function startHalBroker(options: HalBrokerOptions = {}): Promise<RunningHalBroker> {
  const store = new BrokerStore();
  const unhandled: string[] = [];
  let base = '';

  const pactPath = (p: PublishedPact): string =>
    `/pacts/provider/${enc(p.provider)}/consumer/${enc(p.consumer)}/pact-version/${p.sha}`;

  function pactsOfSha(sha: string): PublishedPact[] {
    return store.pacts.filter((p) => p.sha === sha);
  }

  function index(): Json {
    return {
      _links: {
        self: { href: base, title: 'Index' },
        'pb:publish-contracts': { href: `${base}/contracts/publish`, title: 'Publish contracts' },
        'pb:provider-pacts-for-verification': {
          href: `${base}/pacts/provider/{provider}/for-verification`,
          templated: true,
          title: 'Pacts to be verified by a provider',
        },
        'pb:pacticipant': { href: `${base}/pacticipants/{pacticipant}`, templated: true },
        'pb:pacticipant-version': {
          href: `${base}/pacticipants/{pacticipant}/versions/{version}`,
          templated: true,
        },
        'pb:environments': { href: `${base}/environments` },
        'pb:latest-provider-pacts': { href: `${base}/pacts/provider/{provider}/latest`, templated: true },
      },
    };
  }

  function publishContracts(body: Json): Json {
    const name = body['pacticipantName'];
    const number = body['pacticipantVersionNumber'];
    const branch = typeof body['branch'] === 'string' ? body['branch'] : null;
    const contracts = body['contracts'];
    if (typeof name !== 'string' || typeof number !== 'string' || !Array.isArray(contracts)) {
      throw new HttpError(400, 'pacticipantName, pacticipantVersionNumber and contracts are required');
    }
    store.version(name, number, branch);
    store.published.push({ pacticipant: name, version: number, branch });
    const links = contracts.map((raw: unknown) => {
      const c = raw as Json;
      if (c['specification'] !== 'pact' || typeof c['content'] !== 'string' || typeof c['providerName'] !== 'string') {
        throw new HttpError(400, 'each contract needs specification "pact", providerName and base64 content');
      }
      const content = parseJson(Buffer.from(c['content'], 'base64').toString('utf8'));
      const pact = store.publish(name, c['providerName'], number, content);
      return { href: `${base}${pactPath(pact)}`, name: `Pact between ${name} (${number}) and ${pact.provider}`, title: 'Pact' };
    });
    return {
      notices: [{ type: 'success', text: `Published ${links.length} pact(s) for ${name} version ${number}` }],
      logs: [],
      _embedded: {
        pacticipant: { name, _links: { self: { href: `${base}/pacticipants/${enc(name)}` } } },
        version: {
          number,
          _links: {
            self: { href: `${base}/pacticipants/${enc(name)}/versions/${enc(number)}`, name: number, title: 'Version' },
          },
        },
      },
      _links: {
        'pb:pacticipant': { href: `${base}/pacticipants/${enc(name)}`, name, title: 'Pacticipant' },
        'pb:pacticipant-version': {
          href: `${base}/pacticipants/${enc(name)}/versions/${enc(number)}`,
          name: number,
          title: 'Pacticipant version',
        },
        'pb:pacticipant-version-tags': [],
        'pb:contracts': links,
      },
    };
  }

  function pactsForVerification(provider: string, body: Json): Json {
    const selectors = Array.isArray(body['consumerVersionSelectors'])
      ? (body['consumerVersionSelectors'] as Json[])
      : [{ mainBranch: true }, { deployedOrReleased: true }];
    const providerBranch = typeof body['providerVersionBranch'] === 'string' ? body['providerVersionBranch'] : null;
    const includePending = body['includePendingStatus'] === true;
    const wipSince = typeof body['includeWipPactsSince'] === 'string' ? new Date(body['includeWipPactsSince']) : null;

    // One entry per pact content, however many selectors picked it (as the real broker does).
    const chosen = new Map<string, { pact: PublishedPact; reasons: string[]; wip: boolean }>();
    for (const selector of selectors) {
      for (const pact of store.select(provider, selector)) {
        const entry = chosen.get(pact.sha) ?? { pact, reasons: [], wip: false };
        entry.reasons.push(JSON.stringify(selector));
        chosen.set(pact.sha, entry);
      }
    }
    if (wipSince && includePending) {
      // WIP: the latest pact of each consumer branch, published since the date, still pending, not yet selected.
      for (const pact of store.select(provider, { latest: true })) {
        const created = store.pacticipants.get(pact.consumer)?.versions.get(pact.consumerVersion)?.createdAt;
        if (chosen.has(pact.sha) || !created || created < wipSince || !store.isPending(pact, providerBranch)) continue;
        chosen.set(pact.sha, { pact, reasons: ['work in progress'], wip: true });
      }
    }
    const pacts = [...chosen.values()].map(({ pact, reasons, wip }) => {
      const pending = includePending && store.isPending(pact, providerBranch);
      const properties: Json = {
        notices: [
          { when: 'before_verification', text: `The pact at ${base}${pactPath(pact)} is being verified because it matches ${reasons.join(', ')}` },
        ],
      };
      if (includePending) properties['pending'] = pending;
      if (wip) properties['wip'] = true;
      return {
        shortDescription: `latest from ${pact.consumer} ${pact.consumerVersion}`,
        verificationProperties: properties,
        _links: { self: { href: `${base}${pactPath(pact)}`, name: `Pact between ${pact.consumer} (${pact.consumerVersion}) and ${pact.provider}` } },
      };
    });
    return { _embedded: { pacts }, _links: { self: { href: `${base}/pacts/provider/${enc(provider)}/for-verification` } } };
  }

  function pactDocument(provider: string, consumer: string, sha: string): Json {
    const content = store.contents.get(sha);
    const found = pactsOfSha(sha).find((p) => p.provider === provider && p.consumer === consumer);
    if (!content || !found) throw new HttpError(404, 'no such pact');
    return {
      ...content,
      _links: {
        self: { href: `${base}${pactPath(found)}` },
        'pb:consumer': { href: `${base}/pacticipants/${enc(consumer)}`, name: consumer },
        'pb:provider': { href: `${base}/pacticipants/${enc(provider)}`, name: provider },
        'pb:publish-verification-results': {
          href: `${base}${pactPath(found)}/verification-results`,
          title: 'Publish verification results',
        },
      },
    };
  }

  function recordVerification(provider: string, consumer: string, sha: string, body: Json): Json {
    const providerVersion = body['providerApplicationVersion'];
    if (typeof providerVersion !== 'string' || typeof body['success'] !== 'boolean') {
      throw new HttpError(400, 'providerApplicationVersion and success are required');
    }
    const versions = pactsOfSha(sha).filter((p) => p.provider === provider && p.consumer === consumer);
    if (versions.length === 0) throw new HttpError(404, 'no such pact');
    const version = store.version(provider, providerVersion);
    const record: VerificationRecord = {
      consumer,
      provider,
      consumerVersions: versions.map((p) => p.consumerVersion),
      providerVersion,
      providerBranch: [...version.branches].at(-1) ?? null,
      success: body['success'],
      pactSha: sha,
      testResults: body['testResults'] ?? null,
    };
    store.verifications.push(record);
    return {
      success: record.success,
      providerApplicationVersion: providerVersion,
      _links: { self: { href: `${base}/pacts/provider/${enc(provider)}/consumer/${enc(consumer)}/pact-version/${sha}/verification-results/${store.verifications.length}` } },
    };
  }

  function pacticipantResource(name: string): Json {
    const p = store.pacticipants.get(name);
    if (!p) throw new HttpError(404, `no pacticipant ${name}`);
    const self = `${base}/pacticipants/${enc(name)}`;
    return {
      name,
      mainBranch: p.mainBranch,
      _links: {
        self: { href: self },
        'pb:branch-version': { href: `${self}/branches/{branch}/versions/{version}`, templated: true },
        'pb:version-tag': { href: `${self}/versions/{version}/tags/{tag}`, templated: true },
        'pb:version': { href: `${self}/versions/{version}`, templated: true },
      },
    };
  }

  function versionResource(name: string, number: string): Json {
    const v = store.pacticipants.get(name)?.versions.get(number);
    if (!v) throw new HttpError(404, `no version ${number} of ${name}`);
    const self = `${base}/pacticipants/${enc(name)}/versions/${enc(number)}`;
    return {
      number,
      branches: [...v.branches],
      _links: {
        self: { href: self },
        'pb:record-deployment': store.environments.map((e) => ({
          name: e.name,
          href: `${self}/deployed-versions/environment/${e.uuid}`,
          title: `Record deployment to ${e.name}`,
        })),
      },
    };
  }

  function recordDeployment(name: string, number: string, envUuid: string, body: Json): Json {
    const env = store.environments.find((e) => e.uuid === envUuid);
    if (!env || !store.pacticipants.get(name)?.versions.has(number)) throw new HttpError(404, 'no such version or environment');
    const instance = typeof body['applicationInstance'] === 'string' ? body['applicationInstance'] : null;
    // A new deployment of the same application instance replaces the one there, as in the real broker.
    const previous = store.deployments.findIndex(
      (d) => d.pacticipant === name && d.environment === env.name && d.applicationInstance === instance,
    );
    if (previous >= 0) store.deployments.splice(previous, 1);
    store.deployments.push({ pacticipant: name, version: number, environment: env.name, applicationInstance: instance });
    return { uuid: randomUUID(), currentlyDeployed: true, applicationInstance: instance, target: instance };
  }

  /**
   * The matrix, for can-i-deploy: the rows are the (consumer version, provider version) pairs the question is
   * about; deployable when every row has a successful verification. Covers `--version` with `--to-environment`,
   * `--version` alone (against the latest of the other side) and two explicit versions.
   */
  function matrix(query: URLSearchParams): Json {
    const selectors: { pacticipant: string; version?: string; latest?: boolean; branch?: string }[] = [];
    for (const [key, value] of query) {
      if (key === 'q[][pacticipant]') selectors.push({ pacticipant: value });
      const current = selectors.at(-1);
      if (!current) continue;
      if (key === 'q[][version]') current.version = value;
      if (key === 'q[][latest]') current.latest = value === 'true';
      if (key === 'q[][branch]') current.branch = value;
    }
    const environment = query.get('environment');
    const resolveVersion = (s: (typeof selectors)[number]): string | undefined => {
      if (s.version) return s.version;
      const versions = [...(store.pacticipants.get(s.pacticipant)?.versions.values() ?? [])]
        .filter((v) => !s.branch || v.branches.has(s.branch))
        .sort((a, b) => b.order - a.order);
      return versions[0]?.number;
    };
    type Row = { consumer: string; cv: string; provider: string; pv: string | null; result: VerificationRecord | undefined };
    const rows: Row[] = [];
    const subject = selectors[0];
    const subjectVersion = subject ? resolveVersion(subject) : undefined;
    if (!subject || !subjectVersion) throw new HttpError(400, 'the matrix needs a pacticipant and a version');
    const other = selectors[1];
    const otherVersion = other ? resolveVersion(other) : undefined;

    const counterparts = (name: string): string[] => {
      if (other) return otherVersion ? [otherVersion] : [];
      if (environment !== null) {
        return store.deployments.filter((d) => d.pacticipant === name && d.environment === environment).map((d) => d.version);
      }
      const latest = [...(store.pacticipants.get(name)?.versions.values() ?? [])].sort((a, b) => b.order - a.order)[0];
      return latest ? [latest.number] : [];
    };

    // The subject as a consumer: its pacts, against each relevant version of each provider.
    for (const pact of store.pacts.filter((p) => p.consumer === subject.pacticipant && p.consumerVersion === subjectVersion)) {
      if (other && other.pacticipant !== pact.provider) continue;
      const providerVersions = environment === null && !other
        ? [store.latestVerification(pact.sha, pact.provider)?.providerVersion ?? null]
        : counterparts(pact.provider);
      for (const pv of providerVersions) {
        rows.push({ consumer: pact.consumer, cv: pact.consumerVersion, provider: pact.provider, pv, result: pv === null ? undefined : store.latestVerification(pact.sha, pact.provider, pv) });
      }
    }
    // The subject as a provider: the pacts of each relevant version of each consumer.
    const consumers = new Set(store.pacts.filter((p) => p.provider === subject.pacticipant).map((p) => p.consumer));
    for (const consumer of consumers) {
      if (other && other.pacticipant !== consumer) continue;
      for (const cv of counterparts(consumer)) {
        const pact = store.pacts.find((p) => p.consumer === consumer && p.consumerVersion === cv && p.provider === subject.pacticipant);
        if (!pact) continue;
        rows.push({ consumer, cv, provider: subject.pacticipant, pv: subjectVersion, result: store.latestVerification(pact.sha, pact.provider, subjectVersion) });
      }
    }
    const success = rows.filter((r) => r.result?.success === true).length;
    const failed = rows.filter((r) => r.result?.success === false).length;
    const unknown = rows.length - success - failed;
    const deployable = failed === 0 && unknown === 0;
    const reason = deployable
      ? rows.length === 0 ? 'There are no missing dependencies' : 'All required verification results are published and successful'
      : failed > 0 ? 'One or more verifications failed' : 'Missing one or more required verification results';
    return {
      summary: { deployable, reason, success, failed, unknown },
      notices: [{ type: deployable ? 'success' : 'error', text: reason }],
      matrix: rows.map((r) => ({
        consumer: { name: r.consumer, version: { number: r.cv } },
        provider: { name: r.provider, version: r.pv === null ? null : { number: r.pv } },
        verificationResult: r.result ? { success: r.result.success, _links: { self: { href: `${base}/verification-results` } } } : null,
      })),
    };
  }

  async function route(req: IncomingMessage): Promise<{ status: number; body: Json }> {
    const url = new URL(req.url ?? '/', base);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const body = method === 'POST' || method === 'PUT' ? parseJson(await readBody(req)) : {};
    const [a, b, c, d, e, f, g, h] = parts;

    if (method === 'GET' && parts.length === 0) return { status: 200, body: index() };
    if (method === 'POST' && a === 'contracts' && b === 'publish' && parts.length === 2) {
      return { status: 200, body: publishContracts(body) };
    }
    if (a === 'pacts' && b === 'provider' && c && d === 'for-verification' && parts.length === 4) {
      return { status: 200, body: pactsForVerification(c, method === 'POST' ? body : {}) };
    }
    if (a === 'pacts' && b === 'provider' && c && d === 'consumer' && e && f === 'pact-version' && g) {
      if (method === 'GET' && parts.length === 7) return { status: 200, body: pactDocument(c, e, g) };
      if (method === 'POST' && h === 'verification-results' && parts.length === 8) {
        return { status: 201, body: recordVerification(c, e, g, body) };
      }
    }
    if (a === 'pacticipants' && b) {
      if (method === 'GET' && parts.length === 2) return { status: 200, body: pacticipantResource(b) };
      if (method === 'PUT' && c === 'branches' && d && e === 'versions' && f && parts.length === 6) {
        store.version(b, f, d);
        return { status: 200, body: { name: d, _links: { self: { href: `${base}${url.pathname}` } } } };
      }
      if (method === 'GET' && c === 'versions' && d && parts.length === 4) return { status: 200, body: versionResource(b, d) };
      if (method === 'POST' && c === 'versions' && d && e === 'deployed-versions' && f === 'environment' && g && parts.length === 7) {
        return { status: 201, body: recordDeployment(b, d, g, body) };
      }
    }
    if (method === 'GET' && a === 'environments' && parts.length === 1) {
      return {
        status: 200,
        body: { _embedded: { environments: store.environments.map((env) => ({ uuid: env.uuid, name: env.name, displayName: env.name, production: env.name === 'production' })) } },
      };
    }
    if (method === 'GET' && a === 'matrix' && parts.length === 1) return { status: 200, body: matrix(url.searchParams) };
    unhandled.push(`${method} ${url.pathname}`);
    throw new HttpError(404, `not implemented by the test broker: ${method} ${url.pathname}`);
  }

  function send(res: ServerResponse, status: number, body: Json): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/hal+json;charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  const server = createServer((req, res) => {
    if (!authorised(req, options.auth)) {
      send(res, 401, { error: 'unauthorised' });
      return;
    }
    route(req).then(
      ({ status, body }) => send(res, status, body),
      (err: unknown) => {
        // 4xx only: the real clients retry 5xx with back-off, which would turn a test-broker bug into a slow test.
        const status = err instanceof HttpError ? err.status : 400;
        send(res, status, { errors: [err instanceof Error ? err.message : String(err)] });
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    unhandled: () => [...unhandled],
    verifications: () => [...store.verifications],
    deployments: () => [...store.deployments],
    publishedVersions: () => [...store.published],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
