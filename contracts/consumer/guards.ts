// Guards on a written pact file. They read the JSON Pact actually wrote, not the DSL calls that produced it,
// because what the verifier enforces is what the file says (toolchain.md: a 200 with no body builder records
// no body, and the verifier then accepts any body). Each guard is named; every failure names its interaction.
import { SwaggerMockValidatorFactory } from '@pactflow/swagger-mock-validator';
import { operation } from '../../src/catalog/index.ts';
import type { PactDocument, PactInteraction } from '../shared/pact-file.ts';
import { contractInteractions, PROVIDER_STATES, type ContractInteraction } from './interactions.ts';

export type GuardName =
  | 'complete' // every generated interaction is in the pact, and nothing else
  | 'known-state' // provider states are the fixture states or `no holder`
  | 'empty-success-body' // a 200 records a body, and it is empty
  | 'pinned-code' // a 500 records its exact code, with no matcher loosening it
  | 'message-by-type' // a 500's message is matched by type only
  | 'json-error' // a 500 says its body is JSON
  | 'state-values' // environment-dependent request values come from the provider state
  | 'request'; // method, path and body fields as generated

export interface GuardFailure {
  guard: GuardName;
  interaction: string;
  message: string;
}

function header(part: { headers?: Record<string, string[] | string> }, name: string): string | undefined {
  const found = Object.entries(part.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return Array.isArray(found) ? found[0] : found;
}

function checkInteraction(actual: PactInteraction, expected: ContractInteraction): GuardFailure[] {
  const failures: GuardFailure[] = [];
  const fail = (guard: GuardName, message: string): void => void failures.push({ guard, interaction: actual.description, message });
  const { request, response } = actual;

  const states = (actual.providerStates ?? []).map((s) => s.name);
  for (const s of states) if (!PROVIDER_STATES.includes(s)) fail('known-state', `provider state "${s}" is neither a fixture state nor "no holder".`);
  if (states.length !== 1 || states[0] !== expected.state) fail('known-state', `expected the single provider state "${expected.state}", found ${JSON.stringify(states)}.`);

  if (request.method.toUpperCase() !== 'POST' || request.path !== operation(expected.operation).path) {
    fail('request', `expected POST ${operation(expected.operation).path}, found ${request.method} ${request.path}.`);
  }
  const bodyFields = Object.keys((request.body?.content ?? {}) as Record<string, unknown>).sort();
  const expectedFields = Object.keys(expected.request.body).sort();
  if (JSON.stringify(bodyFields) !== JSON.stringify(expectedFields)) {
    fail('request', `expected the body fields ${JSON.stringify(expectedFields)}, found ${JSON.stringify(bodyFields)}.`);
  }
  for (const [field, value] of Object.entries(expected.request.body)) {
    const generator = request.generators?.body?.[`$.${field}`];
    if (generator?.type !== 'ProviderState' || generator.expression !== `\${${value.fromProviderState}}`) {
      fail('state-values', `$.${field} must come from the provider state as \${${value.fromProviderState}}.`);
    }
  }
  for (const [name, value] of Object.entries(expected.request.headers)) {
    if (header(request, name) === undefined) fail('request', `the ${name} header is not recorded.`);
    if (value && 'fromProviderState' in value) {
      const generator = Object.entries(request.generators?.header ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      if (generator?.type !== 'ProviderState' || generator.expression !== `\${${value.fromProviderState}}`) {
        fail('state-values', `the ${name} header must come from the provider state as \${${value.fromProviderState}}.`);
      }
    }
  }

  if (response.status !== expected.response.status) fail('request', `expected status ${expected.response.status}, found ${response.status}.`);
  if (expected.response.status === 200) {
    // Present and empty: an absent body would let any body pass verification.
    if (response.body === undefined) fail('empty-success-body', 'the 200 records no body at all, so any body would pass verification.');
    else if (response.body.content !== '') fail('empty-success-body', `the 200 body must be empty, found ${JSON.stringify(response.body.content)}.`);
    const rules = response.matchingRules?.body ?? {};
    if (Object.keys(rules).length > 0) fail('empty-success-body', 'the 200 body has matching rules that could loosen it.');
  } else {
    const content = response.body?.content as { code?: unknown } | undefined;
    if (content?.code !== expected.response.code) {
      fail('pinned-code', `expected code ${expected.response.code}, found ${JSON.stringify(content?.code)}.`);
    }
    const rules = response.matchingRules?.body ?? {};
    const loosening = Object.keys(rules).filter((path) => path !== '$.message');
    if (loosening.length > 0) fail('pinned-code', `matching rules ${loosening.join(', ')} would loosen the exact code.`);
    const messageRule = rules['$.message']?.matchers ?? [];
    if (messageRule.length !== 1 || messageRule[0]?.match !== 'type') fail('message-by-type', 'the message must be matched by type only.');
    if (!/^application\/json\b/i.test(header(response, 'content-type') ?? '')) fail('json-error', 'the 500 must record Content-Type application/json.');
  }
  return failures;
}

/** Every guard over one pact; an empty list means the pact is the contract the catalog describes. */
export function checkPact(pact: PactDocument, expected: readonly ContractInteraction[] = contractInteractions()): GuardFailure[] {
  const failures: GuardFailure[] = [];
  const byDescription = new Map(pact.interactions.map((i) => [i.description, i]));
  for (const want of expected) {
    const got = byDescription.get(want.description);
    if (!got) failures.push({ guard: 'complete', interaction: want.description, message: 'missing from the pact.' });
    else failures.push(...checkInteraction(got, want));
  }
  const wanted = new Set(expected.map((e) => e.description));
  for (const got of pact.interactions) {
    if (!wanted.has(got.description)) failures.push({ guard: 'complete', interaction: got.description, message: 'not generated from the catalog (a stale interaction?).' });
  }
  return failures;
}

export interface OpenApiCheck {
  compatible: boolean;
  /** One line per error: its code, the interaction and the message. */
  errors: string[];
}

/** The pact against the OpenAPI spec, with PactFlow's swagger-mock-validator (the same check PactFlow runs). */
export async function checkAgainstOpenApi(pactPath: string, specPath: string): Promise<OpenApiCheck> {
  const result = await SwaggerMockValidatorFactory.create().validate({ specPathOrUrl: specPath, mockPathOrUrl: pactPath });
  return {
    compatible: result.success,
    errors: result.errors.map((e) => `${e.code}: ${e.mockDetails?.interactionDescription ?? '?'}: ${e.message}`),
  };
}
