// action.yml, the composite GitHub Action: every input sets one documented LEAN_* variable (src/config/
// variables.ts is the one table), every step's shell parses (`bash -n`), and the steps' scripts do what the
// outputs promise, run here under bash with a stand-in `npm` (nothing is installed, nothing leaves the machine).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VARIABLE_NAMES } from '../src/config/variables.ts';
import { ROOT } from './support/spawn-cli.ts';

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
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
/** Inputs that configure the Action itself, not the suite. */
const OWN_INPUTS = ['version', 'node-version'];
const INPUT_REF = /^\$\{\{ inputs\.([\w-]+) \}\}$/;

/** input name → the LEAN_* variable the suite step sets from it. */
const mapping = new Map(Object.entries(suite.env ?? {}).flatMap(([name, value]) => {
  const input = INPUT_REF.exec(value)?.[1];
  return input && name.startsWith('LEAN_') ? [[input, name] as const] : [];
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

  it('has inputs for the target, credentials, certificates, fixtures, budget, required codes, baseline and report directory', () => {
    expect([...mapping.values()]).toEqual(expect.arrayContaining([
      'LEAN_BASE_URL', 'LEAN_USERNAME', 'LEAN_PASSWORD', 'LEAN_CLIENT_CERT', 'LEAN_CLIENT_KEY', 'LEAN_CLIENT_KEY_PASSPHRASE', 'LEAN_CA_CERT',
      'LEAN_FIXTURES', 'LEAN_MAX_SENDS', 'LEAN_REQUIRE_CODES', 'LEAN_BASELINE', 'LEAN_REPORT_DIR',
    ]));
    expect(new Set(mapping.values()).size).toBe(mapping.size);
  });

  it('refers only to inputs it declares, and every step env LEAN_* name is a variable of the suite', () => {
    const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    const referenced = [...text.matchAll(/\binputs\.([\w-]+)/g)].map((m) => m[1]);
    expect(referenced.filter((name) => !(name! in action.inputs))).toEqual([]);
    const leanNames = steps.flatMap((s) => Object.keys(s.env ?? {})).filter((name) => name.startsWith('LEAN_'));
    expect(leanNames.filter((name) => !(VARIABLE_NAMES as readonly string[]).includes(name))).toEqual([]);
  });

  it('runs the package version of this repository by default, on Node 24 set up by the current setup-node', () => {
    expect(action.inputs['version']?.default).toBe(pkg.version);
    expect(action.inputs['node-version']?.default).toBe('24');
    expect(steps[0]?.uses).toBe('actions/setup-node@v7');
    expect(suite.run).toContain('lean-otp-conformance');
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
  });
});

describe('action.yml steps, run under bash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lean-action-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs one step's script as the runner would: its env, GITHUB_* files, and `npm` replaced by `fake`. */
  function runStep(step: Step, env: Record<string, string>, fakeNpm = 'exit 0'): { status: number | null; outputs: Record<string, string>; summary: string; stdout: string; npmEnv: string } {
    const work = mkdtempSync(join(dir, 'step-'));
    const bin = join(work, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'npm'), `#!/usr/bin/env bash\nenv | grep '^LEAN_' | sort > "${join(work, 'npm-env')}"\n${fakeNpm}\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    for (const file of ['output', 'summary', 'npm-env']) writeFileSync(join(work, file), '');
    const result = spawnSync('bash', ['-e', '-c', step.run ?? ''], {
      encoding: 'utf8',
      cwd: work,
      env: {
        PATH: `${bin}:${process.env['PATH'] ?? ''}`,
        GITHUB_WORKSPACE: work, GITHUB_OUTPUT: join(work, 'output'), GITHUB_STEP_SUMMARY: join(work, 'summary'), ...env,
      },
    });
    const outputs = Object.fromEntries(readFileSync(join(work, 'output'), 'utf8').split('\n').filter(Boolean).map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)];
    }));
    return { status: result.status, outputs, summary: readFileSync(join(work, 'summary'), 'utf8'), stdout: result.stdout, npmEnv: readFileSync(join(work, 'npm-env'), 'utf8') };
  }

  const suiteEnv = (values: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(suite.env ?? {}).map(([name, value]) => {
      const input = INPUT_REF.exec(value)?.[1];
      return [name, input ? values[input] ?? action.inputs[input]?.default ?? '' : value];
    }));

  it('records the exit code of the command, and passes only the inputs that were given', () => {
    const run = runStep(suite, suiteEnv({ target: 'https://lean.example.test', 'max-sends': '2', password: 'pw-123' }), 'exit 1');
    expect(run.status).toBe(0);
    expect(run.outputs['exit-code']).toBe('1');
    expect(run.outputs['report-dir']).toMatch(/\/reports$/);
    expect(run.npmEnv).toBe(['LEAN_BASE_URL=https://lean.example.test', 'LEAN_MAX_SENDS=2', 'LEAN_PASSWORD=pw-123', 'LEAN_REPORT_DIR=reports', ''].join('\n'));
    expect(run.stdout).toContain('::add-mask::pw-123');
  });

  it('refuses an empty target (a missing secret) with exit code 2 and never runs the command', () => {
    const run = runStep(suite, suiteEnv({ target: '' }), 'echo ran; exit 0');
    expect(run.outputs['exit-code']).toBe('2');
    expect(run.stdout).toMatch(/::error title=Configuration error::/);
    expect(run.stdout).not.toContain('ran');
    expect(run.npmEnv).toBe('');
  });

  const outcomes: [string, { code: string; report?: object; want: Record<string, string> }][] = [
    ['a pass', { code: '0', report: { sends: 4 }, want: { verdict: 'pass', sends: '4' } }],
    ['a failure', { code: '1', report: { sends: 0 }, want: { verdict: 'fail', sends: '0' } }],
    ['a configuration error, no report', { code: '2', want: { verdict: 'configuration-error' } }],
  ];
  it.each(outcomes)('turns %s into the outputs and the job summary', (_name, { code, report, want }) => {
    const reports = mkdtempSync(join(dir, 'reports-'));
    if (report) {
      writeFileSync(join(reports, 'conformance.json'), JSON.stringify(report));
      writeFileSync(join(reports, 'summary.md'), '# Lean conformance: summary\n');
    }
    const run = runStep(outcome, { EXIT_CODE: code, REPORT_DIR: reports });
    expect(run.status).toBe(0);
    expect(run.outputs).toEqual(want);
    expect(run.summary).toBe(report ? '# Lean conformance: summary\n' : `No report: the suite stopped before writing one (exit ${code}).\n`);
  });

  it('fails the gate step with the exit code of the suite', () => {
    const gate = steps.at(-1)!;
    expect(gate.if).toBe('always()');
    for (const code of ['0', '1', '2']) expect(runStep(gate, { EXIT_CODE: code }).status).toBe(Number(code));
  });
});

// `bash` itself is a precondition of the checks above; say so plainly if it is missing.
execFileSync('bash', ['--version']);
