// Plain text out of the two page formats the drift check reads (Markdown and HTML). Written by hand because
// the project takes no Markdown/HTML dependency for one tolerant read of a docs page; only what a vendor page
// of the send-OTP kind uses is handled (links, code spans, emphasis, entities, inline tags).

export type PageFormat = 'markdown' | 'html';

// The named entities a docs generator actually emits in prose; numeric references cover the rest.
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', middot: '·', bull: '•', shy: '',
  zwj: '', zwnj: '', copy: '©', reg: '®', trade: '™', euro: '€',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const point = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      // An out-of-range reference would make String.fromCodePoint throw; keep the source text instead.
      return Number.isInteger(point) && point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Removes comments and elements whose content is never page text. */
export function stripHtmlNoise(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style|template|noscript)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '');
}

// Block-level tags separate words; inline tags (a, code, strong, span…) must not, so `The <code>x</code>`
// stays "The x" and a link-wrapped code `<a>2</a>` stays "2".
const BLOCK_TAG = /<\/?(?:p|div|br|hr|li|ul|ol|tr|td|th|thead|tbody|tfoot|table|caption|section|article|header|footer|nav|aside|main|h[1-6]|blockquote|pre|dl|dt|dd|figure|figcaption)\b[^>]*>/gi;

/** Text of an HTML fragment (a table cell, a heading), on one line. */
export function htmlToText(html: string): string {
  return collapse(decodeEntities(stripHtmlNoise(html).replace(BLOCK_TAG, ' ').replace(/<[^>]*>/g, '')));
}

/** Text of one line of Markdown inline content (a table cell, a heading, a paragraph line). */
export function markdownInlineToText(markdown: string): string {
  let text = markdown;
  // Code spans first: their content is literal, so later rules must not see their backticks.
  text = text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_w, _ticks: string, content: string) => content.trim());
  text = text.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1');
  // Links, inline `[text](url "title")` and reference `[text][ref]`: the visible text is what the page says.
  text = text.replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1');
  text = text.replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1');
  text = text.replace(/<(https?:\/\/[^>\s]+)>/g, '$1');
  // Inline HTML is legal in Markdown (a `<br>` in a cell, a `<code>`): read it as HTML would be read.
  text = text.replace(/<br\s*\/?>/gi, ' ').replace(/<\/?[a-z][^>]*>/gi, '');
  text = text.replace(/\*\*|~~/g, '').replace(/\*/g, '');
  // Underscore emphasis only at word edges, so identifiers such as `device_code` survive.
  text = text.replace(/(?<!\w)_+(?=\S)|(?<=\S)_+(?!\w)/g, '');
  text = text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return collapse(decodeEntities(text));
}

/** The page as plain-text lines, and the text of its headings, for the statements read outside tables. */
export interface PageLines {
  readonly lines: readonly string[];
  readonly headings: readonly string[];
}

export function markdownLines(markdown: string): PageLines {
  const lines: string[] = [];
  const headings: string[] = [];
  let fence: string | undefined;
  const source = markdown.split(/\r?\n/);
  source.forEach((raw, i) => {
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
    if (fenceMark && (fence === undefined || fenceMark.startsWith(fence))) {
      fence = fence === undefined ? fenceMark.slice(0, 3) : undefined;
      return;
    }
    // Code samples are not statements of the page: an example body in a fence must not read as prose.
    if (fence !== undefined) return;
    const atx = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw);
    const next = source[i + 1] ?? '';
    const setext = raw.trim() !== '' && !raw.includes('|') && /^\s{0,3}(?:=+|-+)\s*$/.test(next);
    const body = raw.replace(/^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?/, '').replace(/\|/g, ' ');
    const text = markdownInlineToText(atx ? atx[1] ?? '' : body);
    if (text === '' || /^[-=:\s]+$/.test(text)) return;
    if (atx || setext) headings.push(text);
    lines.push(text);
  });
  return { lines, headings };
}

export function htmlLines(html: string): PageLines {
  const clean = stripHtmlNoise(html);
  const headings = [...clean.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi)]
    .map((m) => htmlToText(m[2] ?? ''))
    .filter((h) => h !== '');
  const text = decodeEntities(clean.replace(BLOCK_TAG, '\n').replace(/<[^>]*>/g, ''));
  const lines = text.split('\n').map(collapse).filter((line) => line !== '');
  return { lines, headings };
}

export function pageLines(text: string, format: PageFormat): PageLines {
  return format === 'html' ? htmlLines(text) : markdownLines(text);
}

/** Decides the format: a declared hint wins; otherwise an HTML document or table marks HTML. */
export function detectFormat(text: string, hint?: PageFormat): PageFormat {
  if (hint) return hint;
  const head = text.trimStart().slice(0, 512).toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  // A Markdown page may embed some HTML; it is HTML only if its tables are HTML and none is Markdown.
  const hasHtmlTable = /<table\b/i.test(text);
  const hasMarkdownTable = /^\s*\|?[^\n|]*\|.*\n\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/m.test(text);
  return hasHtmlTable && !hasMarkdownTable ? 'html' : 'markdown';
}
