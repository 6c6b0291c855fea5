// `npm run spec:types`: regenerate spec/lean-send-otp.d.ts from the OpenAPI document.
import { writeFileSync } from 'node:fs';
import { GENERATED_TYPES_PATH, generateTypes } from '../spec/generate-types.ts';
import type { CommandSpec } from './args.ts';
import { defineCommand } from './command.ts';
import { isEntryPoint, runAsProcess, type CliMain } from './io.ts';

export const COMMAND: CommandSpec = {
  usage: 'npm run spec:types --',
  summary: 'Regenerates the TypeScript types of the spec (spec/lean-send-otp.d.ts) with openapi-typescript.',
  options: {},
};

export const main: CliMain = defineCommand('spec-types', COMMAND, async (_args, _env, io) => {
  writeFileSync(GENERATED_TYPES_PATH, await generateTypes());
  io.out(`wrote ${GENERATED_TYPES_PATH}\n`);
  return 0;
});

if (isEntryPoint(import.meta.url)) await runAsProcess('spec-types', main);
