// The Node lines the package supports (package.json `engines`), checked by every command before it imports
// anything that could crash on an older Node: on Node 20 a dependency dies on import ("Cannot read properties of
// undefined (reading 'bind')"), which would read as the tool's failure, or worse, the target's. This module and
// the one it imports use only node's built-ins, so they load on any Node.
import { PACKAGE_ENGINES } from '../package-info.ts';

type Version = readonly [number, number, number];

function parseVersion(text: string): Version | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i += 1) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** One comparator of an npm range: `^22.19.0`, `>=26.0.0`, `~24.1`, `24.2.0`, `>20`, `<=25`, `<27`. */
function satisfiesComparator(version: Version, comparator: string): boolean {
  const match = /^(\^|~|>=|<=|>|<|=)?\s*(.+)$/.exec(comparator);
  const bound = match ? parseVersion(match[2]!) : undefined;
  if (!match || !bound) throw new Error(`Unsupported engines comparator ${JSON.stringify(comparator)}.`);
  const order = compare(version, bound);
  switch (match[1]) {
    case '^': return order >= 0 && (bound[0] > 0 ? version[0] === bound[0] : version[1] === bound[1]);
    case '~': return order >= 0 && version[0] === bound[0] && version[1] === bound[1];
    case '>=': return order >= 0;
    case '<=': return order <= 0;
    case '>': return order > 0;
    case '<': return order < 0;
    default: return order === 0;
  }
}

/** Whether `version` satisfies an npm range made of `||` alternatives of space-separated comparators. */
export function satisfiesRange(version: string, range: string): boolean {
  const parsed = parseVersion(version);
  if (!parsed) return false;
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().split(/\s+/).filter(Boolean);
    return comparators.length > 0 && comparators.every((c) => satisfiesComparator(parsed, c));
  });
}

/** The one line a command prints on an unsupported Node, or undefined when this Node is supported. */
export function unsupportedNode(command: string, version: string = process.versions.node, range: string = PACKAGE_ENGINES): string | undefined {
  if (satisfiesRange(version, range)) return undefined;
  return `${command}: needs Node ${range} (package.json engines), not Node ${version}: install Node 24 (or 22.19 and later, or 26) and run it again.`;
}

/** Ends the process with exit 2 (an environment error: nothing was sent) when this Node is not supported. */
export function exitOnUnsupportedNode(command: string): void {
  const line = unsupportedNode(command);
  if (line === undefined) return;
  process.stderr.write(`${line}\n`);
  process.exit(2);
}
