// The two facts a send-OTP page states in prose rather than in its error table: the HTTP status of its
// errors ("All errors below return HTTP 500") and that the success body is empty. Both are spec facts the
// conformance suite leans on (every failure is a 500; every success is zero bytes), so a page that changes
// them is drift even when the error codes still agree.
import type { ErrorTable } from './parse-error-table.ts';
import { pageLines, type PageFormat } from './page-text.ts';

/**
 * `empty`: the page says the success body is empty. `not-stated`: the page has a response/success section
 * but no longer says so. `no-response-section`: the page does not describe the success response at all,
 * so nothing can be concluded.
 */
export type SuccessBodyStatement = 'empty' | 'not-stated' | 'no-response-section';

export interface PageStatements {
  /** HTTP statuses the page gives for its errors, in order of appearance; empty when it states none. */
  readonly errorStatuses: readonly number[];
  readonly successBody: SuccessBodyStatement;
}

const sentencesOf = (lines: readonly string[]): string[] => lines.flatMap((line) => line.split(/(?<=[.!?])\s+/));

// "HTTP 500", "HTTP `500`" (backticks already gone), "HTTP status 500", "status code is 500",
// "500 Internal Server Error".
const STATUS_MENTION =
  /\b(?:http(?:\s+status)?(?:\s+code)?|status(?:\s+code)?)\s*(?:is\s+|of\s+|=\s*|:\s*)?([1-5]\d\d)\b|\b([1-5]\d\d)\s+internal server error\b/gi;

/** The statuses an error-describing sentence gives (4xx/5xx preferred: "200 on success, 500 on error"). */
export function errorStatusesOf(sentence: string): number[] {
  if (!/\berrors?\b|\bfailures?\b|\bfails?\b/i.test(sentence)) return [];
  const found = [...sentence.matchAll(STATUS_MENTION)].map((m) => Number(m[1] ?? m[2]));
  const failures = found.filter((s) => s >= 400);
  return failures.length > 0 ? failures : found;
}

const EMPTY_BODY =
  /\bempty\s+(?:response\s+)?body\b|\bbody\s+(?:is|will\s+be|remains|stays)\s+empty\b|\bempty\s+response\b|\bno\s+(?:response\s+)?body\b|\bzero[-\s]bytes?\b|\bwithout\s+(?:a\s+)?(?:response\s+)?body\b/i;
const RESPONSE_HEADING = /\bresponses?\b|\bsuccess/i;

export function readStatements(text: string, format: PageFormat, table?: ErrorTable): PageStatements {
  const { lines, headings } = pageLines(text, format);
  const statuses: number[] = [];
  const add = (status: number): void => {
    if (!statuses.includes(status)) statuses.push(status);
  };
  for (const sentence of sentencesOf(lines)) errorStatusesOf(sentence).forEach(add);
  // A status column in the error table states the status per code; it counts as much as a sentence.
  for (const entry of table?.entries ?? []) if (entry.status !== undefined) add(entry.status);
  const successBody: SuccessBodyStatement = lines.some((line) => EMPTY_BODY.test(line))
    ? 'empty'
    : headings.some((h) => RESPONSE_HEADING.test(h))
      ? 'not-stated'
      : 'no-response-section';
  return { errorStatuses: statuses, successBody };
}
