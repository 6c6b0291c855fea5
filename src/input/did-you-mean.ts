// "Did you mean …?" hints for unknown names (style-anchors.md §3): a typo in a fixture state, a field or an
// operation must be an error that points at the intended name, never a silently skipped scenario.

/** Levenshtein distance, case-insensitive: a case slip (`smsactive`) is the likeliest typo of all. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (s[i - 1] === t[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/** The closest known name, when it is close enough to be a plausible typo; otherwise undefined. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // About a third of the name may be wrong: enough for slips, too little to suggest an unrelated name.
  const tolerance = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= tolerance ? best : undefined;
}

/** ` (did you mean X?)`, or ` (known: a, b, c)` when nothing is close; meant to end a sentence. */
export function didYouMean(name: string, known: readonly string[]): string {
  const close = closestName(name, known);
  return close !== undefined ? ` (did you mean ${close}?)` : ` (known: ${known.join(', ')})`;
}

/** A name from user input, quoted and cut short, so a stray paste never floods a message. */
export function quoteName(name: string): string {
  const shown = name.length > 60 ? `${name.slice(0, 57)}...` : name;
  return JSON.stringify(shown);
}
