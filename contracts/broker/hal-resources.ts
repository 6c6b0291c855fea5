// The HAL resources of the test broker: each answer the real clients read, built from the store. Links are
// absolute, on `base`, as a real broker writes them.
import { randomUUID } from 'node:crypto';
import { HttpError, parseJson, type BrokerStore, type Json, type PublishedPact, type VerificationRecord } from './hal-store.ts';

const enc = encodeURIComponent;

export function halResources(store: BrokerStore, base: string) {
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

  function environments(): Json {
    return {
      _embedded: {
        environments: store.environments.map((env) => ({ uuid: env.uuid, name: env.name, displayName: env.name, production: env.name === 'production' })),
      },
    };
  }

  function branchVersion(name: string, branch: string, number: string, path: string): Json {
    store.version(name, number, branch);
    return { name: branch, _links: { self: { href: `${base}${path}` } } };
  }

  return {
    index, publishContracts, pactsForVerification, pactDocument, recordVerification, pacticipantResource,
    versionResource, recordDeployment, matrix, environments, branchVersion,
  };
}

export type HalResources = ReturnType<typeof halResources>;
