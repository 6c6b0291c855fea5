// Pact's log level, shared by the consumer tests and the verification: PACT_LOG_LEVEL, quiet by default
// (style-anchors §5). Debug levels print requests with their headers and bodies; the verification filters the
// Verifier's output through the secrets module at every level (provider/run-verifier.ts).
export type PactLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export const PACT_LOG_LEVELS: readonly PactLogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];

export function pactLogLevel(env: Readonly<Record<string, string | undefined>> = process.env): PactLogLevel {
  const wanted = env['PACT_LOG_LEVEL']?.toLowerCase();
  return PACT_LOG_LEVELS.find((l) => l === wanted) ?? 'warn';
}
