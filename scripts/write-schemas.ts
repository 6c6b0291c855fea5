// `npm run schemas`: rewrites schemas/*.json from the catalog (src/schemas/generate.ts), and the precompiled
// validator of conformance.json beside its source (src/schemas/validator-module.ts). Parses its arguments like
// every entry point: `--help` and `--version` print and exit 0 without writing anything; anything else given is exit 2.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CommandSpec } from '../src/cli/args.ts';
import { defineCommand } from '../src/cli/command.ts';
import { isEntryPoint, runAsProcess, type CliMain } from '../src/cli/io.ts';
import { PACKAGE_ROOT } from '../src/package-info.ts';
import { SCHEMA_FILES } from '../src/schemas/generate.ts';
import { VALIDATOR_FILES } from '../src/schemas/validator-module.ts';

const NAME = 'schemas';

export const COMMAND: CommandSpec = {
  usage: 'npm run schemas --',
  summary: `Rewrites the JSON Schemas shipped with the package (schemas/${Object.keys(SCHEMA_FILES).join(', schemas/')}) from the spec's catalog, and the precompiled validator of conformance.json (${Object.keys(VALIDATOR_FILES)[0]}).`,
  options: {},
};

export const main: CliMain = defineCommand(NAME, COMMAND, async (_args, _env, io) => {
  const dir = join(PACKAGE_ROOT, 'schemas');
  mkdirSync(dir, { recursive: true });
  for (const [name, build] of Object.entries(SCHEMA_FILES)) {
    writeFileSync(join(dir, name), `${JSON.stringify(build(), null, 2)}\n`);
    io.out(`wrote ${join('schemas', name)}\n`);
  }
  for (const [path, build] of Object.entries(VALIDATOR_FILES)) {
    mkdirSync(dirname(join(PACKAGE_ROOT, path)), { recursive: true });
    writeFileSync(join(PACKAGE_ROOT, path), build());
    io.out(`wrote ${path}\n`);
  }
  return 0;
});

if (isEntryPoint(import.meta.url)) await runAsProcess(NAME, main);
