// action.yml, the composite GitHub Action: every input sets one documented LEAN_* variable (src/config/
// variables.ts is the one table), every step's shell parses (`bash -n`), and every step runs here under bash as
// the runner runs it (`bash --noprofile --norc -eo pipefail`, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
// GITHUB_ACTION_PATH, `if:` and `${{ }}` evaluated): once for real, the package installed from a clone of this
// repository with an npm that cannot reach any registry (offline, from the npm cache) and run against a sandbox,
// and otherwise with a stand-in command, hostile input values included.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VARIABLE_NAMES } from '../src/config/variables.ts';
import { cleanEnv, ROOT } from './support/spawn-cli.ts';

interface Step { id?: string; name?: string; uses?: string; if?: string; shell?: string; run?: string; env?: Record<string, string>; with?: Record<string, string> }
interface Action {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const steps = action.runs.steps;
const suite = steps.find((s) => s.id === 'suite')!;
const outcome = steps.find((s) => s.id === 'outcome')!;
/** Inputs that configure the Action or the command line, not a LEAN_* variable. */
const OWN_INPUTS = ['version', 'node-version', 'operation', 'scenario'];
const INPUT_REF = /^\$\{\{ inputs\.([\w-]+) \}\}$/;

/** input name → the LEAN_* variable the suite step sets from it (`INPUT_LEAN_X: ${{ inputs.x }}`). */
const mapping = new Map(Object.entries(suite.env ?? {}).flatMap(([name, value]) => {
  const input = INPUT_REF.exec(value)?.[1];
  return input && name.startsWith('INPUT_LEAN_') ? [[input, name.slice('INPUT_'.length)] as const] : [];
}));

describe('action.yml', () => {
  it('is a composite action', () => {
    expect(action.runs.using).toBe('composite');
  });

  it.each(Object.keys(action.inputs).filter((name) => !OWN_INPUTS.includes(name)))('input %s sets one documented LEAN_* variable, named in its description', (input) => {
    const variable = mapping.get(input);
    expect(variable).toBeDefined();
    expect(VARIABLE_NAMES).toContain(variable);
    expect(action.inputs[input]!.description).toContain(`(${variable})`);
  });

  it('has inputs for the target, credentials, certificates, fixtures, budget, required codes, baseline, report directory and seed', () => {
    expect([...mapping.values()]).toEqual(expect.arrayContaining([
      'LEAN_BASE_URL', 'LEAN_USERNAME', 'LEAN_PASSWORD', 'LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY', 'LEAN_CLIENT_KEY_PASSPHRASE', 'LEAN_CA_CERT',
      'LEAN_FIXTURES', 'LEAN_MAX_SENDS', 'LEAN_REQUIRE_CODES', 'LEAN_BASELINE', 'LEAN_REPORT_DIR', 'LEAN_SEED',
    ]));
    expect(new Set(mapping.values()).size).toBe(mapping.size);
  });

  it('refers only to inputs it declares, and sets no LEAN_* variable in a step env (a job-level one would be replaced)', () => {
    const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    const referenced = [...text.matchAll(/\binputs\.([\w-]+)/g)].map((m) => m[1]);
    expect(referenced.filter((name) => !(name! in action.inputs))).toEqual([]);
    expect(steps.flatMap((s) => Object.keys(s.env ?? {})).filter((name) => name.startsWith('LEAN_'))).toEqual([]);
  });

  it('runs the package of its own checkout unless the version input names a published one; no input has a default that would hide a job-level variable', () => {
    expect(action.inputs['version']?.default).toBe('');
    expect(action.inputs['node-version']?.default).toBe('24');
    expect(steps[0]?.uses).toBe('actions/setup-node@v7');
    for (const input of mapping.keys()) expect(action.inputs[input]?.default ?? '', input).toBe('');
  });

  it.each(steps.filter((s) => s.run !== undefined).map((s) => [s.name ?? s.id ?? '?', s] as const))('step "%s": bash, no expression inside the script, and it parses (bash -n)', (_name, step) => {
    expect(step.shell).toBe('bash');
    // Expressions go through env: one inside a script is a script-injection hole (a secret or input with quotes).
    expect(step.run).not.toContain('${{');
    const parsed = spawnSync('bash', ['-n'], { input: step.run, encoding: 'utf8' });
    expect(parsed.stderr).toBe('');
    expect(parsed.status).toBe(0);
  });

  it('has the outputs verdict, exit code, sends and report directory, each written by the step it reads', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'report-dir', 'sends', 'verdict']);
    for (const [name, { value }] of Object.entries(action.outputs)) {
      const [, id, output] = /^\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}$/.exec(value) ?? [];
      const step = steps.find((s) => s.id === id);
      expect(step?.run, name).toContain(`${output}=`);
    }
    expect(action.outputs['verdict']?.description).toMatch(/pass, fail, inconclusive, configuration-error or tool-error/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A runner, for this action only: the expressions it uses, each step's env, outputs and summary, `if:`.

interface RunOptions {
  inputs?: Record<string, string>;
  /** The job's `env:`, seen by every step. */
  jobEnv?: Record<string, string>;
  actionPath: string;
  /** Outputs a step is taken to have written instead of running it (`install`, to run the suite with a stand-in). */
  given?: Record<string, Record<string, string>>;
  env?: Record<string, string>;
}

interface StepRun { name: string; ran: boolean; status: number | null; stdout: string; stderr: string; ms: number }
interface ActionRun { steps: StepRun[]; outputs: Record<string, string>; stepOutputs: Record<string, Record<string, string>>; summary: string; stdout: string; workspace: string }

function evaluate(expression: string, context: { inputs: Record<string, string>; steps: Record<string, Record<string, string>>; actionPath: string; failed: boolean }): string | boolean {
  const e = expression.trim();
  if (e === 'always()') return true;
  if (e === 'success()') return !context.failed;
  const equals = /^(.+?)\s*==\s*'([^']*)'$/.exec(e);
  if (equals) return evaluate(equals[1]!, context) === equals[2];
  const input = /^inputs\.([\w-]+)$/.exec(e);
  if (input) return context.inputs[input[1]!] ?? action.inputs[input[1]!]?.default ?? '';
  const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
  if (output) return context.steps[output[1]!]?.[output[2]!] ?? '';
  if (e === 'github.action_path') return context.actionPath;
  throw new Error(`The test runner does not know the expression ${JSON.stringify(e)}: teach it, or keep action.yml to what it knows.`);
}

