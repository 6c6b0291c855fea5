// Finds the error table of a vendor docs page (Markdown or HTML) and reads its rows as {code, description}.
// Tolerant on purpose: docs generators vary in pipes, alignment rows, link-wrapped codes and optional HTML
// closing tags, and a drift check that breaks on cosmetics would be ignored rather than fixed.
import { htmlToText, markdownInlineToText, stripHtmlNoise, type PageFormat } from './page-text.ts';

/** A table with every cell already reduced to plain text. */
export interface RawTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface PageErrorEntry {
  readonly code: number;
  /** Plain text of the description cell (links, code spans and emphasis removed). */
  readonly description: string;
  /** HTTP status given on the row, when the table has a status column. */
  readonly status?: number;
}

export interface ErrorTable {
  readonly entries: readonly PageErrorEntry[];
  /** Rows whose code cell holds no readable code, kept so the report can say what was not understood. */
  readonly skippedRows: readonly string[];
  /** Codes listed more than once; the first row of each is the one compared. */
  readonly duplicateCodes: readonly number[];
}

// ---------------------------------------------------------------------------------------------- Markdown

/** Splits a table line on unescaped pipes outside code spans (GFM splits inside them, pages rarely rely on it). */
export function splitMarkdownRow(line: string): string[] {
  let body = line.trim().replace(/^(?:>\s*)+/, '');
  if (body.startsWith('|')) body = body.slice(1);
  const cells: string[] = [];
  let cell = '';
  let ticks = 0;
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i] ?? '';
    if (ch === '\\' && i + 1 < body.length) {
      cell += ch + (body[i + 1] ?? '');
      i += 1;
    } else if (ch === '`') {
      let run = 0;
      while (body[i + run] === '`') run += 1;
      cell += '`'.repeat(run);
      i += run - 1;
      ticks = ticks === 0 ? run : ticks === run ? 0 : ticks;
    } else if (ch === '|' && ticks === 0) {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  // A trailing pipe closes the last cell rather than opening an empty one.
  if (cell.trim() !== '' || cells.length === 0) cells.push(cell);
  return cells.map((c) => c.trim());
}

// The pipe is required: a bare "---" under a line is a setext heading, not a one-column table.
const isDelimiterRow = (line: string): boolean =>
  line.includes('|') && line.includes('-') && splitMarkdownRow(line).every((c) => /^:?-+:?$/.test(c));

