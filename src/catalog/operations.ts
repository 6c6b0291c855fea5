// The operations of the spec (OpenAPI "Paths Object"), read from the document rather than listed by hand.
import type { operations } from '../../spec/lean-send-otp.d.ts';
import { spec, type SpecDocument } from '../spec/document.ts';

export type OperationId = keyof operations;

export interface Operation {
  readonly id: OperationId;
  readonly method: 'POST';
  /** Path appended to the target's base URL, e.g. `/sendOtp`. */
  readonly path: string;
  readonly deprecated: boolean;
  /** Name of the schema in `components.schemas` that describes this operation's 500 body. */
  readonly errorSchema: string;
}

export function readOperations(doc: SpecDocument): Operation[] {
  const found: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const pointer = `#/paths/${path.replaceAll('/', '~1')}/${method}`;
      if (method !== 'post') throw new Error(`${pointer}: only POST operations are expected, found ${method}.`);
      const ref = op.responses['500']?.content?.['application/json']?.schema.$ref;
      if (!ref?.startsWith('#/components/schemas/')) {
        throw new Error(`${pointer}/responses/500: expected an application/json schema $ref to components.schemas.`);
      }
      found.push({
        id: op.operationId as OperationId,
        method: 'POST',
        path,
        deprecated: op.deprecated === true,
        errorSchema: ref.slice('#/components/schemas/'.length),
      });
    }
  }
  if (found.length === 0) throw new Error('The spec declares no operation.');
  return found;
}

/** Both operations of the spec, standard first, in the order the document declares them. */
export const OPERATIONS: readonly Operation[] = readOperations(spec());
export const OPERATION_IDS: readonly OperationId[] = OPERATIONS.map((op) => op.id);

export function operation(id: OperationId): Operation {
  const op = OPERATIONS.find((candidate) => candidate.id === id);
  if (!op) throw new Error(`Unknown operation ${id}.`);
  return op;
}
