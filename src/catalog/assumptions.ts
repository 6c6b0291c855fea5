// The spec's own words for the assumptions a first run against a real environment most often finds wrong, read
// from its `x-assumption` notes (never restated here), so a report quoting one quotes what the spec says today.
import { spec, type SpecDocument } from '../spec/document.ts';
import { OPERATIONS } from './operations.ts';

export type AssumptionTopic = 'method-and-paths' | 'error-body' | 'authentication';

function note(value: unknown, pointer: string): string {
  const text = (value as { 'x-assumption'?: unknown } | undefined)?.['x-assumption'];
  if (typeof text !== 'string' || text.trim() === '') throw new Error(`The spec has no x-assumption at ${pointer}.`);
  return text.trim().replace(/\s+/g, ' ');
}

/** The `x-assumption` of the standard operation (its path and method), of its error body, and of Basic authentication. */
export function readAssumptions(doc: SpecDocument): Record<AssumptionTopic, string> {
  const standard = OPERATIONS.find((op) => !op.deprecated) ?? OPERATIONS[0]!;
  const schemes = (doc.components['securitySchemes'] ?? {}) as Record<string, unknown>;
  return {
    'method-and-paths': note(doc.paths[standard.path]?.['post'], `#/paths/${standard.path.replaceAll('/', '~1')}/post`),
    'error-body': note(doc.components.schemas[standard.errorSchema], `#/components/schemas/${standard.errorSchema}`),
    authentication: note(schemes['basicAuth'], '#/components/securitySchemes/basicAuth'),
  };
}

let cached: Record<AssumptionTopic, string> | undefined;
export function assumption(topic: AssumptionTopic): string {
  cached ??= readAssumptions(spec());
  return cached[topic];
}
