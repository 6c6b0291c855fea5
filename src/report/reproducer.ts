// A reproducer for a failure: the request as a `curl` command a person can paste into a fresh shell, and the
// command that re-runs just that step, as the reader runs the suite (src/report/invocation.ts). Secrets and
// certificate paths appear only as `$LEAN_*` variables, read back from the `.env` the run read when it read one;
// fixture ids are taken from `$LEAN_FIXTURES` with jq, never written out, so a reproducer is as safe to publish as
// the rest of the report.
import type { ConformanceReport, RequestRecord, ScenarioResult } from '../results/model.ts';
import { INVALID_USERNAME_PREFIX } from '../scenarios/provocations.ts';
import { commandFor, DEFAULT_INVOCATION, type Invocation } from './invocation.ts';

/** A user that cannot exist, as `wrongCredentials` uses: never the configured one, so no real account locks. */
export const INVALID_USER = `${INVALID_USERNAME_PREFIX}:not-the-password`;
export const INVALID_ON_BEHALF_OF = 'lean-conformance-invalid-on-behalf-of';
/** The placeholders of fixture ids in a request record's body. */
const FIXTURE_PLACEHOLDER = /\$\{fixture\.([A-Za-z0-9]+)\.(certIdOtp|deviceCode)\}/g;
/** A request record's body is cut after this many characters, and `…` appended (src/runner/request-record.ts). */
const SHOWN_BODY_CHARS = 2048;

/** What a reproducer needs to know of the run besides its report: how the reader runs the suite, and the `.env` it read. */
export interface ReproductionContext {
  readonly invocation: Invocation;
  /** Absolute path of the `.env` the run read variables from; null when it read none. */
  readonly envFile: string | null;
}

const DEFAULT_CONTEXT: ReproductionContext = { invocation: DEFAULT_INVOCATION, envFile: null };
let context: ReproductionContext = DEFAULT_CONTEXT;

/**
 * Renders reproducers with `given` while `work` runs (the command's run: its terminal lines and its reports), then
 * returns to the default; the renderers' signatures stay `render(report)`.
 */
export async function withReproductionContext<T>(given: ReproductionContext, work: () => Promise<T>): Promise<T> {
  context = given;
  try {
    return await work();
  } finally {
    context = DEFAULT_CONTEXT;
  }
}

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

/** A YAML flow scalar in single quotes, as the `with:` of a workflow step takes it. */
function yamlQuote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * The command that re-runs exactly that step, with the seed when the request was drawn from it: `npm run
 * conformance -- --operation sendOtp --scenario 'fixture:deviceNotActive'` in a clone, `npx lean-otp-conformance …`
 * from the package, and the Action's inputs (its `with:`) from the Action.
 */
export function rerunCommand(result: Pick<ScenarioResult, 'operation' | 'scenario'>, seed: number | undefined, invocation: Invocation = context.invocation): string {
  const seeded = isSeeded(result.scenario) && seed !== undefined;
  if (invocation === 'action') {
    return `with: { operation: ${yamlQuote(result.operation)}, scenario: ${yamlQuote(result.scenario)}${seeded ? `, seed: '${seed}'` : ''} }`;
  }
  const env = seeded ? `LEAN_SEED=${seed} ` : '';
  return `${env}${commandFor('conformance', invocation)} --operation ${shellQuote(result.operation)} --scenario ${shellQuote(result.scenario, true)}`;
}

/** The variables a curl command of `request` reads, in the order it reads them. */
export function variablesRead(request: RequestRecord): string[] {
  const names = ['LEAN_BASE_URL'];
  if (request.credentials === 'configured') names.push('LEAN_USERNAME', 'LEAN_PASSWORD');
  if (request.onBehalfOf === 'configured') names.push('LEAN_ON_BEHALF_OF');
  if (request.clientCertificate) names.push('LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY', 'LEAN_CLIENT_KEY_PASSPHRASE');
  if (request.caCertificate) names.push('LEAN_CA_CERT');
  if (placeholderStates(request.body).length > 0) names.push('LEAN_FIXTURES');
  return names;
}

/**
 * A shell line that exports the variables `names` from the `.env` at `path` unless the environment has them,
 * as the run read them: node's own .env parser (the suite's), values single-quoted back for the shell. The script
 * holds no single quote, so it sits in one.
 */
