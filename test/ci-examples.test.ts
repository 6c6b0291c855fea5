// The CI examples (ci-examples/) are copied into the project of a team that USES the suite (not a fork), where a
// stale command or a misspelt variable would fail late, or worse, silently (an unknown LEAN_* variable is
// ignored). Both files are parsed and checked against this package: the variables table, the command's
// subcommands, the Action's inputs, the PACT_* variables the contract tooling reads, the shipped reference pact,
// and the shape each CI needs for the gate, the reports and the release.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
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
    expect(targeting.map(([name]) => name).sort()).toEqual(['conformance', 'conformance-production', 'verify-staging']);
    for (const [name, job] of targeting) {
      const steps = job.steps ?? [];
      const guard = steps.findIndex((s) => GUARD.test(s.run ?? ''));
      const first = steps.findIndex((s) => OWN_ACTION.test(s.uses ?? '') || PACKAGE_COMMAND.test(s.run ?? ''));
      expect(guard, name).toBeGreaterThanOrEqual(0);
      expect(guard, name).toBeLessThan(first);
      expect(job.environment, name).toBe(name === 'conformance-production' ? 'production' : 'staging');
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
    expect(targeting.sort()).toEqual(['conformance', 'conformance-production', 'verify-staging']);
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

// ---------------------------------------------------------------------------------------------------------------
// Each example's shell steps, run under bash as its CI would, in a repository that has only the secrets its header
// lists as required: the optional ones (client certificate, CA, fixtures, the baseline file, a production report)
// absent, then present. `npm`, `npx`, `gh` and `curl` are stand-ins that record what they were given; the Action
// itself is run by test/action.test.ts, so here its inputs are checked: every path it is given exists.

const REQUIRED_SECRETS = { LEAN_BASE_URL: 'https://staging.example.test', LEAN_USERNAME: 'team', LEAN_PASSWORD: 'pw', PACT_BROKER_BASE_URL: 'https://broker.example.test', PACT_BROKER_TOKEN: 't' };
const PATH_INPUTS = ['client-cert', 'client-key', 'ca-cert', 'fixtures', 'baseline', 'compare-with'];

interface Sandbox { dir: string; workspace: string; bin: string; calls: string }

function sandboxDir(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'lean-ci-example-'));
  const workspace = join(dir, 'workspace');
  const bin = join(dir, 'bin');
  for (const d of [workspace, bin, join(dir, 'temp')]) mkdirSync(d);
  const calls = join(dir, 'calls');
  writeFileSync(calls, '');
  const record = `printf '%s' "$(basename "$0") $*" >> ${JSON.stringify(calls)}; env | grep -E '^LEAN_' | sort | tr '\\n' ' ' >> ${JSON.stringify(calls)}; echo >> ${JSON.stringify(calls)}`;
  const standIns: Record<string, string> = {
    npm: `${record}\nexit 0`,
    npx: `${record}\nexit 0`,
    // gh: the newest production-conformance artifact, when PRODUCTION_REPORT names one; otherwise none.
    gh: `${record}\nif [ -z "\${PRODUCTION_REPORT:-}" ]; then exit 1; fi\nif [ "$1" = api ]; then echo 4242; exit 0; fi\nwhile [ $# -gt 0 ]; do if [ "$1" = --dir ]; then mkdir -p "$2"; cp "$PRODUCTION_REPORT" "$2/conformance.json"; fi; shift; done`,
    // curl: the artifact of conformance-production, when PRODUCTION_REPORT names one; otherwise a 404 (exit 22).
    curl: `${record}\nif [ -z "\${PRODUCTION_REPORT:-}" ]; then exit 22; fi\nwhile [ $# -gt 0 ]; do if [ "$1" = --output ]; then cp "$PRODUCTION_REPORT" "$2"; fi; shift; done`,
  };
  for (const [name, script] of Object.entries(standIns)) {
    writeFileSync(join(bin, name), `#!/usr/bin/env bash\n${script}\n`);
    chmodSync(join(bin, name), 0o755);
  }
  return { dir, workspace, bin, calls };
}

