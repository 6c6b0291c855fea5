// The admin API and its description (spec/lean-sandbox-admin.openapi.yaml) agree: the spec lists exactly the
// routes the sandbox serves, and every answer of a run through all of them is valid against the schema the
// spec documents for that route and status.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogOf, FIXTURE_STATES, OPERATION_IDS } from '../../src/catalog/index.ts';
import { ADMIN_MAX_BODY_BYTES, ADMIN_ROUTES } from '../../src/sandbox/admin-api.ts';
import { CHANNELS } from '../../src/sandbox/admin-input.ts';
import { FAULT_KINDS, MAX_FAULT_BODY_BYTES } from '../../src/sandbox/faults.ts';
import { ADMIN_PREFIX, startSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { PACKAGE_ROOT } from '../../src/package-info.ts';
import { holder, request, SEND_OTP, type Answer } from '../provider/helpers.ts';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: unknown }> }>>; components: { responses: Record<string, { content?: unknown }> } };
const doc = parse(readFileSync(join(PACKAGE_ROOT, 'spec', 'lean-sandbox-admin.openapi.yaml'), 'utf8')) as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'admin', ...doc });

const pointer = (...parts: string[]): string => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Why the answer is not what the spec documents for this route and status, or null. */
function offSpec(specPath: string, method: string, answer: Answer): string | null {
  const documented = doc.paths[specPath]?.[method.toLowerCase()]?.responses[String(answer.status)];
  if (!documented) return `${method} ${specPath}: status ${answer.status} is not documented`;
  const ref = documented.$ref?.replace('#/components/responses/', '');
  const base = ref ? ['components', 'responses', ref] : ['paths', specPath, method.toLowerCase(), 'responses', String(answer.status)];
  const response = ref ? doc.components.responses[ref] : documented;
  if (!response?.content) return answer.body.length === 0 ? null : `${method} ${specPath} ${answer.status}: a body where none is documented`;
  const validate = ajv.compile({ $ref: `admin#/${pointer(...base, 'content', 'application/json', 'schema')}` });
  return validate(JSON.parse(answer.body.toString('utf8'))) ? null : `${method} ${specPath} ${answer.status}: ${ajv.errorsText(validate.errors)}`;
}

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());

function admin(method: string, path: string, body?: unknown): Promise<Answer> {
  return request(`${sandbox.url}${ADMIN_PREFIX}${path}`, {
    method, credentials: null, headers: { authorization: `Bearer ${sandbox.adminToken}` }, ...(body === undefined ? {} : { body }),
  });
}

