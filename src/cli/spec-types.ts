// `npm run spec:types`: regenerate spec/lean-send-otp.d.ts from the OpenAPI document.
import { writeFileSync } from 'node:fs';
import { GENERATED_TYPES_PATH, generateTypes } from '../spec/generate-types.ts';

writeFileSync(GENERATED_TYPES_PATH, await generateTypes());
process.stdout.write(`wrote ${GENERATED_TYPES_PATH}\n`);
