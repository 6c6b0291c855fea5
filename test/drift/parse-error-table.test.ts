import { describe, expect, it } from 'vitest';
import {
  errorColumns, parseErrorTable, parseHtmlTables, parseMarkdownTables, readCode, splitMarkdownRow,
  type PageErrorEntry,
} from '../../src/drift/parse-error-table.ts';
import { errorStatusesOf, readStatements, type PageStatements } from '../../src/drift/page-statements.ts';
import { detectFormat, type PageFormat } from '../../src/drift/page-text.ts';

describe('Markdown rows and tables', () => {
  const rows: [string, string[]][] = [
    ['| a | b |', ['a', 'b']],
    ['a | b', ['a', 'b']],
    ['|  --- | --- |', ['---', '---']],
    ['| x \\| y | z |', ['x \\| y', 'z']],
    ['| `a|b` | c |', ['`a|b`', 'c']],
    ['| a | |', ['a', '']],
    ['> | a | b |', ['a', 'b']],
  ];
  it.each(rows)('splits %j', (line, cells) => {
    expect(splitMarkdownRow(line)).toEqual(cells);
  });

  it('reads header and rows as plain text, skipping fenced examples', () => {
    const md = [
      'Intro', '',
      '| Error code | Description |', '|:--|--:|',
      '| [2](https://x.test/#2) | Some **required** `fields` |',
      '| 6 | Generic \\| internal |', '',
      '```', '| Code | Description |', '| --- | --- |', '| 9 | fenced |', '```',
      '| not | a table |', 'because no delimiter row follows',
    ].join('\n');
    expect(parseMarkdownTables(md)).toEqual([
      { header: ['Error code', 'Description'], rows: [['2', 'Some required fields'], ['6', 'Generic | internal']] },
    ]);
  });
});

describe('HTML tables', () => {
  it('tolerates omitted closing tags, entities, inline markup and comments', () => {
    const html = `<p>x</p><!-- <table><tr><td>1</td></tr></table> -->
      <TABLE class="t"><thead><tr><th>Error&nbsp;code<th>Description</thead>
      <tbody><tr><td><a href="#2">2</a><td>Some <code>fields</code> &amp; more
      <tr><td>6</td><td>Generic &mdash; internal<br>exception</td></tr></tbody></TABLE>`;
    expect(parseHtmlTables(html)).toEqual([
      { header: ['Error code', 'Description'], rows: [['2', 'Some fields & more'], ['6', 'Generic — internal exception']] },
    ]);
  });

  it('reads a table without a closing </table> and ignores a table without rows', () => {
    expect(parseHtmlTables('<table></table><table><tr><td>Code</td><td>Meaning</td><tr><td>7</td><td>x')).toEqual([
      { header: ['Code', 'Meaning'], rows: [['7', 'x']] },
    ]);
  });
});

