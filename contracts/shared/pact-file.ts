// The part of a Pact file (V4, also V3) the verification plan and the guards read. Everything else is kept as
// it is when a filtered copy is written. A pact named on the command line is input like any configured file:
// read safely (no directory, FIFO or device; bounded size) and, when it is not a pact, one sentence (exit 2).
import { ConfigError, readConfiguredFile } from '../../src/input/index.ts';

export interface PactProviderState {
  name: string;
  params?: Record<string, unknown>;
}

export interface PactBody {
  content?: unknown;
  contentType?: string;
  encoded?: boolean | string;
}

export interface PactMatcherSet {
  combine?: string;
  matchers: { match: string; [key: string]: unknown }[];
}

export interface PactHttpPart {
  headers?: Record<string, string[] | string>;
  body?: PactBody;
  matchingRules?: { body?: Record<string, PactMatcherSet>; header?: Record<string, PactMatcherSet> };
  generators?: { body?: Record<string, { type: string; expression?: string }>; header?: Record<string, { type: string; expression?: string }> };
}

export interface PactInteraction {
  description: string;
  type?: string;
  providerStates?: PactProviderState[];
  request: PactHttpPart & { method: string; path: string };
  response: PactHttpPart & { status: number };
  [key: string]: unknown;
}

export interface PactDocument {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A pact that is not one: what was wrong, in one sentence, without the content (it may hold ids). */
export class PactFormatError extends Error {
  override readonly name = 'PactFormatError';
}

function isInteraction(value: unknown): boolean {
  const i = value as Partial<PactInteraction> | null;
  return typeof i === 'object' && i !== null && typeof i.description === 'string'
    && typeof i.request === 'object' && i.request !== null && typeof i.response === 'object' && i.response !== null;
}

/** @throws PactFormatError when the text is not JSON or not a pact (consumer, provider, interactions). */
export function parsePact(text: string, source: string): PactDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new PactFormatError(`${source} is not JSON.`);
  }
  const doc = parsed as Partial<PactDocument> | null;
  if (typeof doc?.consumer?.name !== 'string' || typeof doc.provider?.name !== 'string' || !Array.isArray(doc.interactions)) {
    throw new PactFormatError(`${source} is not a pact file (consumer, provider and interactions are required).`);
  }
  if (!doc.interactions.every(isInteraction)) {
    throw new PactFormatError(`${source} is not a pact file (each interaction needs a description, a request and a response).`);
  }
  return doc as PactDocument;
}

/**
 * A pact file named by the user (`variable`: how the message names where it came from).
 * @throws ConfigError for an unreadable file, a directory, a device, or content that is not a pact.
 */
export function readPact(path: string, variable = 'pact file'): PactDocument {
  const text = readConfiguredFile(variable, path);
  try {
    return parsePact(text, path);
  } catch (error) {
    if (error instanceof PactFormatError) throw new ConfigError(variable, error.message.replace(/\.$/, ''));
    throw error;
  }
}

export function stateNames(interaction: PactInteraction): string[] {
  return (interaction.providerStates ?? []).map((s) => s.name);
}