/** What the optional settings are when present: PEM text and fixture JSON, the baseline file, a production report. */
function withOptionals(box: Sandbox): { secrets: Record<string, string>; files: Record<string, string>; env: Record<string, string> } {
  mkdirSync(join(box.workspace, 'lean'));
  writeFileSync(join(box.workspace, 'lean', 'known-divergences.json'), '[]\n');
  const report = join(box.dir, 'production.json');
  writeFileSync(report, '{}\n');
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries({ STAGING_CLIENT_CERT: 'CERT PEM', STAGING_CLIENT_KEY: 'KEY PEM', STAGING_CA_CERT: 'CA PEM', STAGING_FIXTURES: '{"holders":{}}' })) {
    files[name] = join(box.dir, name);
    writeFileSync(files[name]!, `${text}\n`);
  }
  return {
    secrets: { STAGING_CLIENT_CERT_PEM: 'CERT PEM', STAGING_CLIENT_KEY_PEM: 'KEY PEM', STAGING_CA_CERT_PEM: 'CA PEM', STAGING_FIXTURES_JSON: '{"holders":{}}', LEAN_CLIENT_KEY_PASSPHRASE: 'pp' },
    files,
    env: { PRODUCTION_REPORT: report },
  };
}

/** GitHub's expression language, as far as the example uses it: contexts, literals, ||, &&, ==, !=, always(), hashFiles(). */
function evaluateGithub(expression: string, ctx: Record<string, unknown>, workspace: string): unknown {
  const tokens = expression.match(/'(?:[^']|'')*'|\|\||&&|==|!=|[()!,]|[\w.-]+/g) ?? [];
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const primary = (): unknown => {
    const token = tokens[at++];
    if (token === undefined) throw new Error(`Unexpected end of ${expression}`);
    if (token === '(') {
      const value = or();
      at += 1;
      return value;
    }
    if (token === '!') return !primary();
    if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
    if (peek() === '(') {
      at += 1;
      const args: unknown[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') at += 1;
      }
      at += 1;
      if (token === 'always') return true;
      if (token === 'success') return true;
      if (token === 'hashFiles') return args.some((a) => existsSync(join(workspace, String(a)))) ? 'hash' : '';
      throw new Error(`Unknown function ${token}`);
    }
    if (token === 'true' || token === 'false') return token === 'true';
    return token.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], ctx) ?? '';
  };
  const comparison = (): unknown => {
    const left = primary();
    if (peek() === '==' || peek() === '!=') {
      const op = tokens[at++];
      const right = primary();
      return op === '==' ? String(left) === String(right) : String(left) !== String(right);
    }
    return left;
  };
  const and = (): unknown => {
    let value = comparison();
    while (peek() === '&&') {
      at += 1;
      const right = comparison();
      value = value ? right : value;
    }
    return value;
  };
  const or = (): unknown => {
    let value = and();
    while (peek() === '||') {
      at += 1;
      const right = and();
      value = value || right;
    }
    return value;
  };
  return or();
}

const expand = (text: string, ctx: Record<string, unknown>, workspace: string): string =>
  text.replace(/\$\{\{(.+?)\}\}/g, (_m, e: string) => String(evaluateGithub(e, ctx, workspace)));

