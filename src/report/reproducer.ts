// A reproducer for a failure: the request as a `curl` command a person can paste, and the command that re-runs
// just that step. Secrets and certificate paths appear only as `$LEAN_*` variables, fixture ids only as the
// placeholders the request record carries (`${fixture.<state>.certIdOtp}`), so a reproducer is as safe to
// publish as the rest of the report.
import type { ConformanceReport, RequestRecord, ScenarioResult } from '../results/model.ts';
import { INVALID_USERNAME_PREFIX } from '../scenarios/provocations.ts';

/** A user that cannot exist, as `wrongCredentials` uses: never the configured one, so no real account locks. */
export const INVALID_USER = `${INVALID_USERNAME_PREFIX}:not-the-password`;
export const INVALID_ON_BEHALF_OF = 'lean-conformance-invalid-on-behalf-of';
/** The placeholders of fixture ids in a request record's body. */
const FIXTURE_PLACEHOLDER = /\$\{fixture\.([A-Za-z0-9]+)\.(certIdOtp|deviceCode)\}/g;

/**
 * What a terminal or a CI log would act on inside a quoted argument: control characters (C0, DEL, C1), the
 * invisible ones that reorder text (bidi, zero-width, separators), and a `##…[` log command.
 */
const NOT_LITERAL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|##[A-Za-z]*\[/;

/**
 * POSIX shell single quotes (bare when nothing needs quoting, unless `always`). Text a terminal or a log would act
 * on uses bash's `$'…'` with escapes instead (`\x1b`, `\u202e`, `##vso\x5b`): the same bytes for the shell, inert
 * on the screen.
 */
export function shellQuote(text: string, always = false): string {
  if (!always && /^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  if (!NOT_LITERAL.test(text)) return `'${text.replaceAll("'", `'\\''`)}'`;
  const escaped = [...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') return '\\\\';
    if (ch === "'") return "\\'";
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
    if (NOT_LITERAL.test(ch)) return `\\u${code.toString(16).padStart(4, '0')}`;
    return ch;
  }).join('');
  return `$'${escaped.replace(/##([A-Za-z]*)\[/g, '##$1\\x5b')}'`;
}

/** The fixture states a body's placeholders name, in order of first appearance. */
export function placeholderStates(body: string | null): string[] {
  if (body === null) return [];
  return [...new Set([...body.matchAll(FIXTURE_PLACEHOLDER)].map((m) => m[1]!))];
}

/** The seed matters only where the request was drawn by the malformed-input generator. */
function isSeeded(scenario: string): boolean {
  return scenario.startsWith('malformed:');
}

/** `npm run conformance -- --operation sendOtp --scenario 'fixture:deviceNotActive'`, with the seed if drawn. */
export function rerunCommand(result: Pick<ScenarioResult, 'operation' | 'scenario'>, seed: number | undefined): string {
  const env = isSeeded(result.scenario) && seed !== undefined ? `LEAN_SEED=${seed} ` : '';
  return `${env}npm run conformance -- --operation ${shellQuote(result.operation)} --scenario ${shellQuote(result.scenario, true)}`;
}

/** The request as curl: one option a line, so a reader sees at once what was presented and what was not. */
export function curlCommand(request: RequestRecord): string {
  const lines = [`curl --silent --show-error --include --request ${request.method}`];
  lines.push(`  "$LEAN_BASE_URL"${shellQuote(request.path)}`);
  if (request.credentials === 'configured') lines.push('  --user "$LEAN_USERNAME:$LEAN_PASSWORD"');
  if (request.credentials === 'invalid') lines.push(`  --user ${shellQuote(INVALID_USER)}`);
  if (request.onBehalfOf === 'configured') lines.push('  --header "on-behalf-of: $LEAN_ON_BEHALF_OF"');
  if (request.onBehalfOf === 'invalid') lines.push(`  --header ${shellQuote(`on-behalf-of: ${INVALID_ON_BEHALF_OF}`)}`);
  // The passphrase option appears only when the variable is set, so one command fits keys with and without one.
  if (request.clientCertificate) {
    lines.push('  --cert "$LEAN_CLIENT_CERT" --key "$LEAN_CLIENT_KEY" ${LEAN_CLIENT_KEY_PASSPHRASE:+--pass "$LEAN_CLIENT_KEY_PASSPHRASE"}');
  }
  if (request.caCertificate) lines.push('  --cacert "$LEAN_CA_CERT"');
  // curl adds a form content type to any body unless told otherwise; `Content-Type:` sends none at all.
  lines.push(`  --header ${shellQuote(`Content-Type:${request.contentType === null ? '' : ` ${request.contentType}`}`)}`);
  if (request.body !== null) lines.push(`  --data-binary ${shellQuote(request.body)}`);
  return lines.join(' \\\n');
}

export interface Reproducer {
  /** Null when the record is missing (an old report) or nothing was sent. */
  readonly curl: string | null;
  /** Notes a person needs before pasting: placeholders to fill, a body cut short, a passphrase. */
  readonly notes: readonly string[];
  readonly rerun: string;
}

export function reproducerOf(result: ScenarioResult, report: Pick<ConformanceReport, 'seed'>): Reproducer {
  const notes: string[] = [];
  const request = result.request;
  if (request) {
    const states = placeholderStates(request.body);
    if (states.length > 0) {
      notes.push(`Replace \${fixture.<state>.<field>} with that holder's value from LEAN_FIXTURES (${states.join(', ')}).`);
    }
    if (request.body !== null && Buffer.byteLength(request.body) < request.bodyBytes) {
      notes.push(`The body was ${request.bodyBytes} bytes and is cut short here: re-run the step to send it whole.`);
    }
  }
  if (isSeeded(result.scenario)) {
    notes.push(report.seed === undefined ? 'Drawn by the malformed-input generator; the report has no seed.'
      : `Drawn by the malformed-input generator with seed ${report.seed} (LEAN_SEED).`);
  }
  return { curl: request ? curlCommand(request) : null, notes, rerun: rerunCommand(result, report.seed) };
}
