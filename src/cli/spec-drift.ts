// `npm run spec:drift -- [--json] [--threshold <0..1>] <page.md | page.html | https://…>`
// Compares a vendor "Send OTP methods" docs page with the spec's error catalogs. Exit codes are part of the
// interface so CI can act on them: 0 no drift, 1 drift, 2 no report could be made (usage, unreadable page,
// no error table), each 2 with one sentence on stderr.
import { checkDocsPage, NoErrorTableError } from '../drift/check-page.ts';
import { formatDrift, formatDriftJson } from '../drift/format-drift.ts';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../drift/normalise-meaning.ts';
import { PageReadError } from '../drift/read-page.ts';
import type { CommandSpec } from './args.ts';
import { defineCommand } from './command.ts';
import { isEntryPoint, runAsProcess, type CliMain } from './io.ts';

const NAME = 'spec-drift';

export const COMMAND: CommandSpec = {
  usage: 'npm run spec:drift --',
  summary: 'Reads a vendor docs page of the "Send OTP methods" kind (Markdown, or HTML with a <table>) and reports\n' +
    'where its error table differs from the spec\'s catalogs: codes only on the page, codes only in the spec\n' +
    '(authentication codes excepted), changed meanings, the HTTP status of errors and the empty success body.',
  options: {
    json: { type: 'boolean', doc: 'machine-readable report on stdout' },
    threshold: { type: 'string', value: 'n', doc: `Jaccard similarity at or above which two meanings agree (default ${DEFAULT_SIMILARITY_THRESHOLD})` },
  },
  positionals: { text: '<page.md | page.html | https://url>', min: 0 },
  epilogue: 'Exit status: 0 no drift, 1 drift, 2 usage error or page not usable.',
};

/** A usage problem of this command, worded as one sentence that already names the option. */
class UsageError extends Error {}

const USAGE = 'npm run spec:drift -- [--json] [--threshold <0..1>] <page.md | page.html | https://url>';

function parseThreshold(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_SIMILARITY_THRESHOLD;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`--threshold must be a number from 0 to 1, not "${raw}".`);
  }
  return value;
}

export const main: CliMain = defineCommand(NAME, COMMAND, async (args, _env, io) => {
  try {
    const [source, ...extra] = args.positionals;
    if (source === undefined) throw new UsageError(`Give one docs page to check, as a file path or URL (usage: ${USAGE}).`);
    if (extra.length > 0) throw new UsageError(`Give exactly one docs page, not ${args.positionals.length} (usage: ${USAGE}).`);
    const threshold = parseThreshold(args.values['threshold'] as string | undefined);
    const report = await checkDocsPage(source, { threshold });
    io.out(args.values['json'] === true ? formatDriftJson(report) : formatDrift(report));
    return report.drift ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof PageReadError || error instanceof NoErrorTableError) {
      io.err(`${NAME}: ${error.message}\n`);
    } else {
      // Not a usage problem but still no report: said in one line rather than exit 1, which means drift.
      io.err(`${NAME}: the check failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return 2;
  }
});

if (isEntryPoint(import.meta.url)) await runAsProcess(NAME, main);
