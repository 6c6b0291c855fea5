// Shared shape of the broker-workflow entry points: run one workflow step, echo the CLI's own output, exit with
// its exit code, or 2 with one sentence for a configuration error (nothing sent).
import type { WorkflowResult } from '../broker/workflow.ts';
import { WorkflowConfigError } from '../broker/workflow.ts';

export function runBrokerCommand(name: string, step: () => Promise<WorkflowResult>): void {
  step().then(
    (result) => {
      process.stderr.write(`${name}: ${result.summary}: ${result.exitCode === 0 ? 'ok' : `exit ${result.exitCode}`}\n`);
      process.exit(result.exitCode);
    },
    (error: unknown) => {
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(error instanceof WorkflowConfigError ? 2 : 1);
    },
  );
}
