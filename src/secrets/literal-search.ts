// Long values (a 4,000-character OAuth token, a PEM key) are searched as literal strings, not compiled into a
// regular expression: an expression of every per-character form of such a value overflows the engine's stack,
// and even one of its whole forms makes a slow expression. A plain search costs one pass per form.

/** Fewer characters of a long value at the very end of a text are left: they could be anything. */
const MIN_CUT_CHARS = 8;

/** A string to find (case is ignored) and what it is replaced by. */
export interface LiteralForm {
  readonly text: string;
  readonly replacement: string;
}

/**
 * Replaces every occurrence of the forms in `text`, the longest form first (a value that contains another is
 * replaced whole), and a form's beginning at the very end of the text (cut there); passes the text between
 * occurrences to `rest`, so nothing inside a replacement is looked at again.
 */
export function replaceLiteralForms(text: string, forms: readonly LiteralForm[], rest: (segment: string) => string): string {
  if (forms.length === 0 || text === '') return rest(text);
  const lowered = text.toLowerCase();
  // Lower-casing keeps every index unless the text holds one of the few characters it lengthens (İ).
  const sameIndexes = lowered.length === text.length;
  const haystack = sameIndexes ? lowered : text;
  const variants = forms.flatMap((form) => (sameIndexes
    ? [{ ...form, text: form.text.toLowerCase() }]
    : [form, { ...form, text: form.text.toLowerCase() }, { ...form, text: form.text.toUpperCase() }]));
  variants.sort((a, b) => b.text.length - a.text.length);
  const covered = new Uint8Array(text.length);
  const found: { start: number; end: number; replacement: string }[] = [];
  for (const { text: needle, replacement } of variants) {
    if (needle === '') continue;
    let at = haystack.indexOf(needle);
    while (at !== -1) {
      const end = at + needle.length;
      if (covered.subarray(at, end).every((c) => c === 0)) {
        covered.fill(1, at, end);
        found.push({ start: at, end, replacement });
        at = haystack.indexOf(needle, end);
      } else {
        at = haystack.indexOf(needle, at + 1);
      }
    }
  }
  // A text cut short (a snippet of a long body) may end inside a value: its beginning is hidden too.
  for (const { text: needle, replacement } of variants) {
    if (needle.length <= MIN_CUT_CHARS) continue;
    const head = needle.slice(0, MIN_CUT_CHARS);
    let at = haystack.indexOf(head, Math.max(0, haystack.length - needle.length + 1));
    while (at !== -1) {
      if (needle.startsWith(haystack.slice(at)) && covered.subarray(at).every((c) => c === 0)) {
        covered.fill(1, at);
        found.push({ start: at, end: haystack.length, replacement });
        break;
      }
      at = haystack.indexOf(head, at + 1);
    }
  }
  if (found.length === 0) return rest(text);
  found.sort((a, b) => a.start - b.start);
  let out = '';
  let from = 0;
  for (const { start, end, replacement } of found) {
    out += rest(text.slice(from, start)) + replacement;
    from = end;
  }
  return out + rest(text.slice(from));
}
