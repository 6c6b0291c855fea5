// One fresh process of the `read-back` bench section: validates a conformance.json the way the loader did before
// (the schema compiled by ajv on first use) or does now (ajv's precompiled code, src/schemas/generated/), from the
// sources (run with tsx, as the npm scripts run) or from dist/ (plain node, as the installed package runs). Prints
// {prepareMs, firstMs, laterMs} as JSON: what the first validation needs first (compiling the schema, or loading
// the precompiled module), the first validation itself, and the median of the 200 after it. ajv and ajv-formats
// are loaded by both before the clock starts (json-schema imports them), so only what differs is timed.
// Erasable TypeScript only, with no static import of the project: plain node runs it for dist/.
import { readFileSync } from 'node:fs';

type Check = (value: unknown) => unknown;
interface SchemaModule {
  schemaCheck(file: string, options: { firstOnly: boolean }): Check;
  checkWith(validate: unknown): Check;
}

const [mode, from, file] = process.argv.slice(2);
if ((mode !== 'compiled' && mode !== 'precompiled') || (from !== 'src' && from !== 'dist') || file === undefined) {
  process.stderr.write('usage: report-validation.ts compiled|precompiled src|dist <conformance.json>\n');
  process.exit(2);
}
const root = new URL(from === 'src' ? '../src/' : '../dist/src/', import.meta.url);
const schema = (await import(new URL(`input/json-schema.${from === 'src' ? 'ts' : 'js'}`, root).href)) as SchemaModule;
const schemaFile = new URL('../schemas/conformance.schema.json', import.meta.url).pathname;
const report: unknown = JSON.parse(readFileSync(file, 'utf8'));

let started = performance.now();
const check = mode === 'compiled'
  ? schema.schemaCheck(schemaFile, { firstOnly: true })
  : schema.checkWith(((await import(new URL('schemas/generated/conformance-validator.js', root).href)) as { validate: unknown }).validate);
const prepareMs = performance.now() - started;
started = performance.now();
if (check(report) !== null) throw new Error(`${file} does not validate`);
const firstMs = performance.now() - started;

const later: number[] = [];
for (let i = 0; i < 200; i++) {
  started = performance.now();
  check(report);
  later.push(performance.now() - started);
}
later.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ prepareMs, firstMs, laterMs: later[later.length >> 1] })}\n`);
