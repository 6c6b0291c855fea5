// Validates request and response bodies against the spec's schemas with ajv (JSON Schema 2020-12, the
// dialect of OpenAPI 3.1). The whole `components` object is registered once, so `$ref`s resolve as written.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { spec, type SpecDocument } from './document.ts';

const SPEC_ID = 'lean-send-otp.openapi';

/** OpenAPI's own schema keywords and this spec's `x-` extensions: annotations that ajv must accept, not apply. */
function annotationKeywords(doc: SpecDocument): string[] {
  const found = new Set(['components', 'example', 'discriminator', 'xml', 'externalDocs']);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      walk(value);
    }
  };
  walk(doc.components.schemas);
  return [...found];
}

export interface SchemaValidator {
  /** Returns null when `value` is valid against `components.schemas[schemaName]`, else a one-line reason. */
  check(schemaName: string, value: unknown): string | null;
}

export function createValidator(doc: SpecDocument = spec()): SchemaValidator {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  for (const keyword of annotationKeywords(doc)) ajv.addKeyword({ keyword });
  ajv.addSchema({ $id: SPEC_ID, components: doc.components });
  const compiled = new Map<string, ValidateFunction>();
  return {
    check(schemaName, value) {
      let validate = compiled.get(schemaName);
      if (!validate) {
        if (!doc.components.schemas[schemaName]) throw new Error(`No schema ${schemaName} in the spec.`);
        validate = ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${schemaName}` });
        compiled.set(schemaName, validate);
      }
      if (validate(value)) return null;
      return ajv.errorsText(validate.errors, { dataVar: 'body' });
    },
  };
}

let shared: SchemaValidator | undefined;
/** One validator per process: compiling is the costly part. */
export function validator(): SchemaValidator {
  shared ??= createValidator();
  return shared;
}
