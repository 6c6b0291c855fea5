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

type Placeholders = readonly (readonly [id: string, placeholder: string])[];

function replaceAll(text: string, placeholders: Placeholders): string {
  return placeholders.reduce((out, [id, placeholder]) => out.split(id).join(placeholder), text);
}

/** A JSON value with every id inside its strings (keys included) replaced: values are masked, not their JSON text. */
function maskValue(value: unknown, placeholders: Placeholders): unknown {
  if (typeof value === 'string') return replaceAll(value, placeholders);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, placeholders));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [replaceAll(key, placeholders), maskValue(item, placeholders)]));
  }
  return value;
}

/**
 * The body as shown: a JSON body is masked value by value and serialized after (an id holding `"`, `\` or a
 * control character is escaped in the JSON text, where a search for the raw id would miss it); a raw body, which
 * is text of its own, in its raw and its JSON-escaped forms.
 */
function shownBody(scenario: Scenario, text: string | null, placeholders: Placeholders): string | null {
  if (text === null) return null;
  const { request } = scenario;
  if (request.raw === undefined && request.body !== undefined) return JSON.stringify(maskValue(request.body, placeholders));
  const escaped = placeholders.map(([id, placeholder]) => [JSON.stringify(id).slice(1, -1), placeholder] as const);
  return replaceAll(replaceAll(text, placeholders), escaped);
}

export function requestRecord(scenario: Scenario, op: OperationId, ctx: RecordContext): RequestRecord {
  const text = bodyText(scenario);
  // Longest id first: an id that contains another is replaced whole.
  const placeholders = Object.entries(scenario.placeholders ?? {}).filter(([id]) => id !== '').sort((a, b) => b[0].length - a[0].length);
  const shown = shownBody(scenario, text, placeholders);
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
