// What a reproducer needs to know of a step's request, with nothing secret in it: secrets are named by the
// variable that holds them, fixture ids replaced by placeholders naming their state.
import { operation, type OperationId } from '../catalog/index.ts';
import type { RequestRecord } from '../results/model.ts';
import type { Scenario } from '../scenarios/index.ts';

const MAX_BODY_CHARS = 2048;

export interface RecordContext {
  credentialsConfigured: boolean;
  onBehalfOfConfigured: boolean;
  clientCertificate: boolean;
  caCertificate: boolean;
}

function bodyText(scenario: Scenario): string | null {
  const { request } = scenario;
  if (request.raw !== undefined) return typeof request.raw === 'string' ? request.raw : request.raw.toString('utf8');
  return request.body === undefined ? null : JSON.stringify(request.body);
}

function withPlaceholders(text: string, placeholders: Readonly<Record<string, string>>): string {
  let out = text;
  for (const [id, placeholder] of Object.entries(placeholders).sort((a, b) => b[0].length - a[0].length)) {
    out = out.split(id).join(placeholder);
  }
  return out;
}

export function requestRecord(scenario: Scenario, op: OperationId, ctx: RecordContext): RequestRecord {
  const text = bodyText(scenario);
  const shown = text === null ? null : withPlaceholders(text, scenario.placeholders ?? {});
  const overrides = scenario.overrides ?? {};
  const contentType = scenario.request.contentType === undefined ? 'application/json' : scenario.request.contentType;
  return {
    method: 'POST',
    path: operation(op).path,
    contentType,
    body: shown !== null && shown.length > MAX_BODY_CHARS ? `${shown.slice(0, MAX_BODY_CHARS)}…` : shown,
    bodyBytes: text === null ? 0 : Buffer.byteLength(text),
    credentials: overrides.credentials ? 'invalid' : overrides.credentials === null || !ctx.credentialsConfigured ? 'none' : 'configured',
    onBehalfOf: typeof overrides.onBehalfOf === 'string' ? 'invalid' : ctx.onBehalfOfConfigured ? 'configured' : 'none',
    clientCertificate: ctx.clientCertificate && overrides.withoutClientCertificate !== true,
    caCertificate: ctx.caCertificate,
  };
}
