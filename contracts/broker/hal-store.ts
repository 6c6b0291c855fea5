// The test broker's state and the answers it computes from it (a subset of the real Pact Broker's rules):
// pacticipants and their versions and branches, published pacts by content, verification results,
// deployments, and which pacts a consumer version selector picks. The HTTP layer (hal-broker.ts) only routes.
import { createHash, randomUUID } from 'node:crypto';

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

export interface Version {
  number: string;
  branches: Set<string>;
  order: number;
  createdAt: Date;
}

export interface Pacticipant {
  name: string;
  mainBranch: string | null;
  versions: Map<string, Version>;
}

export interface PublishedPact {
  consumer: string;
  provider: string;
  consumerVersion: string;
  sha: string;
}

export interface Environment {
  uuid: string;
  name: string;
}

export type Json = Record<string, unknown>;

/** Branch names the real broker takes as a pacticipant's main branch when none is configured. */
const MAIN_BRANCH_CANDIDATES = ['main', 'master', 'develop'];

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The broker's state and the answers it computes; the HTTP layer only routes to it. */
export class BrokerStore {
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

/** A request or pact body: a JSON object, or 400. */
export function parseJson(text: string): Json {
  if (text.trim() === '') return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new HttpError(400, 'expected a JSON object');
  return parsed as Json;
}
