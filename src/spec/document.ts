// The OpenAPI document is the project's single source of truth: every other module reads it through here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../package-info.ts';

export const SPEC_PATH = join(PACKAGE_ROOT, 'spec', 'lean-send-otp.openapi.yaml');

/** The parts of an OpenAPI 3.1 document this project reads; everything else stays `unknown`. */
export interface SpecDocument {
  openapi: string;
  paths: Record<string, Record<string, SpecOperation>>;
  components: {
    schemas: Record<string, SpecSchema>;
    responses: Record<string, { description: string; 'x-fixture-states'?: string[] }>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface SpecOperation {
  operationId: string;
  deprecated?: boolean;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: { $ref: string } }> }>;
  [key: string]: unknown;
}

export interface SpecSchema {
  enum?: unknown[];
  'x-error-codes'?: unknown;
  [key: string]: unknown;
}

export function loadSpec(path: string = SPEC_PATH): SpecDocument {
  const text = readFileSync(path, 'utf8');
  if (text.trim() === '') throw new Error(`The OpenAPI document at ${path} is empty.`);
  // No alias may stand in the document: some OpenAPI parsers drop them (Specmatic then accepted any code), so
  // each operation states its own catalog and a test proves the two equal.
  return parse(text, { maxAliasCount: 0 }) as SpecDocument;
}

let cached: SpecDocument | undefined;
/** The project's spec, parsed once per process. */
export function spec(): SpecDocument {
  cached ??= loadSpec();
  return cached;
}
