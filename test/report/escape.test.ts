import { describe, expect, it } from 'vitest';
import {
  cdataSafe, codeCell, codeSpan, escapeHtml, escapeMarkdown, escapeMarkdownCell, escapeXml, fencedBlock,
} from '../../src/report/escape.ts';

const cases: [string, { escape: (text: string) => string; given: string; want: string }][] = [
  ['html: markup and quotes', { escape: escapeHtml, given: `<a href="x">'&'</a>`, want: '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;' }],
  ['html: no literal URL survives', { escape: escapeHtml, given: 'see https://evil.example/x', want: 'see https&#58;//evil.example/x' }],
  ['xml: markup escaped, forbidden control characters dropped', { escape: escapeXml, given: 'a<b>\u0001&"', want: 'a&lt;b&gt;&amp;&quot;' }],
  ['cdata: every ]]> broken', { escape: cdataSafe, given: 'x]]>y]]>z', want: 'x]] >y]] >z' }],
  ['markdown: emphasis, code, links and raw HTML shown as written', {
    escape: escapeMarkdown, given: '**b** `c` [l](u) <script> a|b', want: '\\*\\*b\\*\\* \\`c\\` \\[l\\](u) \\<script\\> a\\|b',
  }],
  ['markdown: backslash and entity', { escape: escapeMarkdown, given: 'a\\b &lt;', want: 'a\\\\b \\&lt;' }],
  ['markdown cell: lines kept apart with <br>', { escape: escapeMarkdownCell, given: 'one|two\nthree', want: 'one\\|two<br>three' }],
  ['code span: a URL and markup stay inert', { escape: codeSpan, given: 'see https://x.example <b>', want: '`see https://x.example <b>`' }],
  ['code span: a fence longer than any backtick run inside', { escape: codeSpan, given: 'a `` b', want: '```a `` b```' }],
  ['code span: padded when the text starts or ends with a backtick', { escape: codeSpan, given: '`x`', want: '`` `x` ``' }],
  ['code span: empty text is nothing', { escape: codeSpan, given: '', want: '' }],
  ['code cell: one span per line, pipes escaped even inside code', { escape: codeCell, given: 'a|b\n\nc', want: '`a\\|b`<br>`c`' }],
  ['fenced block: a fence no line can close', { escape: (t) => fencedBlock(t, 'sh'), given: 'x\n```\ny', want: '````sh\nx\n```\ny\n````' }],
];

describe('escaping helpers', () => {
  it.each(cases)('%s', (_name, { escape, given, want }) => {
    expect(escape(given)).toBe(want);
  });
});
