// The CI examples (ci-examples/) are copied into the project of a team that USES the suite (not a fork), where a
// stale command or a misspelt variable would fail late, or worse, silently (an unknown LEAN_* variable is
// ignored). Both files are parsed and checked against this package: the variables table, the command's
// subcommands, the Action's inputs, the PACT_* variables the contract tooling reads, the shipped reference pact,
// and the shape each CI needs for the gate, the reports and the release.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { COMMAND, SUBCOMMANDS } from '../src/cli/bin.ts';
import { VARIABLE_NAMES } from '../src/config/variables.ts';
import { PACT_FILE_NAME } from '../contracts/shared/names.ts';
import { ROOT } from './support/spawn-cli.ts';

const ALLOWED_LEAN = new Set<string>(VARIABLE_NAMES);
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; scripts: Record<string, string>; bin: Record<string, string> };
const PACT_VERIFY = 'lean-otp-pact-verify';
/** A command of the package, run through npx: `npx lean-otp-conformance [subcommand]` or `npx lean-otp-pact-verify`. */
const PACKAGE_COMMAND = new RegExp(`\\bnpx (${Object.keys(manifest.bin).join('|')})\\b`);
const ACTION_INPUTS = Object.keys((parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: object }).inputs);
/** The current major of every action the examples use (December 2026), all running on Node 24. */
const CURRENT_MAJORS: Readonly<Record<string, string>> = {
  'actions/checkout': 'v7', 'actions/setup-node': 'v7', 'actions/upload-artifact': 'v7', 'actions/download-artifact': 'v7',
  'dorny/test-reporter': 'v3',
};
const OWN_ACTION = /\/lean-send-otp-conformance@v\d+\.\d+\.\d+$/;
const GUARD = /if \[ -z "\$\{?LEAN_BASE_URL(:-)?\}?" \]; then[\s\S]*?exit 2/;

type Yaml = Record<string, unknown>;

/** The parsed document, every string of it (keys included), and the raw text (whose comments count too). */
function load(file: string): { doc: Yaml; strings: string[]; raw: string } {
  const raw = readFileSync(join(ROOT, 'ci-examples', file), 'utf8');
  const parsed = parseDocument(raw);
  expect(parsed.errors).toEqual([]);
  const doc = parsed.toJS() as Yaml;
  const strings: string[] = [];
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
  const { doc, strings, raw } = load(file);
  const named = [raw, ...strings];

  it('compares the run with the last production run (LEAN_COMPARE_WITH, or the Action\'s compare-with)', () => {
    expect(strings.some((s) => /LEAN_COMPARE_WITH=previous\/conformance\.json/.test(s) || /previous\/conformance\.json/.test(s) && strings.includes('compare-with'))).toBe(true);
  });

  it('runs the installed package, never the npm scripts of a clone of this repository', () => {
    const own = Object.keys(manifest.scripts);
    const used = matches(named, /\bnpm\s+run(?:-script)?\s+([\w:-]+)/g);
    expect(used.filter((script) => own.includes(script))).toEqual([]);
    expect(raw).not.toMatch(/\btsx\b|git clone/);
  });

  it(`calls only the package's commands (${COMMAND} with its subcommands, ${PACT_VERIFY})`, () => {
    const commands = matches(named, /\bnpx (lean-otp-[\w-]+)/g);
    expect(commands.filter((c) => !Object.hasOwn(manifest.bin, c))).toEqual([]);
    expect(commands).toContain(PACT_VERIFY);
    const words = matches(named, new RegExp(`\\bnpx ${COMMAND} ([\\w-]+)`, 'g'));
    expect(words.filter((w) => !Object.hasOwn(SUBCOMMANDS, w))).toEqual([]);
  });

  it('verifies against the reference pact where the package ships it', () => {
    const variables = (doc['variables'] ?? doc['env']) as Record<string, string>;
    expect(variables['REFERENCE_PACT']).toBe(`node_modules/${manifest.name}/dist/contracts/pacts/${PACT_FILE_NAME}`);
    expect(raw).toContain(`npx ${PACT_VERIFY} "$REFERENCE_PACT"`);
  });

  it('names only LEAN_* variables of the variables table', () => {
    const used = matches(named, /\b(LEAN_[A-Z0-9_]*[A-Z0-9])\b/g);
    expect(used.filter((v) => !ALLOWED_LEAN.has(v))).toEqual([]);
    expect(used).toEqual(expect.arrayContaining([
      'LEAN_BASE_URL', 'LEAN_USERNAME', 'LEAN_PASSWORD', 'LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY', 'LEAN_MAX_SENDS', 'LEAN_REPORT_DIR',
    ]));
  });

  it('names only PACT_* variables the contract tooling reads, the broker ones included', () => {
    const read = pactVariablesRead();
    const used = matches(named, /\b(PACT_[A-Z0-9_]*[A-Z0-9])\b/g);
    expect(used.filter((v) => !read.has(v))).toEqual([]);
    expect(used).toEqual(expect.arrayContaining(['PACT_BROKER_BASE_URL', 'PACT_BROKER_TOKEN', 'PACT_PUBLISH_VERIFICATION_RESULTS']));
  });

  it('writes the key to an owner-only file and never switches verification off', () => {
    const writesKey = strings.filter((s) => /LEAN_CLIENT_KEY=/.test(s));
    expect(writesKey.length).toBeGreaterThan(0);
    for (const script of writesKey) expect(script).toMatch(/umask 077/);
    for (const script of writesKey) expect(script).toMatch(/chmod 600|install -m 600/);
    expect(raw).not.toMatch(/NODE_TLS_REJECT_UNAUTHORIZED|--insecure|\bcurl\b[^\n]*\s-k\b|strict-ssl/);
  });

  it('tells a configuration error (exit 2) apart from a failure wherever it runs the suite or the verifier', () => {
    const runs = strings.filter((s) => PACKAGE_COMMAND.test(s));
    expect(runs.length).toBeGreaterThan(0);
    for (const script of runs) expect(script).toMatch(/configuration error/i);
  });
});

