import { describe, expect, it } from 'vitest';
import { cdataSafe, escapeHtml, escapeMarkdown, escapeMarkdownCell, escapeXml } from '../../src/report/escape.ts';

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
];

describe('escaping helpers', () => {
  it.each(cases)('%s', (_name, { escape, given, want }) => {
    expect(escape(given)).toBe(want);
  });
});
