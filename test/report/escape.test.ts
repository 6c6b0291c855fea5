import { describe, expect, it } from 'vitest';
import {
  cdataSafe, ciSafeOutput, codeCell, codeSpan, escapeHtml, escapeMarkdown, escapeMarkdownCell, escapeXml, fencedBlock, terminalText,
} from '../../src/report/escape.ts';
import { shellQuote } from '../../src/report/reproducer.ts';

const cases: [string, { escape: (text: string) => string; given: string; want: string }][] = [
  ['html: any value, a number the model promises included', { escape: (text) => escapeHtml(text.length === 0 ? 5 : text), given: '', want: '5' }],
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
  ['html: a line break is a reference, controls shown escaped, ##[ no log command', {
    escape: escapeHtml, given: 'a\n::error::x\u001b[2J ##vso[x]', want: 'a&#10;::error::x\\x1b[2J ##vso&#91;x]',
  }],
  ['markdown: bare URLs, www. names and e-mail addresses stay text', {
    escape: escapeMarkdown, given: 'https://a.example www.b.example c@d.example', want: 'https\\://a.example www\\.b.example c\\@d.example',
  }],
  ['markdown: controls shown escaped, never a new line', { escape: escapeMarkdown, given: 'a\r\n::x\u001b', want: 'a ::x\\\\x1b' }],
  ['terminal: every control and invisible reorderer shown escaped', {
    escape: terminalText, given: 'sendOtp\n::error title=x::y\u001b[2J\u001b]0;pwned\u0007\u009b\u202e\t',
    want: 'sendOtp\\n::error title=x::y\\x1b[2J\\x1b]0;pwned\\x07\\x9b\\u202e\\t',
  }],
  ['terminal: a log command anywhere in a line is broken', { escape: terminalText, given: 'a ##[error]b ##vso[task]c', want: 'a ##\\x5berror]b ##vso\\x5btask]c' }],
  ['output guard: no line starts a workflow command, progress redraws included', {
    escape: ciSafeOutput, given: 'ok\n  ::add-mask::x\n\r\u001b[2K::error::y\nkeep: a::b',
    want: 'ok\n  \\x3a:add-mask::x\n\r\u001b[2K\\x3a:error::y\nkeep: a::b',
  }],
  ['shell: C1 controls, bidi and log commands in $\'…\' escapes (the same bytes for bash)', {
    escape: (text) => shellQuote(text), given: 'a\u009bb\u202e##[x', want: "$'a\\u009bb\\u202e##\\x5bx'",
  }],
  ['fenced block: a fence no line can close', { escape: (t) => fencedBlock(t, 'sh'), given: 'x\n```\ny', want: '````sh\nx\n```\ny\n````' }],
];

describe('escaping helpers', () => {
  it.each(cases)('%s', (_name, { escape, given, want }) => {
    expect(escape(given)).toBe(want);
  });
});
