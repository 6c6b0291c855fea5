import { contractInteractions } from '../consumer/interactions.ts';
import { defineInteraction, driveClient, newPact } from '../consumer/pact-builder.ts';
import { mkdtempSync } from 'node:fs'; import { tmpdir } from 'node:os'; import { join } from 'node:path';
const pact = newPact(mkdtempSync(join(tmpdir(), 'x-')));
let fails = 0;
for (let round = 0; round < 5; round++) for (const i of contractInteractions()) {
  let outcome: unknown;
  try { await defineInteraction(pact, i).executeTest(async (ms) => { outcome = await driveClient(ms.url, i); return outcome; }); }
  catch (e) { fails++; console.log('FAIL', i.description, JSON.stringify(outcome)); }
}
console.log('fails', fails);
