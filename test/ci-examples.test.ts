// The CI examples (ci-examples/) are copied into other projects, where a stale script name or a misspelt
// variable would fail late, or worse, silently (an unknown LEAN_* variable is ignored). Both files are parsed
// and checked against the project itself: package.json's scripts, the variables the config module reads, the
// PACT_* variables the contract tooling reads, and the shape each CI needs for reports and the release gate.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { VARIABLE_NAMES } from '../src/config/variables.ts';
import { ROOT } from './support/spawn-cli.ts';

/** Every LEAN_* variable of the suite: the one table (src/config/variables.ts). */
const ALLOWED_LEAN = new Set<string>(VARIABLE_NAMES);

const SCRIPTS = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

type Yaml = Record<string, unknown>;

/** The parsed document, every string of it (keys included), and the raw text (whose comments count too). */
function load(file: string): { doc: Yaml; strings: string[]; raw: string } {
  const raw = readFileSync(join(ROOT, 'ci-examples', file), 'utf8');
  const parsed = parseDocument(raw);
  expect(parsed.errors).toEqual([]);
  const doc = parsed.toJS() as Yaml;
  const strings: string[] = [];
  // Keys count too: an `env:` or `variables:` map names variables by its keys.
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        strings.push(key);
        walk(inner);
      }
    }
  };
  walk(doc);
  return { doc, strings, raw };
}

function matches(strings: readonly string[], pattern: RegExp): string[] {
  return [...new Set(strings.flatMap((s) => [...s.matchAll(pattern)].map((m) => m[1] ?? m[0])))];
}

/** Every PACT_* variable the contract tooling reads (contracts/, not its tests). */
function pactVariablesRead(): Set<string> {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []);
  return new Set(files(join(ROOT, 'contracts')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bPACT_[A-Z_]+[A-Z]\b/g)].map((m) => m[0])));
}

const EXAMPLES = [['github-actions.yml'], ['gitlab-ci.yml']] as const;

describe.each(EXAMPLES)('ci-examples/%s', (file) => {
  const { strings, raw } = load(file);
  // Names are looked up in the comments too: they tell users which variables to set.
  const named = [raw, ...strings];

  it('runs only npm scripts that exist in package.json, the suite and both pact gates among them', () => {
    const used = matches(named, /\bnpm\s+run(?:-script)?\s+([\w:-]+)/g);
    expect(used.filter((s) => !SCRIPTS.includes(s))).toEqual([]);
    expect(used).toEqual(expect.arrayContaining(['conformance', 'pact:verify', 'pact:can-i-deploy']));
  });

  it('names only LEAN_* variables of interface.md (or its documented extensions)', () => {
    const used = matches(named, /\b(LEAN_[A-Z0-9_]*[A-Z0-9])\b/g);
    expect(used.filter((v) => !ALLOWED_LEAN.has(v))).toEqual([]);
    // The run is configured from secrets and a send budget, not from defaults.
    expect(used).toEqual(expect.arrayContaining([
      'LEAN_BASE_URL', 'LEAN_USERNAME', 'LEAN_PASSWORD', 'LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY', 'LEAN_MAX_SENDS', 'LEAN_REPORT_DIR',
    ]));
  });

  it('names only PACT_* variables the contract tooling reads, the broker ones included', () => {
    const read = pactVariablesRead();
    const used = matches(named, /\b(PACT_[A-Z0-9_]*[A-Z0-9])\b/g);
    expect(used.filter((v) => !read.has(v))).toEqual([]);
    expect(used).toEqual(expect.arrayContaining(['PACT_BROKER_BASE_URL', 'PACT_BROKER_TOKEN']));
  });

  it('writes the key to an owner-only file and never switches verification off', () => {
    const writesKey = strings.filter((s) => /LEAN_CLIENT_KEY=/.test(s));
    expect(writesKey.length).toBeGreaterThan(0);
    for (const script of writesKey) expect(script).toMatch(/umask 077/);
    for (const script of writesKey) expect(script).toMatch(/chmod 600|install -m 600/);
    expect(raw).not.toMatch(/NODE_TLS_REJECT_UNAUTHORIZED|--insecure|\bcurl\b[^\n]*\s-k\b|strict-ssl/);
  });

  it('tells a configuration error (exit 2) apart from a conformance failure (exit 1)', () => {
    const suiteRun = strings.find((s) => /npm run conformance/.test(s)) ?? '';
    expect(suiteRun).toMatch(/\b2\)[^\n]*configuration error/i);
    expect(suiteRun).toMatch(/\b1\)[^\n]*conformance failure/i);
  });
});

describe('ci-examples/github-actions.yml', () => {
  const { doc } = load('github-actions.yml');
  const jobs = doc['jobs'] as Record<string, { needs?: string[]; if?: string; steps?: Array<Record<string, unknown>> }>;
  const steps = jobs['conformance']?.steps ?? [];

  it('publishes the Markdown summary to the step summary and the JUnit report, even when the suite failed', () => {
    const summary = steps.find((s) => String(s['run'] ?? '').includes('GITHUB_STEP_SUMMARY'));
    expect(summary?.['run']).toContain('reports/summary.md');
    expect(summary?.['if']).toMatch(/always\(\)/);
    const junit = steps.find((s) => /test-reporter|upload-artifact/.test(String(s['uses'] ?? '')) &&
      /reports\/(junit\.xml)?$/.test(String((s['with'] as Record<string, unknown> | undefined)?.['path'] ?? '')));
    expect(junit?.['if']).toMatch(/always\(\)/);
  });

  it('gates the release on the suite\'s exit code and on the contract job', () => {
    expect(jobs['release']?.needs).toEqual(expect.arrayContaining(['conformance', 'contracts']));
    expect(jobs['release']?.if).toMatch(/needs\.conformance\.outputs\.exit-code == '0'/);
    const gate = steps.at(-1);
    expect(gate?.['run']).toMatch(/exit "\$\{\{ steps\.suite\.outputs\.exit-code \}\}"/);
  });
});

describe('ci-examples/gitlab-ci.yml', () => {
  const { doc } = load('gitlab-ci.yml');
  type Job = { needs?: string[]; artifacts?: { when?: string; paths?: string[]; reports?: { junit?: string } } };
  const job = (name: string): Job => (doc[name] ?? {}) as Job;

  it('hands the JUnit report to GitLab from the report directory, and keeps the reports on failure', () => {
    const reportDir = (doc['variables'] as Record<string, string>)['LEAN_REPORT_DIR'];
    const artifacts = job('conformance').artifacts;
    expect(artifacts?.reports?.junit).toBe(`${reportDir}/junit.xml`);
    expect(artifacts?.paths).toContain(`${reportDir}/`);
    expect(artifacts?.when).toBe('always');
  });

  it('gates the release on the suite and both pact jobs', () => {
    expect(job('release').needs).toEqual(expect.arrayContaining(['conformance', 'pact-verify', 'can-i-deploy']));
  });
});
