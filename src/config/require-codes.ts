// LEAN_REQUIRE_CODES: catalog codes a run must assert. Only codes a scenario can provoke may be listed, since
// requiring any other one would fail every run whatever the target does.
import { catalogOf, OPERATION_IDS, type OperationId } from '../catalog/index.ts';
import { ConfigError } from '../input/errors.ts';

const VARIABLE = 'LEAN_REQUIRE_CODES';

/** The codes of one operation's catalog that some scenario provokes (every code but 6), in catalog order. */
export function provokableCodes(op: OperationId): number[] {
  return catalogOf(op).filter((entry) => entry.provokedBy !== undefined).map((entry) => entry.code);
}

function everyCatalogCode(): Set<number> {
  return new Set(OPERATION_IDS.flatMap((op) => catalogOf(op).map((entry) => entry.code as number)));
}

function everyProvokableCode(): Set<number> {
  return new Set(OPERATION_IDS.flatMap(provokableCodes));
}

/**
 * `all` (any case), or comma-separated codes; unset means none. Duplicates are dropped, order is kept.
 * @throws ConfigError when an item is not an integer, not in either catalog, or not provokable.
 */
export function parseRequireCodes(raw: string | undefined): 'all' | number[] {
  if (raw === undefined) return [];
  if (raw.trim().toLowerCase() === 'all') return 'all';
  const provokable = everyProvokableCode();
  const codes: number[] = [];
  for (const item of raw.split(',').map((part) => part.trim())) {
    if (!/^\d+$/.test(item)) {
      throw new ConfigError(
        VARIABLE,
        `must be "all" or comma-separated integer codes, and ${item === '' ? 'an item is empty' : `${JSON.stringify(item)} is not an integer`}`,
      );
    }
    const code = Number(item);
    if (!everyCatalogCode().has(code)) {
      throw new ConfigError(VARIABLE, `${code} is in neither operation's catalog (provokable codes: ${[...provokable].join(', ')})`);
    }
    if (!provokable.has(code)) {
      throw new ConfigError(VARIABLE, `${code} cannot be required because no scenario provokes it (it is never expected)`);
    }
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}
