// The part of a Pact file (V4, also V3) the verification plan and the guards read. Everything else is kept as
// it is when a filtered copy is written.
import { readFileSync } from 'node:fs';

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

export function parsePact(text: string, source: string): PactDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not JSON.`);
  }
  const doc = parsed as Partial<PactDocument>;
  if (typeof doc?.consumer?.name !== 'string' || typeof doc.provider?.name !== 'string' || !Array.isArray(doc.interactions)) {
    throw new Error(`${source} is not a pact file (consumer, provider and interactions are required).`);
  }
  return doc as PactDocument;
}

export function readPact(path: string): PactDocument {
  return parsePact(readFileSync(path, 'utf8'), path);
}

export function stateNames(interaction: PactInteraction): string[] {
  return (interaction.providerStates ?? []).map((s) => s.name);
}
