// What the spec says about each operation, in the shape the drift comparison needs. Read with the same
// readers that build `OPERATIONS` and `catalogOf`, but from a given document, so a test can compare a page
// with an altered spec without touching the file.
import { readCatalog, readOperations, type Catalog, type OperationId } from '../catalog/index.ts';
import { spec, type SpecDocument } from '../spec/document.ts';

export interface OperationExpectation {
  readonly operation: OperationId;
  readonly deprecated: boolean;
  /** The whole catalog; `source` tells operation codes from authentication codes. */
  readonly catalog: Catalog;
  /** The 4xx/5xx statuses the operation declares (today: 500 only). */
  readonly errorStatuses: readonly number[];
  /** The spec's 200 response has no `content`: the body is zero bytes. */
  readonly successBodyEmpty: boolean;
}

function successBodyEmpty(doc: SpecDocument, response: unknown): boolean {
  const { $ref, content } = (response ?? {}) as { $ref?: unknown; content?: unknown };
  const prefix = '#/components/responses/';
  const resolved = typeof $ref === 'string' && $ref.startsWith(prefix)
    ? (doc.components.responses[$ref.slice(prefix.length)] as { content?: unknown } | undefined)
    : { content };
  const declared = resolved?.content;
  return declared === undefined || (typeof declared === 'object' && declared !== null && Object.keys(declared).length === 0);
}

export function specExpectations(doc: SpecDocument = spec()): OperationExpectation[] {
  return readOperations(doc).map((op) => {
    const responses = doc.paths[op.path]?.['post']?.responses ?? {};
    return {
      operation: op.id,
      deprecated: op.deprecated,
      catalog: readCatalog(doc, op.errorSchema),
      errorStatuses: Object.keys(responses).filter((s) => /^[45]\d\d$/.test(s)).map(Number),
      successBodyEmpty: successBodyEmpty(doc, responses['200']),
    };
  });
}