function substitute(value: string, context: Parameters<typeof evaluate>[1]): string {
  return value.replace(/\$\{\{(.+?)\}\}/g, (_m, expression: string) => String(evaluate(expression, context)));
}

function readOutputs(file: string): Record<string, string> {
  return Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const at = line.indexOf('=');
    return [line.slice(0, at), line.slice(at + 1)];
  }));
}

const base = mkdtempSync(join(tmpdir(), 'lean-action-'));
/** A machine like a runner's, but npm reaches no registry: offline (only-if-cached), from the npm cache. */
const runnerEnv = (home: string): Record<string, string> => cleanEnv({
  PATH: `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`,
  HOME: home,
  npm_config_cache: process.env['npm_config_cache'] ?? join(homedir(), '.npm'),
  npm_config_offline: 'true',
  npm_config_update_notifier: 'false',
  CI: 'true',
  GITHUB_ACTIONS: 'true',
});

function runAction(options: RunOptions): ActionRun {
  const work = mkdtempSync(join(base, 'run-'));
  const workspace = join(work, 'workspace');
  const home = join(work, 'home');
  const temp = join(work, 'runner-temp');
  for (const dir of [workspace, home, temp]) mkdirSync(dir);
  const summary = join(work, 'summary');
  writeFileSync(summary, '');
  const context = { inputs: options.inputs ?? {}, steps: {} as Record<string, Record<string, string>>, actionPath: options.actionPath, failed: false };
  const runs: StepRun[] = [];
  let stdout = '';
  for (const [index, step] of steps.entries()) {
    const name = step.name ?? step.id ?? step.uses ?? String(index);
    const given = step.id ? options.given?.[step.id] : undefined;
    if (given) {
      context.steps[step.id!] = given;
      runs.push({ name, ran: false, status: 0, stdout: '', stderr: '', ms: 0 });
      continue;
    }
    const wanted = step.if === undefined ? !context.failed : evaluate(step.if, context) === true;
    if (!wanted || step.uses) {
      // actions/setup-node: the runner-like PATH already has the Node it would set up.
      runs.push({ name, ran: false, status: null, stdout: '', stderr: '', ms: 0 });
      continue;
    }
    const output = join(work, `output-${index}`);
    writeFileSync(output, '');
    const env = {
      ...runnerEnv(home), ...options.jobEnv, ...options.env,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, substitute(value, context)])),
      GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTION_PATH: options.actionPath, RUNNER_TEMP: temp,
    };
    const started = performance.now();
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], { cwd: workspace, env, encoding: 'utf8', timeout: 600_000 });
    runs.push({ name, ran: true, status: result.status, stdout: result.stdout, stderr: result.stderr, ms: Math.round(performance.now() - started) });
    stdout += result.stdout;
    if (step.id) context.steps[step.id] = readOutputs(output);
    if (result.status !== 0) context.failed = true;
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([key, { value }]) => [key, substitute(value, context)]));
  return { steps: runs, outputs, stepOutputs: context.steps, summary: readFileSync(summary, 'utf8'), stdout, workspace };
}