export function parseMarkdownTables(markdown: string): RawTable[] {
  const lines = markdown.split(/\r?\n/);
  const tables: RawTable[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark && (fence === undefined || fenceMark.startsWith(fence))) {
      fence = fence === undefined ? fenceMark.slice(0, 3) : undefined;
      continue;
    }
    // A table inside a code fence is an example, not the page's table.
    if (fence !== undefined) continue;
    const next = lines[i + 1];
    if (!line.includes('|') || next === undefined || !isDelimiterRow(next)) continue;
    const header = splitMarkdownRow(line).map(markdownInlineToText);
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length; j += 1) {
      const row = lines[j] ?? '';
      if (row.trim() === '' || !row.includes('|') || /^\s{0,3}(`{3,}|~{3,})/.test(row)) break;
      rows.push(splitMarkdownRow(row).map(markdownInlineToText));
    }
    tables.push({ header, rows });
    i = j - 1;
  }
  return tables;
}

// -------------------------------------------------------------------------------------------------- HTML

/**
 * Reads `<table>` elements with regular expressions, not a DOM: HTML lets `</td>`, `</tr>` and `</table>`
 * be omitted, so a cell runs to the next cell, a row to the next row, a table to the next `</table>`.
 * Nested tables are not supported (docs pages do not nest their error tables).
 */
export function parseHtmlTables(html: string): RawTable[] {
  const clean = stripHtmlNoise(html);
  const tables: RawTable[] = [];
  const opening = /<table\b[^>]*>/gi;
  for (let match = opening.exec(clean); match; match = opening.exec(clean)) {
    const start = match.index + match[0].length;
    const close = clean.slice(start).search(/<\/table\s*>/i);
    const inner = clean.slice(start, close === -1 ? undefined : start + close);
    const rows = inner
      .split(/<tr\b[^>]*>/i)
      .slice(1)
      .map((row) => row.split(/<\/tr\s*>/i)[0] ?? '')
      .map((row) => [...row.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)(?=<t[hd]\b|$)/gi)].map((m) => htmlToText(m[1] ?? '')))
      .filter((cells) => cells.length > 0);
    const [header, ...body] = rows;
    if (header) tables.push({ header, rows: body });
  }
  return tables;
}

export function parseTables(text: string, format: PageFormat): RawTable[] {
  return format === 'html' ? parseHtmlTables(text) : parseMarkdownTables(text);
}

// ---------------------------------------------------------------------------------------- the error table

const STATUS_HEADER = /\bhttp\b|\bstatus\b/i;
const CODE_HEADER = /\bcode\b|^\s*errors?\s*$|\berror\s*(?:no\.?|number|id)\b|^\s*#\s*$/i;
const DESCRIPTION_HEADER = /\b(?:description|meaning|message|reason|explanation|details?|cause)\b/i;

export interface ErrorColumns {
  readonly code: number;
  readonly description: number;
  /** Absent when the table gives no per-row HTTP status. */
  readonly status?: number;
}

/** The columns of an error table, or undefined when the header is not one (e.g. the response table). */
export function errorColumns(header: readonly string[]): ErrorColumns | undefined {
  const code = header.findIndex((h) => CODE_HEADER.test(h) && !STATUS_HEADER.test(h));
  const description = header.findIndex((h, i) => i !== code && DESCRIPTION_HEADER.test(h));
  if (code === -1 || description === -1) return undefined;
  const status = header.findIndex((h, i) => i !== code && i !== description && STATUS_HEADER.test(h));
  return status === -1 ? { code, description } : { code, description, status };
}

/** A code cell's code: "2", "[2](…)" (already plain "2"), "Error 2", "#2"; undefined for anything else. */
export function readCode(cell: string): number | undefined {
  const found = /^(?:error\s*)?(?:code\s*)?#?\s*(\d{1,9})$/i.exec(cell.trim())?.[1];
  return found === undefined ? undefined : Number(found);
}

/**
 * Reads every error table of the page into one list: a page may split its errors over several tables
 * (by channel, say), and they are all the operation's errors. Undefined when the page has none.
 */
export function findErrorTable(tables: readonly RawTable[]): ErrorTable | undefined {
  const entries: PageErrorEntry[] = [];
  const skippedRows: string[] = [];
  const duplicateCodes: number[] = [];
  let found = false;
  for (const table of tables) {
    const columns = errorColumns(table.header);
    if (!columns) continue;
    found = true;
    for (const row of table.rows) {
      if (row.every((cell) => cell === '')) continue;
      const codeCell = row[columns.code] ?? '';
      const code = readCode(codeCell);
      if (code === undefined) {
        skippedRows.push(row.join(' | '));
        continue;
      }
      if (entries.some((e) => e.code === code)) {
        if (!duplicateCodes.includes(code)) duplicateCodes.push(code);
        continue;
      }
      const description = row[columns.description] ?? '';
      const statusText = columns.status === undefined ? undefined : row[columns.status];
      const status = statusText === undefined ? undefined : /\b([1-5]\d\d)\b/.exec(statusText)?.[1];
      entries.push(status === undefined ? { code, description } : { code, description, status: Number(status) });
    }
  }
  return found ? { entries, skippedRows, duplicateCodes } : undefined;
}

export function parseErrorTable(text: string, format: PageFormat): ErrorTable | undefined {
  return findErrorTable(parseTables(text, format));
}
