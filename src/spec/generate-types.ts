// Generates the TypeScript types of the spec with openapi-typescript; used by `npm run spec:types` and by the
// staleness test, so both produce the file the same way.
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { SPEC_PATH } from './document.ts';

export const GENERATED_TYPES_PATH = SPEC_PATH.replace(/\.openapi\.yaml$/, '.d.ts');

export async function generateTypes(specPath: string = SPEC_PATH): Promise<string> {
  const ast = await openapiTS(pathToFileURL(specPath), { enum: false, exportType: true });
  return astToString(ast);
}
