// LEAN_REQUIRE_CODES: catalog codes a run must assert, `200` for the success path (a zero-byte 200 asserted on
// each operation), or `all`. Only codes a scenario can provoke may be listed, since requiring any other one
// would fail every run whatever the target does.
import { catalogOf, everyProvokableCode, OPERATION_IDS } from '../catalog/index.ts';
import { ConfigError } from '../input/index.ts';

const VARIABLE = 'LEAN_REQUIRE_CODES';
/** The success path: a zero-byte 200 asserted on each operation. */
export const SUCCESS_STATUS = 200;

function everyCatalogCode(): Set<number> {
  return new Set(OPERATION_IDS.flatMap((op) => catalogOf(op).map((entry) => entry.code as number)));
}

/**
 * `all` (any case), or comma-separated codes; unset means none. Duplicates are dropped, order is kept.
 * @throws ConfigError when an item is not an integer, not in either catalog (nor 200), or not provokable.
 */
export function parseRequireCodes(raw: string | undefined): 'all' | number[] {
  if (raw === undefined) return [];
  if (raw.trim().toLowerCase() === 'all') return 'all';
  const provokable = new Set(everyProvokableCode());
  const codes: number[] = [];
  for (const item of raw.split(',').map((part) => part.trim())) {
    if (!/^\d+$/.test(item)) {
      throw new ConfigError(
        VARIABLE,
        `must be "all" or comma-separated integer codes, and ${item === '' ? 'an item is empty' : `${JSON.stringify(item)} is not an integer`}`,
      );
    }
    const code = Number(item);
    if (code !== SUCCESS_STATUS) {
      if (!everyCatalogCode().has(code)) {
        throw new ConfigError(VARIABLE, `${code} is in neither operation's catalog (provokable codes: ${[...provokable].join(', ')}; 200 for the success path)`);
      }
      if (!provokable.has(code)) {
        throw new ConfigError(VARIABLE, `${code} cannot be required because no scenario provokes it (it is never expected)`);
      }
    }
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}