describe('the error table', () => {
  const columns: [string[], ReturnType<typeof errorColumns>][] = [
    [['Error code', 'Description'], { code: 0, description: 1 }],
    [['Description', 'Code'], { code: 1, description: 0 }],
    [['Code', 'HTTP status', 'Message'], { code: 0, description: 2, status: 1 }],
    [['Error', 'Meaning'], { code: 0, description: 1 }],
    [['HTTP Status', 'Description'], undefined],
    [['HTTP status code', 'Description'], undefined],
    [['Name', 'Type', 'Description'], undefined],
  ];
  it.each(columns)('header %j → %j', (header, expected) => {
    expect(errorColumns(header)).toEqual(expected);
  });

  const codes: [string, number | undefined][] = [
    ['2', 2], [' 241 ', 241], ['Error 99', 99], ['#62', 62], ['code 85', 85], ['', undefined], ['n/a', undefined],
    ['2, 6', undefined], ['see below', undefined],
  ];
  it.each(codes)('code cell %j → %j', (cell, code) => {
    expect(readCode(cell)).toBe(code);
  });

  // [name, format, page, entries or undefined when there is no error table]
  const pages: [string, PageFormat, string, PageErrorEntry[] | undefined][] = [
    ['link-wrapped codes', 'markdown', '| Error code | Description |\n|---|---|\n| [2](/e#2) | Missing |\n| 6 | Internal |',
      [{ code: 2, description: 'Missing' }, { code: 6, description: 'Internal' }]],
    ['a status column', 'markdown', '| Code | HTTP | Description |\n|-|-|-|\n| 62 | `500` | Bad id |',
      [{ code: 62, description: 'Bad id', status: 500 }]],
    ['two error tables merged', 'markdown', '| Code | Description |\n|-|-|\n| 2 | a |\n\n| Code | Description |\n|-|-|\n| 6 | b |',
      [{ code: 2, description: 'a' }, { code: 6, description: 'b' }]],
    ['only the response table', 'markdown', '| HTTP Status | Description |\n|-|-|\n| 200 | ok |', undefined],
    ['no table at all', 'markdown', '# Errors\n\nCode 2 means missing fields.', undefined],
    ['an HTML error table', 'html', '<table><tr><th>Code</th><th>Description</th></tr><tr><td><a>2</a></td><td>Missing</td></tr></table>',
      [{ code: 2, description: 'Missing' }]],
    ['an HTML response table only', 'html', '<table><tr><th>Status</th><th>Description</th></tr><tr><td>200</td><td>ok</td></tr></table>',
      undefined],
  ];
  it.each(pages)('%s', (_name, format, text, entries) => {
    expect(parseErrorTable(text, format)?.entries).toEqual(entries);
  });

  it('keeps the first of repeated codes and reports unreadable rows', () => {
    const table = parseErrorTable('| Code | Description |\n|-|-|\n| 2 | a |\n| 2 | b |\n| see above | c |\n| | |', 'markdown');
    expect(table).toEqual({
      entries: [{ code: 2, description: 'a' }],
      skippedRows: ['see above | c'],
      duplicateCodes: [2],
    });
  });
});

describe('statements outside the table', () => {
  const sentences: [string, number[]][] = [
    ['All errors below return HTTP 500.', [500]],
    ['Every error in the table is answered with HTTP status 500; read the code.', [500]],
    ['On error the status code is 400', [400]],
    ['Success is HTTP 200 and any error is HTTP 500', [500]],
    ['Errors come back as 500 Internal Server Error', [500]],
    ['The OTP was sent with HTTP 200', []],
    ['Error 500 happens', []],
  ];
  it.each(sentences)('%j → %j', (sentence, statuses) => {
    expect(errorStatusesOf(sentence)).toEqual(statuses);
  });

  const pages: [string, PageFormat, string, PageStatements][] = [
    ['stated in Markdown', 'markdown', '## Response\n\nThe body is empty.\n\n## Errors\n\nAll errors below return HTTP `500`.',
      { errorStatuses: [500], successBody: 'empty' }],
    ['a response section that no longer says empty', 'markdown', 'Response\n--------\n\nReturns the OTP id as JSON.',
      { errorStatuses: [], successBody: 'not-stated' }],
    ['no response section', 'markdown', '# Errors\n\nErrors use HTTP status 400.',
      { errorStatuses: [400], successBody: 'no-response-section' }],
    ['a fenced example is not a statement', 'markdown', '## Response\n\n```\nerrors return HTTP 418, body is empty\n```',
      { errorStatuses: [], successBody: 'not-stated' }],
    ['stated in HTML', 'html', '<h2>Success response</h2><p>An <em>empty body</em>.</p><h2>Errors</h2><p>All errors: HTTP <b>500</b>.</p>',
      { errorStatuses: [500], successBody: 'empty' }],
  ];
  it.each(pages)('%s', (_name, format, text, statements) => {
    expect(readStatements(text, format)).toEqual(statements);
  });
});

describe('detectFormat', () => {
  const cases: [string, PageFormat | undefined, PageFormat][] = [
    ['<!DOCTYPE html><table></table>', undefined, 'html'],
    ['<p>x</p><table><tr><td>1</td></tr></table>', undefined, 'html'],
    ['| a | b |\n|---|---|\n| 1 | 2 |\n<table></table>', undefined, 'markdown'],
    ['# Title', undefined, 'markdown'],
    ['<table></table>', 'markdown', 'markdown'],
  ];
  it.each(cases)('%j (hint %s) → %s', (text, hint, format) => {
    expect(detectFormat(text, hint)).toBe(format);
  });
});
