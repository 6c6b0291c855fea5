// Compares an error description on a vendor page with the spec's `meaning` for sense, not spelling: the
// spec states meanings in its own words (it must not copy the vendor's prose), so an exact comparison would
// report drift on every code. Both texts become sets of content words and are scored by Jaccard similarity.
import { markdownInlineToText } from './page-text.ts';

/**
 * Default threshold: at or above it two descriptions mean the same. Most of the catalog's meanings have two
 * to four content words, and Jaccard moves in coarse steps on sets that small. At 0.6, replacing one content
 * word of a meaning of up to four words is a changed meaning ("SMS blocked by the watchlist" → "SMS sent to
 * the watchlist" scores 0.5), while adding or dropping one word is not (2 of 3 shared: 0.67). Every
 * rewording of the spec's meanings used in test/drift, and the vendor's own wording, scores 1.0 after
 * normalisation, so the margin is on the side of catching changes. Known limit: one substituted word in a
 * meaning of five words or more (0.67) passes; a flipped negation is caught at any length.
 */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.6;

// Function words that carry no sense of their own. Negations are deliberately absent: they are content.
const STOP_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'some', 'any',
  'this', 'that', 'these', 'those', 'of', 'to', 'by', 'for', 'in', 'on', 'at', 'with', 'from', 'as', 'it',
  'its', 'their', 'there', 'could', 'can', 'will', 'would', 'may', 'might', 'should', 'shall', 'do', 'does',
  'did',
]);

/**
 * Words that negate what follows. They all become the one token `not`, so "no template configured" and
 * "template not configured" share it; a flip of negation is a changed meaning however many words agree.
 */
const NEGATIONS: ReadonlySet<string> = new Set(['not', 'no', 'never', 'without']);

// Negated adjectives are spelled out so "invalid certIdOtp" and "certIdOtp not valid" share their words.
const NEGATED_FORMS: Readonly<Record<string, readonly string[]>> = {
  invalid: ['not', 'valid'],
  inactive: ['not', 'active'],
  unauthorized: ['not', 'authorized'],
  unauthorised: ['not', 'authorized'],
  disallowed: ['not', 'allowed'],
  unavailable: ['not', 'available'],
  incorrect: ['not', 'correct'],
  unknown: ['not', 'known'],
  nonexistent: ['not', 'exist'],
  cannot: ['not'],
};

// British spellings and irregular verb forms the suffix rules below cannot reach.
const SPELLINGS: Readonly<Record<string, string>> = {
  authorised: 'authorized', authorise: 'authorize', authorisation: 'authorization', sent: 'send',
  canceled: 'cancel', cancelled: 'cancel',
};

/** A few suffix rules (plural, -ed, -ing, final e) so "fields"/"field" and "exceeded"/"exceeds" agree. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(?:ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  // "-eed" is a stem of its own (exceed, need), not a past tense.
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The content words of a description, in order, normalised (lowercase, no markup, no stop words, stemmed). */
export function normaliseMeaning(text: string): string[] {
  const plain = markdownInlineToText(text)
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\bcan't\b/g, 'can not')
    .replace(/\bwon't\b/g, 'will not')
    .replace(/n't\b/g, ' not')
    // Joined, not split: "e-mail" is "email", "holder's" one word; a spaced dash stays a separator.
    .replace(/(?<=[a-z0-9])['-](?=[a-z0-9])/g, '');
  const tokens: string[] = [];
  for (const raw of plain.split(/[^a-z0-9]+/)) {
    if (raw === '') continue;
    const expanded = NEGATED_FORMS[raw] ?? [raw];
    for (const word of expanded) {
      if (STOP_WORDS.has(word)) continue;
      const spelled = SPELLINGS[word] ?? word;
      tokens.push(NEGATIONS.has(spelled) ? 'not' : stem(spelled));
    }
  }
  return tokens;
}

/**
 * The texts a description is compared as: the whole text and, when it has one, its head clause (the text
 * before the first comma, semicolon, colon, parenthesis or spaced dash). A gloss the spec adds (code 6:
 * "…, never expected in normal operation") or the page adds must not by itself read as a changed meaning.
 */
export function meaningVariants(text: string): string[] {
  const head = text.split(/[,;:(]|\s[—–-]\s/)[0]?.trim() ?? '';
  return head !== '' && head !== text.trim() ? [text, head] : [text];
}

export function jaccard(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 && right.size === 0) return 1;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared += 1;
  return shared / (left.size + right.size - shared);
}

const negated = (tokens: readonly string[]): boolean => tokens.includes('not');

export interface MeaningComparison {
  /** Best Jaccard score over the variants (among those agreeing in negation when the meanings agree). */
  readonly similarity: number;
  /** The words match well enough, but one text is negated and the other is not. */
  readonly negationDiffers: boolean;
  readonly same: boolean;
}

export function compareMeanings(
  pageText: string,
  specMeaning: string,
  threshold: number = DEFAULT_SIMILARITY_THRESHOLD,
): MeaningComparison {
  let bestAgreeing = 0;
  let bestAny = 0;
  for (const pageVariant of meaningVariants(pageText)) {
    const pageTokens = normaliseMeaning(pageVariant);
    for (const specVariant of meaningVariants(specMeaning)) {
      const specTokens = normaliseMeaning(specVariant);
      const score = jaccard(pageTokens, specTokens);
      bestAny = Math.max(bestAny, score);
      if (negated(pageTokens) === negated(specTokens)) bestAgreeing = Math.max(bestAgreeing, score);
    }
  }
  const same = bestAgreeing >= threshold;
  return { similarity: same ? bestAgreeing : bestAny, negationDiffers: !same && bestAny >= threshold, same };
}