describe('the admin spec', () => {
  it('lists exactly the routes the sandbox serves', () => {
    const served = ADMIN_ROUTES.map((r) => `${r.method} ${r.pattern}`).sort();
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).filter((k) => k !== 'parameters').map((m) => `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, ':id')}`)).sort();
    expect(documented).toEqual(served);
  });

  it('documents every answer of a run through every route, errors included', async () => {
    await request(`${sandbox.url}${SEND_OTP.path}`, { body: holder(sandbox, 'smsActive'), credentialsDefault: sandbox.credentials });
    const added = await admin('POST', '/holders', { state: 'smsActive', certIdOtp: 'spec-holder' });
    const fault = await admin('POST', '/faults', { kind: 'code', code: 103, forMs: 60_000 });
    const faultId = (JSON.parse(fault.body.toString()) as { id: string }).id;
    const calls: Array<[string, string, string, Promise<Answer> | Answer]> = [
      ['GET', '/outbox', '/outbox', admin('GET', '/outbox?channel=SMS')],
      ['GET', '/outbox/next', '/outbox/next', admin('GET', '/outbox/next?after=0')],
      ['GET', '/outbox/next', '/outbox/next', admin('GET', '/outbox/next?timeoutMs=5')],
      ['GET', '/outbox/next', '/outbox/next', admin('GET', '/outbox/next?timeoutMs=0')],
      ['POST', '/holders', '/holders', added],
      ['POST', '/holders', '/holders', admin('POST', '/holders', { state: 'smsActive', certIdOtp: 'spec-holder' })],
      ['POST', '/holders', '/holders', admin('POST', '/holders', { state: 'nope' })],
      ['GET', '/holders', '/holders', admin('GET', '/holders')],
      ['GET', '/fixtures', '/fixtures', admin('GET', '/fixtures')],
      ['PATCH', '/holders/{certIdOtp}', '/holders/spec-holder', admin('PATCH', '/holders/spec-holder', { state: 'otpBlocked' })],
      ['PATCH', '/holders/{certIdOtp}', '/holders/nobody', admin('PATCH', '/holders/nobody', { state: 'otpBlocked' })],
      ['POST', '/faults', '/faults', fault],
      ['GET', '/faults', '/faults', admin('GET', '/faults')],
      ['DELETE', '/faults/{id}', `/faults/${faultId}`, admin('DELETE', `/faults/${faultId}`)],
      ['DELETE', '/faults/{id}', '/faults/nope', admin('DELETE', '/faults/nope')],
      ['DELETE', '/faults', '/faults', admin('DELETE', '/faults')],
      ['DELETE', '/holders/{certIdOtp}', '/holders/spec-holder', admin('DELETE', '/holders/spec-holder')],
      ['DELETE', '/outbox', '/outbox', admin('DELETE', '/outbox')],
      ['POST', '/holders', '/holders', admin('POST', '/holders', { state: 'emailActive', mobile: '+393001112222', email: 'a@team.example' })],
      ['POST', '/holders', '/holders', admin('POST', '/holders', { state: 'emailActive', mobile: '3001112222' })],
      ['GET', '/requests', '/requests', admin('GET', '/requests?operation=sendOtp&status=200')],
      ['GET', '/requests', '/requests', admin('GET', '/requests?operaton=sendOtp')],
      ['GET', '/requests/count', '/requests/count', admin('GET', '/requests/count?status=500')],
      ['GET', '/requests/next', '/requests/next', admin('GET', '/requests/next?after=0')],
      ['GET', '/requests/next', '/requests/next', admin('GET', '/requests/next?timeoutMs=5')],
      ['DELETE', '/requests', '/requests', admin('DELETE', '/requests')],
      ['POST', '/reset', '/reset', admin('POST', '/reset')],
    ];
    const problems: string[] = [];
    const statuses = new Set<string>();
    for (const [method, specPath, , pending] of calls) {
      const answer = await pending;
      statuses.add(`${method} ${specPath} ${answer.status}`);
      const problem = offSpec(specPath, method, answer);
      if (problem) problems.push(problem);
    }
    const unauthorized = await request(`${sandbox.url}${ADMIN_PREFIX}/outbox`, { method: 'GET', credentials: null });
    const problem = offSpec('/outbox', 'GET', unauthorized);
    if (problem) problems.push(problem);
    expect(problems).toEqual([]);
    // The run did reach the documented error answers, not only the happy ones.
    expect([...statuses]).toEqual(expect.arrayContaining([
      'POST /holders 409', 'POST /holders 400', 'PATCH /holders/{certIdOtp} 404', 'GET /outbox/next 204', 'DELETE /faults/{id} 404',
      'GET /requests 400', 'GET /requests/next 200', 'GET /requests/next 204', 'POST /reset 200',
    ]));
  });

  it('documents the page and its files, served without the token and with the content type it says', async () => {
    for (const path of ['/ui', '/ui/app.js', '/ui/style.css']) {
      const answer = await request(`${sandbox.url}${ADMIN_PREFIX}${path}`, { method: 'GET', credentials: null });
      const documented = doc.paths[path]?.get?.responses['200']?.content as Record<string, unknown> | undefined;
      expect(answer.status, path).toBe(200);
      expect(Object.keys(documented ?? {}), path).toEqual([String(answer.headers['content-type']).split(';')[0]]);
      expect(answer.headers['content-security-policy'], path).toMatch(/^default-src 'none'; /);
    }
  });

  it('states every enumeration the sandbox enforces: fixture states, channels, operations, fault kinds and codes', () => {
    const schemas = (doc as unknown as { components: { schemas: Record<string, { enum?: unknown[]; discriminator?: { mapping: Record<string, string> } }> } }).components.schemas;
    expect(schemas['FixtureState']?.enum).toEqual(FIXTURE_STATES.map((s) => s.name));
    expect(schemas['OperationId']?.enum).toEqual([...OPERATION_IDS]);
    expect(schemas['Channel']?.enum).toEqual([...CHANNELS]);
    expect(Object.keys(schemas['Fault']?.discriminator?.mapping ?? {}).sort()).toEqual([...FAULT_KINDS].sort());
    const codes = [...new Set(OPERATION_IDS.flatMap((op) => catalogOf(op).map((e) => e.code)))].sort((a, b) => a - b);
    expect(schemas['ErrorCode']?.enum).toEqual(codes);
  });

  it(`states the body limit the API enforces (x-max-body-bytes), and a body of the largest fault the spec allows fits`, async () => {
    expect((doc as unknown as Record<string, unknown>)['x-max-body-bytes']).toBe(ADMIN_MAX_BODY_BYTES);
    const largest = '\u0001'.repeat(MAX_FAULT_BODY_BYTES);
    const fits = await admin('POST', '/faults', { kind: 'status', status: 503, body: largest, count: 1, operation: 'sendOtp', certIdOtp: 'nobody' });
    expect(fits.status).toBe(201);
    await admin('DELETE', '/faults');
    const over = await request(`${sandbox.url}${ADMIN_PREFIX}/holders`, {
      credentials: null, headers: { authorization: `Bearer ${sandbox.adminToken}` }, raw: ' '.repeat(ADMIN_MAX_BODY_BYTES + 1),
    });
    expect(over.status).toBe(413);
    expect(offSpec('/holders', 'POST', over)).toBeNull();
  });
});
