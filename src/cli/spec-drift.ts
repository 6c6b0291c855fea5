// `npm run spec:drift -- [--json] [--threshold <0..1>] <page.md | page.html | https://…>`
// Compares a vendor "Send OTP methods" docs page with the spec's error catalogs. Exit codes are part of the
// interface so CI can act on them: 0 no drift, 1 drift, 2 no report could be made (usage, unreadable page,
// no error table), each 2 with one sentence on stderr.
import { parseArgs } from 'node:util';
import { checkDocsPage, NoErrorTableError } from '../drift/check-page.ts';
import { formatDrift, formatDriftJson } from '../drift/format-drift.ts';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../drift/normalise-meaning.ts';
import { PageReadError } from '../drift/read-page.ts';

const USAGE = 'npm run spec:drift -- [--json] [--threshold <0..1>] <page.md | page.html | https://url>';
const HELP = `usage: ${USAGE}

Reads a vendor docs page of the "Send OTP methods" kind (Markdown, or HTML with a <table>) and reports
where its error table differs from the spec's catalogs: codes only on the page, codes only in the spec
(authentication codes excepted), changed meanings, the HTTP status of errors and the empty success body.

  --json             machine-readable report on stdout
  --threshold <n>    Jaccard similarity at or above which two meanings agree (default ${DEFAULT_SIMILARITY_THRESHOLD})
  -h, --help         this text

Exit status: 0 no drift, 1 drift, 2 usage error or page not usable.
`;

class UsageError extends Error {}

function usageFailure(sentence: string): never {
  throw new UsageError(sentence);
}

function parseThreshold(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_SIMILARITY_THRESHOLD;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    usageFailure(`--threshold must be a number from 0 to 1, not "${raw}".`);
  }
  return value;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        threshold: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // parseArgs' own message names the bad option; the usage line tells what is accepted.
    const first = (error as Error).message.split(/\.(?:\s|$)/)[0] ?? 'Invalid arguments';
    usageFailure(`${first} (usage: ${USAGE}).`);
  }
  if (parsed.values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [source, ...extra] = parsed.positionals;
  if (source === undefined) usageFailure(`Give one docs page to check, as a file path or URL (usage: ${USAGE}).`);
  if (extra.length > 0) usageFailure(`Give exactly one docs page, not ${parsed.positionals.length} (usage: ${USAGE}).`);
  const threshold = parseThreshold(parsed.values.threshold);

  const report = await checkDocsPage(source, { threshold });
  process.stdout.write(parsed.values.json ? formatDriftJson(report) : formatDrift(report));
  return report.drift ? 1 : 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof PageReadError || error instanceof NoErrorTableError) {
    process.stderr.write(`spec-drift: ${error.message}\n`);
  } else {
    // Not a usage problem but still no report: say so in one line rather than exit 1, which means drift.
    process.stderr.write(`spec-drift: the check failed unexpectedly: ${(error as Error).message}\n`);
  }
  process.exitCode = 2;
}
