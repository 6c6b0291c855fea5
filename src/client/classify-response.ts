// Judges an HTTP answer by status and body, since the API answers every failure with 500 and every success
// with 200 and zero bytes. Never throws: a broken answer becomes a protocol violation the checks can report.
import { isCatalogCode, operation, type OperationId } from '../catalog/index.ts';
import { validator } from '../spec/validator.ts';
import type { Redactor } from '../secrets/index.ts';
import type { ProtocolViolationKind, SendOutcome } from './types.ts';

export interface ReceivedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body bytes read, at most the cap. */
  body: Buffer;
  /** Bytes received in all (more than `body.length` when truncated). */
  received: number;
  truncated: boolean;
  /** The cap that was applied, for the detail of a truncated body. */
  maxBodyBytes: number;
  /** From sending the request to the end of the body. */
  durationMs: number;
}

type Violation = Extract<SendOutcome, { kind: 'protocol-violation' }>;

const SNIPPET_CHARS = 120;

/** Redacting more than this of a body before the cut would only cost time: the snippet shows far less. */
const REDACTED_PREFIX_CHARS = 8 * 1024;

/**
 * The first characters of a body, JSON-quoted so that control characters and newlines stay on one line.
 * Secrets are masked before the cut, so a secret straddling it cannot leave a visible prefix behind.
 */
export function snippet(body: Buffer, redact: Redactor): string {
  const text = redact(body.subarray(0, REDACTED_PREFIX_CHARS * 4).toString('utf8').slice(0, REDACTED_PREFIX_CHARS));
  const cut = text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text;
  return JSON.stringify(cut);
}

type Parsed = { json: true; value: unknown } | { json: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function parseJson(body: Buffer): Parsed {
  try {
    return { json: true, value: JSON.parse(utf8.decode(body)) };
  } catch (error) {
    return { json: false, reason: error instanceof TypeError ? 'not valid UTF-8' : 'not JSON' };
  }
}

/** The body's `code` when it is an integer, else null. */
function integerCode(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'number' && Number.isInteger(code) ? code : null;
}

function violation(
  kind: ProtocolViolationKind,
  response: ReceivedResponse,
  code: number | null,
  detail: string,
): Violation {
  const { status, received: bodyBytes, durationMs } = response;
  return { kind: 'protocol-violation', violation: kind, status, code, bodyBytes, detail, durationMs };
}

function header(response: ReceivedResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function classifyError<Op extends OperationId>(op: Op, response: ReceivedResponse, redact: Redactor): SendOutcome<Op> {
  const parsed = parseJson(response.body);
  if (!parsed.json) {
    return violation('non-json-error-body', response, null, `500 body is ${parsed.reason}: ${snippet(response.body, redact)}`);
  }
  const { errorSchema } = operation(op);
  const schemaError = validator().check(errorSchema, parsed.value);
  const code = integerCode(parsed.value);
  if (schemaError === null && isCatalogCode(op, code)) {
    const { message } = parsed.value as { message: string };
    return { kind: 'catalog-error', status: 500, code, message, bodyBytes: response.received, durationMs: response.durationMs };
  }
  if (code !== null && !isCatalogCode(op, code)) {
    return violation('uncatalogued-code', response, code, `code ${code} is not in the ${op} catalog`);
  }
  return violation('schema-invalid-error-body', response, code, `500 body does not match ${errorSchema}: ${schemaError ?? 'invalid'}`);
}

/** `redact` masks secrets in quoted body text; the caller still redacts the finished outcome as a whole. */
export function classifyResponse<Op extends OperationId>(
  op: Op,
  response: ReceivedResponse,
  redact: Redactor = (text) => text,
): SendOutcome<Op> {
  const { status } = response;
  if (response.truncated) {
    return violation(
      'body-too-large',
      response,
      null,
      `${status} body exceeded maxBodyBytes (${response.maxBodyBytes}); reading stopped after ${response.received} bytes`,
    );
  }
  if (status === 200) {
    if (response.received === 0) return { kind: 'sent', status: 200, bodyBytes: 0, durationMs: response.durationMs };
    const parsed = parseJson(response.body);
    return violation(
      'body-on-200',
      response,
      parsed.json ? integerCode(parsed.value) : null,
      `200 must have a zero-byte body, got ${response.received} byte(s): ${snippet(response.body, redact)}`,
    );
  }
  if (status === 500) return classifyError(op, response, redact);
  const parsed = parseJson(response.body);
  const location = header(response, 'location');
  const redirect = status >= 300 && status < 400
    ? location === undefined ? ', redirect without Location (not followed)' : `, redirect to ${JSON.stringify(redact(location))} (not followed)`
    : '';
  const body = response.received === 0 ? 'empty body' : `body ${snippet(response.body, redact)}`;
  const code = parsed.json ? integerCode(parsed.value) : null;
  const outcome = violation('unexpected-status', response, code, `status ${status} is neither 200 nor 500${redirect}; ${body}`);
  // What a retry decision needs (src/runner/retry-policy.ts): a gateway's 503 is not the API's catalog answer.
  if (parsed.json && isCatalogCode(op, code) && validator().check(operation(op).errorSchema, parsed.value) === null) {
    outcome.catalogBody = true;
  }
  const retryAfter = header(response, 'retry-after');
  if (retryAfter !== undefined) outcome.retryAfter = retryAfter;
  return outcome;
}
