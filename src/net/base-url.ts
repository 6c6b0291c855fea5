// The one rule for a base URL the suite sends Basic credentials to: http or https, no userinfo (it would travel
// outside every secret's redaction), no query or fragment (operation paths are appended), and plain http only
// to a loopback host. Each layer words its own error from the problem found here.
import { isLoopbackHost } from './loopback.ts';

export type BaseUrlProblem = 'not-a-url' | 'scheme' | 'userinfo' | 'query-or-fragment' | 'plain-http-remote';

export type BaseUrlCheck = { ok: true; url: URL } | { ok: false; problem: BaseUrlProblem; protocol?: string };

/**
 * @param options.plainHttpRemote whether a non-loopback http:// URL is acceptable (only when nothing secret is
 *   sent to it); default false.
 */
export function checkBaseUrl(raw: string, options: { plainHttpRemote?: boolean } = {}): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'not-a-url' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'scheme', protocol: url.protocol };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'userinfo' };
  // The raw text is checked too: `https://h/?` parses to an empty search, yet the user did write a query.
  if (url.search !== '' || url.hash !== '' || raw.includes('?') || raw.includes('#')) return { ok: false, problem: 'query-or-fragment' };
  if (url.protocol === 'http:' && !options.plainHttpRemote && !isLoopbackHost(url.hostname)) {
    return { ok: false, problem: 'plain-http-remote' };
  }
  return { ok: true, url };
}

/** The URL without trailing slashes, ready for an operation path (`/sendOtp`) to be appended. */
export function baseUrlText(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