describe('ci-examples/github-actions.yml, its shell steps run with only the required secrets, then with every optional one', () => {
  const { doc } = load('github-actions.yml');
  type Step = { id?: string; name?: string; uses?: string; run?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> };
  const jobs = doc['jobs'] as Record<string, { env?: Record<string, string>; steps?: Step[] }>;
  const workflowEnv = doc['env'] as Record<string, string>;

  function runJob(name: string, secrets: Record<string, string>, extraEnv: Record<string, string>, box: Sandbox) {
    const job = jobs[name]!;
    const githubEnv: Record<string, string> = {};
    const steps: Record<string, { outputs: Record<string, string>; outcome: string }> = {};
    const actionInputs: Record<string, string>[] = [];
    const ctx = (): Record<string, unknown> => ({
      secrets, vars: {}, steps, env: { ...workflowEnv, ...githubEnv },
      github: { token: 'gh-token', repository: 'team/app', server_url: 'https://github.com', run_id: '1', ref: 'refs/heads/main', sha: 'abc' },
    });
    for (const step of job.steps ?? []) {
      if (step.if !== undefined && !evaluateGithub(step.if, ctx(), box.workspace)) continue;
      if (step.uses && OWN_ACTION.test(step.uses)) {
        const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v), ctx(), box.workspace)]));
        actionInputs.push(inputs);
        if (step.id) steps[step.id] = { outputs: { 'exit-code': '0', 'report-dir': join(box.workspace, inputs['report-dir'] ?? 'reports') }, outcome: 'success' };
        continue;
      }
      if (step.run === undefined) continue;
      const output = join(box.dir, 'output');
      const envFile = join(box.dir, 'github-env');
      writeFileSync(output, '');
      writeFileSync(envFile, '');
      const stepEnv = Object.fromEntries(Object.entries({ ...job.env, ...step.env }).map(([k, v]) => [k, expand(String(v), ctx(), box.workspace)]));
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run, ctx(), box.workspace)], {
        cwd: box.workspace, encoding: 'utf8',
        env: {
          PATH: `${box.bin}:${process.env['PATH'] ?? ''}`, ...workflowEnv, ...githubEnv, ...stepEnv, ...extraEnv,
          RUNNER_TEMP: join(box.dir, 'temp'), GITHUB_ENV: envFile, GITHUB_OUTPUT: output, GITHUB_REPOSITORY: 'team/app', GITHUB_SHA: 'abc', GITHUB_REF_NAME: 'main',
        },
      });
      expect(result.status, `${name} / ${step.name ?? step.run}\n${result.stdout}\n${result.stderr}`).toBe(0);
      for (const line of readFileSync(envFile, 'utf8').split('\n').filter(Boolean)) {
        const eq = line.indexOf('=');
        githubEnv[line.slice(0, eq)] = line.slice(eq + 1);
      }
      if (step.id) {
        const outputs = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
        steps[step.id] = { outputs, outcome: 'success' };
      }
    }
    return { githubEnv, actionInputs, calls: readFileSync(box.calls, 'utf8') };
  }

  it('conformance: without the optional secrets, no certificate, no baseline, no comparison, and every step passes', () => {
    const box = sandboxDir();
    const { githubEnv, actionInputs } = runJob('conformance', REQUIRED_SECRETS, {}, box);
    expect(githubEnv).toEqual({});
    expect(actionInputs).toHaveLength(1); // no second run: the first was not inconclusive
    for (const input of PATH_INPUTS) expect(actionInputs[0]![input], input).toBe('');
    expect(actionInputs[0]!['target']).toBe(REQUIRED_SECRETS.LEAN_BASE_URL);
  });

  it('conformance: with every optional setting, each path given to the Action exists (the key owner-only)', () => {
    const box = sandboxDir();
    const optional = withOptionals(box);
    const { githubEnv, actionInputs } = runJob('conformance', { ...REQUIRED_SECRETS, ...optional.secrets }, optional.env, box);
    expect(Object.keys(githubEnv).sort()).toEqual(['LEAN_CA_CERT', 'LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY', 'LEAN_FIXTURES']);
    expect(statSync(githubEnv['LEAN_CLIENT_KEY']!).mode & 0o777).toBe(0o600);
    for (const input of PATH_INPUTS) {
      const value = actionInputs[0]![input]!;
      expect(value, input).not.toBe('');
      expect(existsSync(isAbsolute(value) ? value : join(box.workspace, value)), `${input}: ${value}`).toBe(true);
    }
  });

  it('retries once when the first run is inconclusive (exit 3), and the gate takes the second answer', () => {
    const steps = jobs['conformance']!.steps ?? [];
    const again = steps.find((s) => s.id === 'again');
    expect(again?.if).toBe("always() && steps.lean.outputs.exit-code == '3'");
    expect(again?.with).toEqual(steps.find((s) => s.id === 'lean')?.with);
    const gate = steps.at(-1)!;
    const exitOf = (first: string, second: string): number | null => spawnSync('bash', ['-c', gate.run!], { env: { FIRST: first, AGAIN: second } }).status;
    expect([exitOf('0', ''), exitOf('1', ''), exitOf('3', '0'), exitOf('3', '3'), exitOf('', '')]).toEqual([0, 1, 0, 3, 4]);
  });

  it('has the job that produces the production report it compares with', () => {
    const producer = jobs['conformance-production']!;
    const upload = producer.steps?.find((s) => /upload-artifact/.test(s.uses ?? ''));
    expect(upload?.with?.['name']).toBe('production-conformance');
    expect(jobs['conformance']!.steps?.find((s) => s.id === 'optional')?.run).toContain('name=production-conformance');
    const box = sandboxDir();
    const { actionInputs } = runJob('conformance-production', REQUIRED_SECRETS, {}, box);
    expect(actionInputs[0]).toMatchObject({ 'max-sends': '0', 'report-dir': 'production-reports' });
    expect(`${upload?.with?.['path']}`).toBe(`${actionInputs[0]!['report-dir']}/conformance.json`);
  });

  it('verify-staging: without the optional secrets the verifier runs with no certificate', () => {
    const box = sandboxDir();
    const { githubEnv, calls } = runJob('verify-staging', REQUIRED_SECRETS, {}, box);
    expect(githubEnv).toEqual({});
    expect(calls).toMatch(/^npx lean-otp-pact-verify node_modules\//m);
    expect(calls).not.toMatch(/LEAN_CLIENT_CERT/);
  });
});

