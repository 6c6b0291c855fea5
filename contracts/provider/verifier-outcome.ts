// What the Verifier's answer says. pact-core resolves with its JSON result when every failure was in a pending
// pact, and rejects with that JSON as the message when an interaction failed; any other rejection is a setup
// error (broker unreachable, provider down…) whose first line says what.

export interface VerifierOutcome {
  /** Interactions the Verifier ran, when its result lists them. */
  ran?: number;
  /** Descriptions of the interactions that failed. */
  failed: string[];
  /** Failures of pending pacts the Verifier let pass. */
  pendingErrors: number;
  /** One line; set when the Verifier rejected. */
  summary?: string;
}

interface VerifierJson {
  interactionResults?: { description?: string; result?: string }[];
  pendingErrors?: unknown[];
  errors?: unknown[];
}

function parse(text: string): VerifierJson | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as VerifierJson) : undefined;
  } catch {
    return undefined;
  }
}

export function resolvedOutcome(output: string): VerifierOutcome {
  const json = parse(output);
  return {
    ...(Array.isArray(json?.interactionResults) ? { ran: json.interactionResults.length } : {}),
    failed: [],
    pendingErrors: Array.isArray(json?.pendingErrors) ? json.pendingErrors.length : 0,
  };
}

export function rejectedOutcome(message: string): VerifierOutcome {
  const json = parse(message);
  if (json) {
    const results = json.interactionResults ?? [];
    const failed = results.filter((r) => r.result !== 'OK').map((r) => r.description ?? '?');
    const ran = Array.isArray(json.interactionResults) ? { ran: results.length } : {};
    if (failed.length > 0) return { ...ran, failed, pendingErrors: 0, summary: `${failed.length} interaction(s) failed verification` };
    if (Array.isArray(json.errors) && json.errors.length > 0) return { ...ran, failed, pendingErrors: 0, summary: `${json.errors.length} verification error(s)` };
  }
  return { failed: [], pendingErrors: 0, summary: message.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'verification failed' };
}
