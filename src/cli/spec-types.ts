// `npm run spec:types`: regenerate spec/lean-send-otp.d.ts from the OpenAPI document.
import { writeFileSync } from 'node:fs';
import { GENERATED_TYPES_PATH, generateTypes } from '../spec/generate-types.ts';
import { ConfigError } from '../input/index.ts';
import { parseCommandLine, type CommandSpec } from './args.ts';
import { isEntryPoint, runAsProcess, type CliMain } from './io.ts';

export const COMMAND: CommandSpec = {
  usage: 'npm run spec:types --',
  summary: 'Regenerates the TypeScript types of the spec (spec/lean-send-otp.d.ts) with openapi-typescript.',
  options: {},
};

export const main: CliMain = async (argv, _env, io) => {
  try {
    const args = parseCommandLine(COMMAND, argv);
    if (args.kind !== 'run') {
      io.out(args.text);
      return 0;
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(`spec-types: ${error.message}\n`);
    return 2;
  }
  writeFileSync(GENERATED_TYPES_PATH, await generateTypes());
  io.out(`wrote ${GENERATED_TYPES_PATH}\n`);
  return 0;
};

if (isEntryPoint(import.meta.url)) await runAsProcess('spec-types', main);
