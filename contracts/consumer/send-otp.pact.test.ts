// Consumer contract tests: the project's typed client against the Pact mock server, one `it` per generated
// interaction, then the guards over the pact file just written. Run by `npm run pact:consumer`, which sets
// LEAN_PACT_OUTPUT_DIR to contracts/pacts/ (cleared first); under plain `npm test` the pact goes to a fresh
// temporary folder, so parallel test files never write the committed pacts and never race on them.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OPERATION_IDS } from '../../src/catalog/index.ts';
import { SPEC_PATH } from '../../src/spec/document.ts';
import { PACT_FILE_NAME } from '../shared/names.ts';
import { readPact } from '../shared/pact-file.ts';
import { checkAgainstOpenApi, checkPact } from './guards.ts';
import { contractInteractions } from './interactions.ts';
import { defineInteraction, driveClient, expectedOutcome, newPact } from './pact-builder.ts';

const requestedDir = process.env['LEAN_PACT_OUTPUT_DIR'];
const outputDir = requestedDir || mkdtempSync(join(tmpdir(), 'lean-pacts-'));
afterAll(() => {
  if (!requestedDir) rmSync(outputDir, { recursive: true, force: true });
});
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

// Runs after the interactions above (vitest runs a file's tests in order): the file Pact wrote is what a
// provider will be verified against, so the guards read that file.
describe('the pact file written by these tests', () => {
  const file = join(outputDir, PACT_FILE_NAME);

  it('holds every generated interaction, each with its guards satisfied', () => {
    expect(existsSync(file), `${file} was not written`).toBe(true);
    expect(checkPact(readPact(file))).toEqual([]);
  });

  it('is compatible with the OpenAPI spec (swagger-mock-validator)', async () => {
    const result = await checkAgainstOpenApi(file, SPEC_PATH);
    expect(result.errors).toEqual([]);
    expect(result.compatible).toBe(true);
  });
});
