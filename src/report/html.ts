// `index.html`: the same content as summary.md plus every result, as one page a person can open from a CI
// artifact. Self-contained on purpose: inline CSS, no script, no font or image from anywhere, and a
// Content-Security-Policy that forbids any fetch, so opening a report never contacts a host.
import type { ConformanceReport, ScenarioResult } from '../results/model.ts';
import { renderComparisonHtml } from './compare-view.ts';
import { escapeHtml as h } from './escape.ts';
import { formatFailureText } from './format-failure.ts';
import { reproducerOf } from './reproducer.ts';
import {
  attemptsText, CELL_SYMBOL, CELL_WORD, cellText, coverageMatrix, describeExpected, describeObserved, formatDuration, matrixLegend,
  missingRequiredCodes, overallVerdict, resultsWith, skippedByReason, verdictLine, type MatrixCell,
} from './view.ts';

// Compact on purpose: on a 1280×800 screen the verdict, its reasons and the matrix's first rows show without
// scrolling. Colours carry meaning only beside words, so the page reads the same without colour or emoji font.
const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1240px;padding:.5rem 1.5rem;color:#1f2328}
h1{margin:0;font-size:1.5rem}h2{margin:1.5rem 0 .4rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem;font-size:1.2rem}
.banner{padding:.6rem 1rem;border-radius:8px;margin:.4rem 0}
.banner.pass{background:#dafbe1;border:1px solid #1a7f37}.banner.fail{background:#ffebe9;border:1px solid #cf222e}
.banner.inconclusive{background:#fff8c5;border:1px solid #9a6700}
.why{margin:.3rem 0 0;font-weight:600}.facts{margin:.3rem 0 0;color:#424a53}
table{border-collapse:collapse;margin:.3rem 0}th,td{border:1px solid #d0d7de;padding:.15rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f8fa}td.num{text-align:right}
td.cell-asserted{background:#dafbe1}td.cell-failed,td.cell-alarm{background:#ffcecb;color:#82071e;font-weight:600}
td.cell-observed{background:#ddf4ff}td.cell-unreached{color:#6e7781}td.cell-not-in-catalog{color:#8c959f}
pre{margin:0;white-space:pre-wrap;word-break:break-word;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.v-pass{color:#1a7f37}.v-fail{color:#cf222e;font-weight:600}.v-skip{color:#6e7781}.v-known{color:#9a6700}
.warning{background:#fff8c5;border:1px solid #d4a72c;padding:.5rem 1rem;border-radius:6px}
.legend{color:#57606a;margin:.2rem 0;padding-left:1.2rem}details summary{cursor:pointer}
`;

const VERDICT_LABEL = { pass: 'pass', fail: 'FAIL', skip: 'skip', known: 'known' } as const;

function table(head: readonly string[], rows: readonly string[]): string {
  return `<table><thead><tr>${head.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead>` +
    `<tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

const row = (cells: readonly string[]): string => `<tr>${cells.join('')}</tr>`;
const td = (text: unknown, cls?: string): string => `<td${cls ? ` class="${h(cls)}"` : ''}>${h(text)}</td>`;
const tdPre = (text: unknown): string => `<td><pre>${h(text)}</pre></td>`;

function section(title: string, count: unknown, body: string, emptyText: string): string {
  const heading = `<h2>${h(title)}${count === undefined ? '' : ` (${h(count)})`}</h2>`;
  return `${heading}\n${body === '' ? `<p>${h(emptyText)}</p>` : body}`;
}

function matrixTd(c: MatrixCell): string {
  const cls = c.alarm ? 'cell-alarm' : `cell-${c.state}`;
  return `<td class="${h(cls)}">${h(`${CELL_SYMBOL[c.state]} ${cellText(c)}`)}</td>`;
}

function reproducerTd(r: ScenarioResult, report: ConformanceReport): string {
  const { curl, notes, rerun } = reproducerOf(r, report);
  return '<td><details><summary>reproduce</summary>' +
    (curl === null ? '<p>No request was recorded for this step.</p>' : `<pre>${h(curl)}</pre>`) +
    (notes.length ? `<ul>${notes.map((n) => `<li>${h(n)}</li>`).join('')}</ul>` : '') +
    `<p>Re-run just this step:</p><pre>${h(rerun)}</pre></details></td>`;
}

export function renderHtml(report: ConformanceReport): string {
  const verdict = overallVerdict(report);
  const { summary } = report;
  const exit = verdict.exitCode === undefined ? '' : ` (exit ${verdict.exitCode})`;
  const title = `Send OTP conformance: ${verdict.label}${exit}`;
  const facts = [
    `Target ${report.target}`,
    `started ${report.startedAt}`,
    formatDuration(report.durationMs),
    `${summary.passed} passed · ${summary.failed} failed · ${summary.skipped} skipped · ${summary.known} known`,
    `${report.sends} send(s)`,
    ...(report.seed === undefined ? [] : [`seed ${report.seed}`]),
    ...((summary.retried ?? 0) > 0
      ? [`${summary.retried} retried · ${summary.recovered ?? 0} recovered · ${summary.intermittent ?? 0} intermittent`] : []),
    ...(report.checksOff?.length ? [`checks switched off: ${report.checksOff.join(', ')}`] : []),
  ];
  const parts: string[] = [
    `<div class="banner ${verdict.verdict}"><h1>${verdict.passed ? '✓' : verdict.verdict === 'inconclusive' ? '?' : '✗'} ${h(title)}</h1>` +
      (verdict.reasons.length ? `<p class="why" id="why">${h(verdictLine(verdict))}</p>` : '') +
      `<p class="facts">${facts.map(h).join(' · ')}</p></div>`,
  ];
  if (verdict.note) parts.push(`<p class="warning">${h(verdict.note)}</p>`);

  const matrix = coverageMatrix(report);
  parts.push(section('Coverage: code × operation', undefined,
    table(['Code', 'Meaning', ...matrix.operations], matrix.rows.map((r) => row([
      td(r.label, 'num'), td(r.meaning), ...r.cells.map(matrixTd),
    ]))) +
    `\n<ul class="legend">${matrixLegend(matrix).map(([s, text]) => `<li>${h(CELL_SYMBOL[s])} <b>${h(CELL_WORD[s])}</b>: ${h(text)}</li>`).join('')}</ul>`, ''));

  const failed = resultsWith(report, 'fail');
  parts.push(section('Failures', failed.length, failed.length === 0 ? '' : table(
    ['Operation', 'Scenario', 'Expected', 'Got', 'Failure', 'Reproducer'],
    failed.map((r) => row([
      td(r.operation), td(r.scenario), td(describeExpected(r.expected)), td(describeObserved(r.observed)),
      tdPre(formatFailureText(r)), reproducerTd(r, report),
    ])),
  ), 'No failures.'));

  const deliveries = report.unexpectedDeliveries ?? [];
  if (deliveries.length > 0) {
    parts.push(section('Unexpected deliveries', deliveries.length, table(
      ['Operation', 'Scenario'], deliveries.map((d) => row([td(d.operation), td(d.scenario)])),
    ), ''));
  }

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

  if (report.comparison) parts.push(renderComparisonHtml(report.comparison));

  parts.push(section('All results', report.results.length, report.results.length === 0 ? '' : table(
    ['Operation', 'Scenario', 'Verdict', 'Expected', 'Observed', 'Duration', 'Reason / failures'],
    report.results.map((r) => row([
      td(r.operation), td(r.scenario), td(VERDICT_LABEL[r.verdict], `v-${r.verdict}`),
      td(describeExpected(r.expected)), td(describeObserved(r.observed)), td(formatDuration(r.durationMs), 'num'),
      tdPre([r.reason ?? '', r.failures?.length ? formatFailureText(r) : attemptsText(r) ?? ''].filter((t) => t !== '').join('\n')),
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