const gateOf = (run: ActionRun): StepRun => run.steps.at(-1)!;

/** A stand-in for the suite's command: records its environment and arguments, prints what a hostile target could. */
function standIn(code: number): string {
  const dir = mkdtempSync(join(base, 'stand-in-'));
  const script = join(dir, 'command.mjs');
  writeFileSync(script, [
    "import { writeFileSync } from 'node:fs';",
    "const lean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('LEAN_') || k.startsWith('INPUT_') || k === 'OTP_CONFORMANCE_INVOKED_AS'));",
    `writeFileSync(${JSON.stringify(join(dir, 'seen.json'))}, JSON.stringify({ env: lean, argv: process.argv.slice(2) }));`,
    "console.log('::error title=From the target::an annotation the target wrote');",
    "console.log('::set-output name=verdict::pass');",
    `process.exit(${code});`,
  ].join('\n'));
  return script;
}
const seenBy = (script: string): { env: Record<string, string>; argv: string[] } => JSON.parse(readFileSync(join(dirname(script), 'seen.json'), 'utf8')) as { env: Record<string, string>; argv: string[] };
const installed = (command: string) => ({ install: { status: 'installed', command } });

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('action.yml steps with a stand-in command', () => {
  const emptyActionPath = mkdtempSync(join(base, 'no-checkout-'));

  it('passes the inputs given, and keeps a job-level LEAN_* variable whose input is empty', () => {
    const command = standIn(0);
    const run = runAction({
      actionPath: emptyActionPath, given: installed(command),
      inputs: { target: 'https://lean.example.test', password: 'pw-123', 'max-sends': '' },
      jobEnv: { LEAN_MAX_SENDS: '2', LEAN_RATE_LIMIT: '3' },
    });
    const seen = seenBy(command);
    expect(seen.env).toEqual({
      LEAN_BASE_URL: 'https://lean.example.test', LEAN_PASSWORD: 'pw-123', LEAN_MAX_SENDS: '2', LEAN_RATE_LIMIT: '3', OTP_CONFORMANCE_INVOKED_AS: 'action',
    });
    expect(seen.argv).toEqual([]);
    expect(run.stdout).toContain('::add-mask::pw-123');
    expect(run.outputs).toMatchObject({ verdict: 'pass', 'exit-code': '0' });
    expect(run.outputs['report-dir']).toBe(join(run.workspace, 'reports'));
    expect(gateOf(run).status).toBe(0);
  });

  it('takes the target from the job when the input is empty, and is a configuration error when neither has one', () => {
    const command = standIn(0);
    runAction({ actionPath: emptyActionPath, given: installed(command), inputs: { target: '' }, jobEnv: { LEAN_BASE_URL: 'https://job.example.test' } });
    expect(seenBy(command).env['LEAN_BASE_URL']).toBe('https://job.example.test');
    const never = standIn(0);
    const run = runAction({ actionPath: emptyActionPath, given: installed(never), inputs: { target: '' } });
    expect(existsSync(join(dirname(never), 'seen.json'))).toBe(false);
    expect(run.stdout).toMatch(/::error title=Configuration error::/);
    expect(run.outputs).toMatchObject({ verdict: 'configuration-error', 'exit-code': '2' });
    expect(gateOf(run).status).toBe(2);
  });

  it('passes hostile input values through as data: nothing they say is run, every byte arrives', () => {
    const command = standIn(1);
    const pwned = join(base, 'pwned');
    const hostile = {
      target: `https://lean.example.test/$(touch ${pwned})`,
      username: `u\`touch ${pwned}\``,
      password: `p'"; touch ${pwned}; echo "`,
      'on-behalf-of': '::set-output name=verdict::pass',
      operation: `sendOtp; touch ${pwned}`,
      scenario: "fixture:* --plan'",
      seed: '42',
      'report-dir': 'reports dir/-x',
    };
    const run = runAction({ actionPath: emptyActionPath, given: installed(command), inputs: hostile });
    expect(existsSync(pwned)).toBe(false);
    const seen = seenBy(command);
    expect(seen.env).toMatchObject({
      LEAN_BASE_URL: hostile.target, LEAN_USERNAME: hostile.username, LEAN_PASSWORD: hostile.password, LEAN_ON_BEHALF_OF: hostile['on-behalf-of'],
      LEAN_SEED: '42', LEAN_REPORT_DIR: hostile['report-dir'],
    });
    expect(Object.keys(seen.env).filter((k) => k.startsWith('INPUT_'))).toEqual([]);
    expect(seen.argv).toEqual(['--operation', hostile.operation, '--scenario', hostile.scenario]);
    expect(run.stdout).toContain(`::add-mask::${hostile.password}`);
    expect(run.outputs).toMatchObject({ verdict: 'fail', 'exit-code': '1', 'report-dir': join(run.workspace, 'reports dir', '-x') });
  });

  it("wraps the suite's output in ::stop-commands:: with a fresh random token, and annotates only outside it", () => {
    const tokens = [1, 2].map(() => {
      const run = runAction({ actionPath: emptyActionPath, given: installed(standIn(1)), inputs: { target: 'https://lean.example.test' } });
      const suiteOut = run.steps.find((s) => s.name === suite.name)!.stdout;
      const [, token] = /^::stop-commands::([0-9a-f]{32})$/m.exec(suiteOut) ?? [];
      expect(token).toBeDefined();
      const lines = suiteOut.split('\n');
      const stop = lines.indexOf(`::stop-commands::${token}`);
      const resume = lines.indexOf(`::${token}::`);
      expect(stop).toBeGreaterThanOrEqual(0);
      expect(resume).toBeGreaterThan(stop);
      // Every line of the suite's own output is inside the pause; nothing after it but the resume.
      expect(lines.slice(stop + 1, resume)).toEqual(['::error title=From the target::an annotation the target wrote', '::set-output name=verdict::pass']);
      expect(run.outputs['verdict']).toBe('fail');
      return token;
    });
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  const codes: [string, { exit: number; verdict: string; code: string; annotation: RegExp }][] = [
    ['0', { exit: 0, verdict: 'pass', code: '0', annotation: /::notice title=Conformance::/ }],
    ['1', { exit: 1, verdict: 'fail', code: '1', annotation: /::error title=Conformance failure::/ }],
    ['2', { exit: 2, verdict: 'configuration-error', code: '2', annotation: /::error title=Configuration error::/ }],
    ['3', { exit: 3, verdict: 'inconclusive', code: '3', annotation: /::warning title=Inconclusive::/ }],
    ['4', { exit: 4, verdict: 'tool-error', code: '4', annotation: /::error title=Tool error::/ }],
    ['137 (killed)', { exit: 137, verdict: 'tool-error', code: '4', annotation: /::error title=Tool error::the suite itself failed \(exit 137\)/ }],
  ];
  it.each(codes)('turns exit %s into its verdict, exit code, annotation and gate', (_name, { exit, verdict, code, annotation }) => {
    const run = runAction({ actionPath: emptyActionPath, given: installed(standIn(exit)), inputs: { target: 'https://lean.example.test' } });
    expect(run.outputs).toMatchObject({ verdict, 'exit-code': code });
    expect(run.steps.find((s) => s.name === outcome.name)!.stdout).toMatch(annotation);
    expect(gateOf(run).status).toBe(Number(code));
    expect(run.summary).toBe(`No report: the suite stopped before writing one (${verdict}, exit ${code}).\n`);
  });

  it('puts summary.md into the job summary and reads the sends of conformance.json', () => {
    const command = standIn(0);
    const run = runAction({
      actionPath: emptyActionPath, given: installed(command), inputs: { target: 'https://lean.example.test', 'report-dir': 'out' },
      env: {},
    });
    expect(run.outputs['report-dir']).toBe(join(run.workspace, 'out'));
    writeFileSync(join(run.workspace, 'out', 'conformance.json'), JSON.stringify({ sends: 4 }));
    writeFileSync(join(run.workspace, 'out', 'summary.md'), '# Lean conformance: summary\n');
    // The outcome step again, now that the reports are there (the stand-in writes none).
    const again = runAction({
      actionPath: emptyActionPath,
      given: { install: { status: 'installed', command }, suite: { 'exit-code': '0', 'report-dir': join(run.workspace, 'out') } },
    });
    expect(again.outputs).toMatchObject({ verdict: 'pass', sends: '4' });
    expect(again.summary).toBe('# Lean conformance: summary\n');
  });

  it('refuses a version input that is not a version, before installing anything: a configuration error', () => {
    const run = runAction({ actionPath: emptyActionPath, inputs: { target: 'https://lean.example.test', version: '1.0.0 $(touch /tmp/x) && evil' } });
    expect(run.stepOutputs['install']).toEqual({ status: 'configuration-error' });
    expect(run.steps.find((s) => s.name === suite.name)!.ran).toBe(false);
    expect(run.outputs).toMatchObject({ verdict: 'configuration-error', 'exit-code': '2' });
    expect(gateOf(run).status).toBe(2);
  });

  it('is a tool error, never a failure, when its own checkout cannot be installed', () => {
    const run = runAction({ actionPath: emptyActionPath, inputs: { target: 'https://lean.example.test' } });
    expect(run.stepOutputs['install']).toEqual({ status: 'tool-error' });
    expect(run.steps.find((s) => s.name === suite.name)!.ran).toBe(false);
    expect(run.stdout).toMatch(/::error title=Tool error::the conformance suite could not be installed/);
    expect(run.outputs).toMatchObject({ verdict: 'tool-error', 'exit-code': '4' });
    expect(gateOf(run).status).toBe(4);
  });

  it('is a tool error, never a failure, when the registry cannot give the version asked for (an unpublished one, an outage)', () => {
    const run = runAction({ actionPath: emptyActionPath, inputs: { target: 'https://lean.example.test', version: '0.1.0' } });
    expect(run.steps[1]!.stderr).toMatch(/npm error/);
    expect(run.outputs).toMatchObject({ verdict: 'tool-error', 'exit-code': '4' });
    expect(gateOf(run).status).toBe(4);
  });
});

describe('action.yml installed from its own checkout with no registry, run against a sandbox', () => {
  let actionPath: string;
  let sandboxEnv: Record<string, string>;
  let sandbox: ChildProcess;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    // The Action's checkout is the repository as committed: what a workflow's `uses: …@<tag>` downloads.
    actionPath = join(base, 'action-checkout');
    execFileSync('git', ['clone', '--quiet', ROOT, actionPath]);
    const envFile = join(base, 'sandbox.env');
    // A process of its own: the steps run synchronously here, which would stall a sandbox in this process.
    sandbox = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/cli/provider.ts'), '--env-out', envFile], {
      cwd: base, env: cleanEnv({}), stdio: 'ignore',
    });
    for (let i = 0; i < 200 && !existsSync(envFile); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    sandboxEnv = Object.fromEntries(readFileSync(envFile, 'utf8').split('\n').filter((line) => /^[A-Z_]+=/.test(line)).map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 2, -1)];
    }));
  }, 60_000);

  afterAll(async () => {
    const closed = new Promise((resolve) => sandbox.once('close', resolve));
    sandbox.kill('SIGTERM');
    await closed;
    console.info(`action test timings (ms): ${JSON.stringify(timings)}`);
  });

  it('installs offline, runs, passes, keeps the job-level budget, and a second run reuses the build', () => {
    const inputs = { target: sandboxEnv['LEAN_BASE_URL']!, username: sandboxEnv['LEAN_USERNAME']!, password: sandboxEnv['LEAN_PASSWORD']!, fixtures: sandboxEnv['LEAN_FIXTURES']! };
    const jobEnv = { LEAN_MAX_SENDS: '2', LEAN_RATE_LIMIT: '1000', LEAN_MALFORMED_RUNS: '2' };
    const first = runAction({ actionPath, inputs, jobEnv });
    const install = first.steps[1]!;
    timings['install from the checkout (npm ci offline + build)'] = install.ms;
    timings['suite run'] = first.steps[2]!.ms;
    expect(install.status, install.stderr).toBe(0);
    expect(first.stepOutputs['install'], install.stderr.slice(-2000)).toEqual({ status: 'installed', command: join(actionPath, 'dist', 'bin', 'lean-otp-conformance.js') });
    expect(first.outputs, first.stdout).toMatchObject({ verdict: 'pass', 'exit-code': '0', sends: '2' });
    expect(readdirSync(first.outputs['report-dir']!)).toEqual(expect.arrayContaining(['conformance.json', 'junit.xml', 'summary.md', 'index.html']));
    expect(first.summary).toMatch(/^# /);
    expect(gateOf(first).status).toBe(0);
    // The runner masks what ::add-mask:: names; the suite itself never prints it.
    expect(first.stdout.replace(`::add-mask::${inputs.password}`, '')).not.toContain(inputs.password);

    const second = runAction({ actionPath, inputs, jobEnv });
    timings['second install (build reused)'] = second.steps[1]!.ms;
    expect(second.steps[1]!.stdout).toContain('dist/ is up to date with the sources; not rebuilt.');
    expect(second.outputs['verdict']).toBe('pass');
  }, 600_000);
});
