// Which Verifier runs verify the plan, and on what. Always exactly the planned documents:
//  - a complete plan of broker pacts: those documents as planned, served under their broker paths by the pact
//    mirror (pact-mirror.ts; a pact published since cannot slip in, nor a second answer of the broker), with
//    their broker links, so the Verifier publishes its results through the mirror, which adds the credentials;
//  - anything else: filtered copies of the planned documents, written here, and nothing is published (a
//    verification that left interactions out must never mark a pact as verified).
// Pending pacts run in their own batch, so their failures are reported without failing the run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PactPlan } from './plan.ts';
import type { SourcedPact } from './pact-sources.ts';
import type { PactSource, PublishResults } from './types.ts';
import type { VerifierBatch } from './verifier-job.ts';

export interface PlannedPact extends SourcedPact {
  plan: PactPlan;
}

export interface PlannedBatch {
  batch: VerifierBatch;
  /** How many interactions this batch must run. */
  planned: number;
}

export function verifierBatches(pacts: readonly PlannedPact[], options: {
  complete: boolean;
  source: PactSource;
  publish?: PublishResults;
  /** A fresh folder for the filtered copies. */
  dir: string;
  /** Where the Verifier reads a complete plan's broker pacts: the mirror's URL of each planned document. */
  mirrored?: (brokerUrl: string) => string;
}): PlannedBatch[] {
  const byUrl = options.complete && options.source.kind === 'broker' && options.mirrored !== undefined && pacts.every((p) => p.url !== undefined);
  const batches: PlannedBatch[] = [];
  for (const pending of [false, true]) {
    const chosen = pacts.filter((p) => p.pending === pending && p.plan.verify.length > 0);
    if (chosen.length === 0) continue;
    const planned = chosen.reduce((n, p) => n + p.plan.verify.length, 0);
    const label = pending ? 'pending pacts' : 'pacts';
    if (byUrl && options.source.kind === 'broker') {
      batches.push({
        planned,
        batch: {
          label,
          pending,
          pactUrls: chosen.map((p) => options.mirrored?.(p.url ?? '') ?? ''),
          ...(options.publish ? { publish: options.publish } : {}),
        },
      });
      continue;
    }
    const files = chosen.map((p, n) => {
      const file = join(options.dir, `${pending ? 'pending' : 'pact'}-${n}.json`);
      writeFileSync(file, JSON.stringify(p.plan.filtered));
      return file;
    });
    batches.push({ planned, batch: { label, pending, pactUrls: files } });
  }
  return batches;
}
