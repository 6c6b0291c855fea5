// `index.html`: the same content as summary.md plus every result, as one page a person can open from a CI
// artifact. Self-contained on purpose: inline CSS, no script, no font or image from anywhere, and a
// Content-Security-Policy that forbids any fetch, so opening a report never contacts a host.
import type { ConformanceReport } from '../results/model.ts';
import { escapeHtml as h } from './escape.ts';
import { formatFailureText } from './format-failure.ts';
import {
  coverageMatrix, describeExpected, describeObserved, formatDuration, matrixLegend, MATRIX_SYMBOL,
  missingRequiredCodes, overallVerdict, resultsWith, skippedByReason,
} from './view.ts';

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1200px;padding:1rem 2rem;color:#1f2328}
h1{margin:.2rem 0}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.3rem}
.banner{padding:1rem 1.5rem;border-radius:8px;margin:1rem 0}
.banner.pass{background:#dafbe1;border:1px solid #1a7f37}.banner.fail{background:#ffebe9;border:1px solid #cf222e}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0 0}.facts dt{font-weight:600}.facts dd{margin:0}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .6rem;vertical-align:top;text-align:left}
th{background:#f6f8fa}td.num{text-align:right}td.cell{text-align:center}
pre{margin:0;white-space:pre-wrap;word-break:break-word;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.v-pass{color:#1a7f37}.v-fail{color:#cf222e;font-weight:600}.v-skip{color:#6e7781}.v-known{color:#9a6700}
.warning{background:#fff8c5;border:1px solid #d4a72c;padding:.5rem 1rem;border-radius:6px}
.legend{color:#57606a}
`;

const VERDICT_LABEL = { pass: 'pass', fail: 'FAIL', skip: 'skip', known: 'known' } as const;

function table(head: readonly string[], rows: readonly string[]): string {
  return `<table><thead><tr>${head.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead>` +
    `<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

const row = (cells: readonly string[]): string => `<tr>${cells.join('')}</tr>`;
const td = (text: string, cls?: string): string => `<td${cls ? ` class="${cls}"` : ''}>${h(text)}</td>`;
const tdPre = (text: string): string => `<td><pre>${h(text)}</pre></td>`;

function section(title: string, count: number | undefined, body: string, emptyText: string): string {
  const heading = `<h2>${h(title)}${count === undefined ? '' : ` (${count})`}</h2>`;
  return `${heading}\n${body === '' ? `<p>${h(emptyText)}</p>` : body}`;
}

export function renderHtml(report: ConformanceReport): string {
  const verdict = overallVerdict(report);
  const { summary } = report;
  const exit = verdict.exitCode === undefined ? '' : ` (exit ${verdict.exitCode})`;
  const title = `Send OTP conformance: ${verdict.label}${exit}`;
  const facts: [string, string][] = [
    ['Target', report.target],
    ['Started', report.startedAt],
    ['Duration', formatDuration(report.durationMs)],
    ['Results', `${summary.passed} passed · ${summary.failed} failed · ${summary.skipped} skipped · ${summary.known} known`],
    ['Sends', String(report.sends)],
    ...(report.seed === undefined ? [] : [['Seed', String(report.seed)] as [string, string]]),
    ...(report.checksOff?.length ? [['Checks switched off', report.checksOff.join(', ')] as [string, string]] : []),
  ];
  const parts: string[] = [
    `<div class="banner ${verdict.passed ? 'pass' : 'fail'}"><h1>${verdict.passed ? '✅' : '❌'} ${h(title)}</h1>` +
      `<dl class="facts">${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl></div>`,
  ];
  if (verdict.note) parts.push(`<p class="warning">${h(verdict.note)}</p>`);

  const matrix = coverageMatrix(report);
  parts.push(section('Coverage: code × operation', undefined,
    table(['Code', 'Meaning', ...matrix.operations], matrix.rows.map((r) => row([
      td(String(r.code), 'num'), td(r.meaning),
      ...r.cells.map((c) => `<td class="cell" title="${h(c)}">${h(MATRIX_SYMBOL[c])}</td>`),
    ]))) +
    `\n<ul class="legend">${matrixLegend(matrix).map(([s, text]) => `<li>${h(MATRIX_SYMBOL[s])} ${h(text)}</li>`).join('')}</ul>`, ''));

  const failed = resultsWith(report, 'fail');
  parts.push(section('Failures', failed.length, failed.length === 0 ? '' : table(
    ['Operation', 'Scenario', 'Failure'],
    failed.map((r) => row([td(r.operation), td(r.scenario), tdPre(formatFailureText(r))])),
  ), 'No failures.'));

  const known = resultsWith(report, 'known');
  parts.push(section('Known divergences', known.length, known.length === 0 ? '' : table(
    ['Operation', 'Scenario', 'Observed', 'Reason', 'Failure'],
    known.map((r) => row([
      td(r.operation), td(r.scenario), td(describeObserved(r.observed)), td(r.reason ?? ''),
      tdPre(r.failures?.length ? formatFailureText(r) : ''),
    ])),
  ), 'None.'));

  const skipped = skippedByReason(report);
  parts.push(section('Skipped', summary.skipped, skipped.length === 0 ? '' : table(
    ['Reason', 'Results'],
    skipped.map((g) => row([td(g.reason), td(String(g.count), 'num')])),
  ), 'None.'));

  const notices = report.baseline ?? [];
  if (notices.length > 0) {
    parts.push(section('Baseline notices', notices.length, table(
      ['State', 'Operation', 'Scenario', 'Until', 'Reason'],
      notices.map((n) => row([
        td(n.state === 'expired' ? 'expired: fails again' : 'stale: divergence no longer occurs'),
        td(n.operation), td(n.scenario), td(n.until), td(n.reason),
      ])),
    ), ''));
  }

  const missing = missingRequiredCodes(report);
  if (missing.length > 0) {
    parts.push(section('Required codes missing', missing.length, table(
      ['Operation', 'Code', 'Meaning'],
      missing.map((m) => row([td(m.operation), td(String(m.code), 'num'), td(m.meaning)])),
    ), ''));
  }

  parts.push(section('All results', report.results.length, report.results.length === 0 ? '' : table(
    ['Operation', 'Scenario', 'Verdict', 'Expected', 'Observed', 'Duration', 'Reason / failures'],
    report.results.map((r) => row([
      td(r.operation), td(r.scenario), td(VERDICT_LABEL[r.verdict], `v-${r.verdict}`),
      td(describeExpected(r.expected)), td(describeObserved(r.observed)), td(formatDuration(r.durationMs), 'num'),
      tdPre([r.reason ?? '', r.failures?.length ? formatFailureText(r) : ''].filter((t) => t !== '').join('\n')),
    ])),
  ), 'None.'));

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // The policy is the page's promise: whatever a message contains, the browser fetches nothing.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...parts,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
