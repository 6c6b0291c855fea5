// Runs a command of a packaging test to its end, with what it printed and how long it took. Shared by the
// tarball install test and the git install test.
import { spawn, type SpawnOptions } from 'node:child_process';

export interface Run { code: number | null; stdout: string; stderr: string; ms: number }

export function run(command: string, args: readonly string[], options: SpawnOptions & { timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    // A detached child leads its own process group: a timeout ends it all, so no grandchild holds the pipes open.
    const timer = setTimeout(() => (options.detached && child.pid ? process.kill(-child.pid, 'SIGKILL') : child.kill('SIGKILL')), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}