export function envFileLine(path: string, names: readonly string[]): string {
  const script = 'const [file, ...names] = process.argv.slice(1); process.loadEnvFile(file); const q = String.fromCharCode(39); ' +
    'for (const n of names) { const v = process.env[n]; if (v !== undefined) console.log("export " + n + "=" + q + v.split(q).join(q + "\\\\" + q + q) + q); }';
  return `eval "$(node -e ${shellQuote(script, true)} ${shellQuote(path, true)} ${names.join(' ')})"`;
}

/** The shell variable a fixture id is read into: `fixture_otpBlocked_certIdOtp`. */
function idVariable(state: string, field: string): string {
  return `fixture_${state}_${field}`;
}

/**
 * One line per fixture id the body carries, reading it from `$LEAN_FIXTURES` with jq, each ending in `&&`: jq
 * stops with the key to fill when the file lacks it, and then nothing is sent (a missing id would be a different
 * request).
 */
function idLines(body: string | null): string[] {
  if (body === null) return [];
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const match of body.matchAll(FIXTURE_PLACEHOLDER)) {
    const name = idVariable(match[1]!, match[2]!);
    if (seen.has(name)) continue;
    seen.add(name);
    const key = `.holders.${match[1]}.${match[2]}`;
    lines.push(`${name}="$(jq -j ${shellQuote(`${key} // error("fill ${key} in LEAN_FIXTURES")`, true)} "$LEAN_FIXTURES")" &&`);
  }
  return lines;
}

/** The body as shell words: the text single-quoted, each fixture placeholder replaced by its id's variable. */
function bodyWords(body: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of body.matchAll(FIXTURE_PLACEHOLDER)) {
    if (match.index > last) parts.push(shellQuote(body.slice(last, match.index), true));
    parts.push(`"$${idVariable(match[1]!, match[2]!)}"`);
    last = match.index + match[0].length;
  }
  if (last < body.length || parts.length === 0) parts.push(shellQuote(body.slice(last), true));
  return parts.join('');
}

/** Whether the record's body is the first characters of a longer one (the record keeps at most 2 KiB). */
export function bodyWasCut(request: Pick<RequestRecord, 'body'>): boolean {
  return request.body !== null && request.body.length === SHOWN_BODY_CHARS + 1 && request.body.endsWith('…');
}

/**
 * The request as curl: one option a line, so a reader sees at once what was presented and what was not. When the
 * run read a `.env`, a first line exports the variables the command reads from it, as the run did; then a line
 * for each fixture id the body carries.
 */
export function curlCommand(request: RequestRecord, envFile: string | null = context.envFile): string {
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
  const body = request.body === null ? null : bodyWords(bodyWasCut(request) ? request.body.slice(0, -1) : request.body);
  // curl reads a file for a value that starts with @: such a body goes in on standard input instead.
  if (body !== null && request.body!.startsWith('@')) {
    lines[0] = `printf '%s' ${body} | ${lines[0]}`;
    lines.push('  --data-binary @-');
  } else if (body !== null) lines.push(`  --data-binary ${body}`);
  const setup = [...(envFile === null ? [] : [envFileLine(envFile, variablesRead(request))]), ...idLines(request.body)];
  return [...setup, lines.join(' \\\n')].join('\n');
}

export interface Reproducer {
  /** Null when the record is missing (an old report) or nothing was sent. */
  readonly curl: string | null;
  /** Notes a person needs before pasting: fixture keys it reads, a body cut short, the seed. */
  readonly notes: readonly string[];
  readonly rerun: string;
}

export function reproducerOf(result: ScenarioResult, report: Pick<ConformanceReport, 'seed'>): Reproducer {
  const notes: string[] = [];
  const request = result.request;
  if (request) {
    const states = placeholderStates(request.body);
    if (states.length > 0) {
      notes.push(`The holder ids are read from $LEAN_FIXTURES with jq (holders.${states.join(', holders.')}); fill those keys if the file lacks them.`);
    }
    if (bodyWasCut(request)) {
      notes.push(`The body was ${request.bodyBytes} bytes and is cut short here: re-run the step to send it whole.`);
    } else if (request.body !== null && states.length === 0 && Buffer.byteLength(request.body) !== request.bodyBytes) {
      notes.push(`The body was ${request.bodyBytes} bytes that are not all text, shown here as text: re-run the step to send them exactly.`);
    }
  }
  if (isSeeded(result.scenario)) {
    notes.push(report.seed === undefined ? 'Drawn by the malformed-input generator; the report has no seed.'
      : `Drawn by the malformed-input generator with seed ${report.seed} (LEAN_SEED).`);
  }
  return { curl: request ? curlCommand(request) : null, notes, rerun: rerunCommand(result, report.seed) };
}