describe('ci-examples/github-actions.yml', () => {
  const { doc } = load('github-actions.yml');
  type Step = Record<string, unknown> & { uses?: string; run?: string; if?: string; with?: Record<string, string> };
  const jobs = doc['jobs'] as Record<string, { needs?: string[]; if?: string; environment?: string; steps?: Step[] }>;
  const allSteps = Object.values(jobs).flatMap((job) => job.steps ?? []);
  const conformance = jobs['conformance']?.steps ?? [];
  const action = conformance.find((s) => OWN_ACTION.test(s.uses ?? ''));

  it('runs the conformance gate through the Action, with inputs it declares', () => {
    expect(action).toBeDefined();
    expect(Object.keys(action?.with ?? {}).filter((input) => !ACTION_INPUTS.includes(input))).toEqual([]);
    expect(action?.with?.['target']).toBe('${{ secrets.LEAN_BASE_URL }}');
  });

  it('guards against an empty target in every job that targets an environment, before the suite or verifier runs', () => {
    const targeting = Object.entries(jobs).filter(([, job]) => (job.steps ?? []).some((s) => OWN_ACTION.test(s.uses ?? '') || PACKAGE_COMMAND.test(s.run ?? '')));
    expect(targeting.map(([name]) => name).sort()).toEqual(['conformance', 'verify-staging']);
    for (const [name, job] of targeting) {
      const steps = job.steps ?? [];
      const guard = steps.findIndex((s) => GUARD.test(s.run ?? ''));
      const first = steps.findIndex((s) => OWN_ACTION.test(s.uses ?? '') || PACKAGE_COMMAND.test(s.run ?? ''));
      expect(guard, name).toBeGreaterThanOrEqual(0);
      expect(guard, name).toBeLessThan(first);
      expect(job.environment, name).toBe('staging');
    }
  });

  it('publishes the JUnit report and keeps the reports, even when the suite failed', () => {
    const junit = conformance.find((s) => /dorny\/test-reporter/.test(s.uses ?? ''));
    expect(junit?.with?.['path']).toBe(`${action?.with?.['report-dir']}/junit.xml`);
    expect(junit?.if).toMatch(/always\(\)/);
    const upload = conformance.find((s) => /upload-artifact/.test(s.uses ?? ''));
    expect(upload?.with?.['path']).toBe(`${action?.with?.['report-dir']}/`);
    expect(upload?.if).toMatch(/always\(\)/);
  });

  it('uses the current major of every action, and Node 24', () => {
    for (const step of allSteps.filter((s) => s.uses && !OWN_ACTION.test(s.uses))) {
      const [name, version] = step.uses!.split('@');
      expect(CURRENT_MAJORS[name!], step.uses).toBe(version);
      if (name === 'actions/setup-node') expect(step.with?.['node-version']).toBe('24');
    }
  });

  it('gates the release on the suite\'s exit code and on every pact job', () => {
    expect(jobs['release']?.needs).toEqual(expect.arrayContaining(['conformance', 'verify-staging', 'can-i-deploy']));
    expect(jobs['release']?.if).toMatch(/needs\.conformance\.outputs\.exit-code == '0'/);
  });
});

describe('ci-examples/gitlab-ci.yml', () => {
  const { doc } = load('gitlab-ci.yml');
  type Job = { extends?: string; needs?: string[]; before_script?: string[]; script?: string[]; artifacts?: { when?: string; paths?: string[]; reports?: { junit?: string } } };
  const job = (name: string): Job => (doc[name] ?? {}) as Job;
  const jobs = Object.keys(doc).filter((name) => !name.startsWith('.') && !['stages', 'variables', 'default'].includes(name));

  it('guards against an empty target first in every job that targets an environment', () => {
    const targeting = jobs.filter((name) => (job(name).script ?? []).some((s) => PACKAGE_COMMAND.test(s)));
    expect(targeting.sort()).toEqual(['conformance', 'verify-staging']);
    for (const name of targeting) {
      const before = job(name).before_script ?? job(job(name).extends ?? '').before_script ?? [];
      expect(before[0], name).toMatch(GUARD);
    }
  });

  it('hands the JUnit report to GitLab from the report directory, and keeps the reports on failure', () => {
    const reportDir = (doc['variables'] as Record<string, string>)['LEAN_REPORT_DIR'];
    const artifacts = job('conformance').artifacts;
    expect(artifacts?.reports?.junit).toBe(`${reportDir}/junit.xml`);
    expect(artifacts?.paths).toContain(`${reportDir}/`);
    expect(artifacts?.when).toBe('always');
    expect(job('conformance').script?.join('\n')).toContain('cat "$LEAN_REPORT_DIR/summary.md"');
  });

  it('runs on Node 24', () => {
    expect((doc['default'] as { image?: string }).image).toBe('node:24');
  });

  it('gates the release on the suite and every pact job', () => {
    expect(job('release').needs).toEqual(expect.arrayContaining(['conformance', 'verify-staging', 'can-i-deploy']));
  });
});
