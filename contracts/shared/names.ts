// Names shared by the consumer tests, the verification and the broker workflow (interface.md, "Pact names").
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSUMER = 'lean-otp-client';
export const PROVIDER = 'lean-disposable';

/** Provider state of the fixture-free interactions: the provider needs no holder, only fresh random values. */
export const NO_HOLDER_STATE = 'no holder';

/** Where `npm run pact:consumer` writes the pacts (committed, cleared before each run). */
export const PACTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'pacts');

/** The one pact file of this consumer–provider pair, as the Pact core names it. */
export const PACT_FILE_NAME = `${CONSUMER}-${PROVIDER}.json`;