describe('ci-examples/gitlab-ci.yml, its job scripts run with only the required variables, then with every optional one', () => {
  const { doc } = load('gitlab-ci.yml');
  type Job = { extends?: string; before_script?: string[]; script?: string[]; variables?: Record<string, string> };
  const job = (name: string): Job => (doc[name] ?? {}) as Job;
  const globals = doc['variables'] as Record<string, string>;

  function runJob(name: string, env: Record<string, string>, box: Sandbox): { status: number | null; calls: string; out: string } {
    const own = job(name);
    const before = own.before_script ?? job(own.extends ?? '').before_script ?? [];
    // GitLab runs before_script and script in one shell, stopping at the first command that fails.
    const script = ['set -eo pipefail', ...before, ...(own.script ?? [])].join('\n');
    const result = spawnSync('bash', ['-c', script], {
      cwd: box.workspace, encoding: 'utf8',
      env: {
        PATH: `${box.bin}:${process.env['PATH'] ?? ''}`, ...globals, ...own.variables, ...env,
        CI_JOB_TOKEN: 'job-token', CI_API_V4_URL: 'https://gitlab.example.test/api/v4', CI_PROJECT_ID: '7', CI_JOB_URL: 'https://gitlab.example.test/job/1',
      },
    });
    return { status: result.status, calls: readFileSync(box.calls, 'utf8'), out: `${result.stdout}\n${result.stderr}` };
  }

  const suiteCall = (calls: string): string => calls.split('\n').find((l) => l.startsWith('npx lean-otp-conformance'))!;

  it('conformance: without the optional variables, no certificate, no baseline, no comparison, and the job passes', () => {
    const box = sandboxDir();
    const run = runJob('conformance', REQUIRED_SECRETS, box);
    expect(run.status, run.out).toBe(0);
    const call = suiteCall(run.calls);
    for (const name of ['LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY', 'LEAN_CA_CERT', 'LEAN_FIXTURES', 'LEAN_BASELINE', 'LEAN_COMPARE_WITH']) expect(call, name).not.toContain(`${name}=`);
  });

  it('conformance: with every optional variable, each is used, and each path exists', () => {
    const box = sandboxDir();
    const optional = withOptionals(box);
    const run = runJob('conformance', { ...REQUIRED_SECRETS, ...optional.files, ...optional.env }, box);
    expect(run.status, run.out).toBe(0);
    const call = suiteCall(run.calls);
    for (const name of ['LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY', 'LEAN_CA_CERT', 'LEAN_FIXTURES', 'LEAN_BASELINE', 'LEAN_COMPARE_WITH']) {
      const value = new RegExp(`${name}=(\\S+)`).exec(call)?.[1];
      expect(value, name).toBeDefined();
      expect(existsSync(isAbsolute(value!) ? value! : join(box.workspace, value!)), `${name}=${value}`).toBe(true);
    }
  });

  it('retries the conformance job once on exit 3 (inconclusive), and has the production job it compares with', () => {
    expect((doc['conformance'] as { retry?: unknown }).retry).toEqual({ max: 1, exit_codes: [3] });
    const producer = doc['conformance-production'] as { artifacts?: { paths?: string[] }; rules?: { if: string }[] };
    expect(producer.artifacts?.paths).toEqual(['reports/conformance.json']);
    expect(producer.rules?.[0]?.if).toBe('$CI_COMMIT_BRANCH == "production"');
    expect(job('conformance').script?.join('\n')).toContain('jobs/artifacts/production/raw/reports/conformance.json?job=conformance-production');
    const box = sandboxDir();
    const run = runJob('conformance-production', REQUIRED_SECRETS, box);
    expect(run.status, run.out).toBe(0);
    expect(suiteCall(run.calls)).toContain('LEAN_MAX_SENDS=0');
  });

  it('verify-staging: without the optional variables the verifier runs with no certificate', () => {
    const box = sandboxDir();
    const run = runJob('verify-staging', REQUIRED_SECRETS, box);
    expect(run.status, run.out).toBe(0);
    expect(run.calls).toMatch(/^npx lean-otp-pact-verify node_modules\//m);
  });
});
