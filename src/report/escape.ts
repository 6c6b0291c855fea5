// Escaping, one helper per output format (vitest keeps `escapeXML` in its junit reporter for the same
// reason): every string that reaches a report comes from the model, and part of the model (messages,
// reasons, scenario names) echoes what the target answered, so none of it may be trusted as markup. Nor may
// its types: a report read back is validated, yet a renderer never relies on that, so every helper takes any
// value (a number the model promises may arrive as a string of markup) and every interpolation goes through one.

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes any value for an HTML/XML text node or a quoted attribute value. `://` is written `&#58;//` so the
 * page holds no literal URL at all: a reader (or a scan for external references) can see at a glance that
 * nothing is fetched, even when a message or the target quotes one. Browsers render it unchanged. Control
 * characters are shown escaped (`\x1b`), as in the terminal.
 */
export function escapeHtml(value: unknown): string {
  return visibleControls(String(value), /[\n\t]/).replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch).replaceAll('://', '&#58;//')
    // The page's source stays as inert as the page: a line break inside a value is a character reference (a `<pre>`
    // shows it as the break it is), so no foreign line begins a line of the file, and `##[` is no log command there.
    .replaceAll('\n', '&#10;').replace(COMMAND_ANYWHERE, '##$1&#91;');
}

/** XML 1.0 forbids most control characters even when escaped; they are dropped rather than emitted. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: unknown): string {
  return String(value).replace(XML_INVALID, '').replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch);
}

/**
 * Makes text safe inside a CDATA section. xmlbuilder splits only the first `]]>` it finds, so a second one
 * would end the section early and let the rest be read as markup; we break every one ourselves. junit.xml is
 * printed by CI steps too, so no line of it starts a CI command (ciSafeOutput).
 */
export function cdataSafe(text: string): string {
  // A CDATA section holds no character reference, so a line a CI runner would act on is shown escaped instead.
  return ciSafeOutput(text.replace(XML_INVALID, '').replaceAll(']]>', ']] >'));
}

/**
 * Escapes text for inline Markdown (GitHub-flavoured, as rendered in `$GITHUB_STEP_SUMMARY`). CommonMark
 * lets any ASCII punctuation be backslash-escaped; we escape the characters that can start emphasis, code,
 * links, images, raw HTML, entities, headings, table cells or strikethrough (parentheses only matter after an
 * escaped `]`), so a message such as `<script>` or `**x**` shows as written. GFM also links bare URLs, `www.`
 * names and e-mail addresses by itself: an escaped `:` before `//`, an escaped `@` and `www\.` keep them text. Control
 * characters are shown escaped, as in the terminal: a summary is also read in a log.
 */
export function escapeMarkdown(value: unknown): string {
  return terminalText(String(value).replace(/\r?\n|\r/g, ' '))
    .replace(/[\\`*_{}[\]<>#|~&@]|:(?=\/\/)/g, '\\$&')
    .replace(/(^|[^A-Za-z0-9])(www)\./gi, '$1$2\\.');
}

/** Escapes text for one cell of a Markdown table: a bare `|` would open a new column, a newline a new row. */
export function escapeMarkdownCell(value: unknown): string {
  // Lines are kept apart with <br>, which GitHub renders inside table cells; the text itself is escaped first.
  return String(value).split(/\r?\n/).map(escapeMarkdown).join('<br>');
}

/**
 * Text as an inline code span (target text in summary.md: a URL a target sent back never becomes a link, markup
 * never renders). The fence is one backtick longer than the longest run inside, padded when the text starts or
 * ends with a backtick, as CommonMark asks. Newlines become spaces (a code span cannot hold a line break).
 */
export function codeSpan(value: unknown): string {
  const flat = terminalText(String(value).replace(/\r?\n/g, ' '));
  if (flat === '') return '';
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Target text in a Markdown table cell: one code span per line, `|` escaped (GFM splits cells even inside code). */
export function codeCell(value: unknown): string {
  return String(value).split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => codeSpan(line).replaceAll('|', '\\|'))
    .join('<br>');
}

/** A fenced code block whose fence no line of the text can close. */
export function fencedBlock(text: string, info = ''): string {
  const longest = Math.max(0, ...[...text.matchAll(/`{3,}|~{3,}/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
}

/**
 * Characters a terminal or a CI log acts on instead of showing: C0 and C1 controls (escape sequences that clear
 * the screen, set the title, move the cursor), DEL, and the invisible ones that reorder or hide text (bidi
 * overrides and isolates, zero-width characters, line and paragraph separators, the byte-order mark).
 */
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const NAMED_CONTROLS: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A CI log command that runners act on wherever it stands in a line: GitHub's legacy `##[command]` (the runner
 * looks for it anywhere, not only at the start), Azure's `##vso[…]`, TeamCity's `##teamcity[…]`.
 */
const COMMAND_ANYWHERE = /##([A-Za-z]*)\[/g;

/**
 * Foreign text (a target's answer, a fixture file, a report read back) for one line of terminal or CI-log
 * output, whatever its type: every control character is shown as an escape (`\n`, `\x1b`, `\u202e`), never
 * emitted, so it can neither end the line nor drive the terminal, and a `##…[` command is broken (`##vso\x5b`).
 */
export function terminalText(value: unknown): string {
  return visibleControls(String(value)).replace(COMMAND_ANYWHERE, '##$1\\x5b');
}

/** Every character TERMINAL_UNSAFE names, but those `keep` matches, as a visible escape: `\n`, `\x1b`, `\u202e`. */
function visibleControls(text: string, keep?: RegExp): string {
  return text.replace(TERMINAL_UNSAFE, (ch) => (keep?.test(ch) ? ch : NAMED_CONTROLS[ch] ?? (ch.charCodeAt(0) <= 0xff
    ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`
    : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)));
}

/** A line GitHub's runner reads as a workflow command: `::` after any leading whitespace. */
const COMMAND_LINE = /^(\s*)::/;

/**
 * The last guard of everything a command prints (stdout and stderr): no line starts with `::` (a GitHub
 * workflow command: an annotation, `::add-mask::`, `::stop-commands::`) and no line holds `##[`, `##vso[` or
 * `##teamcity[`. The suite never prints such a line of its own, so only foreign text that slipped past
 * terminalText is changed, and it is changed visibly (`\x3a:error…`), never dropped.
 */
export function ciSafeOutput(text: string): string {
  if (!text.includes(':') && !text.includes('##')) return text;
  return text.split('\n').map((line) => {
    // A progress line redraws itself with `\r` and an erase sequence first: what follows is still a line start.
    const lead = /^(?:\r|\u001b\[[0-9;]*[A-Za-z])*/.exec(line)?.[0] ?? '';
    const rest = line.slice(lead.length).replace(COMMAND_LINE, '$1\\x3a:').replace(COMMAND_ANYWHERE, '##$1\\x5b');
    return `${lead}${rest}`;
  }).join('\n');
}
