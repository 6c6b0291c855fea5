// Consumer contract tests: the project's typed client against the Pact mock server, one `it` per generated
// interaction. Run by `npm run pact:consumer`, which sets LEAN_PACT_OUTPUT_DIR to contracts/pacts/ (cleared
// first); under plain `npm test` the pact goes to a fresh temporary folder, so parallel test files never write
// the committed pacts and never race on them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATION_IDS } from '../../src/catalog/index.ts';
import { contractInteractions } from './interactions.ts';
import { defineInteraction, driveClient, expectedOutcome, newPact } from './pact-builder.ts';

const outputDir = process.env['LEAN_PACT_OUTPUT_DIR'] || mkdtempSync(join(tmpdir(), 'lean-pacts-'));
const pact = newPact(outputDir);
const interactions = contractInteractions();

for (const op of OPERATION_IDS) {
  describe(`${op} (consumer contract)`, () => {
    for (const interaction of interactions.filter((i) => i.operation === op)) {
      it(interaction.testName, async () => {
        const outcome = await defineInteraction(pact, interaction).executeTest((mockServer) =>
          driveClient(mockServer.url, interaction),
        );
        expect(outcome).toMatchObject(expectedOutcome(interaction));
      });
    }
  });
}
