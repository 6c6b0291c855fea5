// `npm run schemas`: rewrites schemas/*.json from the catalog (src/schemas/generate.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/package-info.ts';
import { SCHEMA_FILES } from '../src/schemas/generate.ts';

mkdirSync(join(PACKAGE_ROOT, 'schemas'), { recursive: true });
for (const [name, build] of Object.entries(SCHEMA_FILES)) {
  writeFileSync(join(PACKAGE_ROOT, 'schemas', name), `${JSON.stringify(build(), null, 2)}\n`);
}
