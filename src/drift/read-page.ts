// Reads the docs page to check, from a file or a URL. Network rules: https for any host, plain http only on
// loopback (a local copy served for a test or a preview), certificate verification left as Node sets it
// (on), every redirect re-checked against the same rules, and one 15 s deadline for the whole read.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLoopbackHost } from '../net/loopback.ts';
import type { PageFormat } from './page-text.ts';

/** The page could not be read; the message is one sentence meant for the user. */
export class PageReadError extends Error {
  override readonly name = 'PageReadError';
}

export interface Page {
  /** The argument as given (file path or URL). */
  readonly source: string;
  readonly text: string;
  /** From the Content-Type or file extension; absent when neither says. */
  readonly formatHint?: PageFormat;
}

export interface ReadPageOptions {
  readonly timeoutMs?: number;
  /** A docs page is a few kB; the cap stops a wrong URL from streaming a large download into memory. */
  readonly maxBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 5;

const formatOfName = (name: string): PageFormat | undefined => {
  const ext = extname(name).toLowerCase();
  if (ext === '.html' || ext === '.htm') return 'html';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  return undefined;
};

const formatOfContentType = (type: string | null): PageFormat | undefined => {
  if (!type) return undefined;
  if (/html/i.test(type)) return 'html';
  if (/markdown/i.test(type)) return 'markdown';
  return undefined;
};

export const isUrl = (source: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(source);

/** Throws unless the URL may be fetched: https anywhere, http on loopback only. */
export function checkUrlAllowed(url: URL): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  if (url.protocol === 'http:') {
    throw new PageReadError(`Refusing ${url.href}: plain http is allowed only on loopback, use https.`);
  }
  throw new PageReadError(`Refusing ${url.href}: only https URLs (or http on loopback) and files are read.`);
}

async function readFilePage(source: string, path: string): Promise<Page> {
  try {
    const text = await readFile(path, 'utf8');
    const formatHint = formatOfName(path);
    return formatHint ? { source, text, formatHint } : { source, text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory'
      : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new PageReadError(`Cannot read ${source}: ${why}.`);
  }
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new PageReadError(`Cannot fetch ${url}: the page is larger than ${maxBytes} bytes.`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    total += part.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new PageReadError(`Cannot fetch ${url}: the page is larger than ${maxBytes} bytes.`);
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks);
}

function decode(bytes: Uint8Array, contentType: string | null): string {
  const charset = /charset="?([\w-]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    // An unknown charset label: docs pages are UTF-8 in practice, so read it as UTF-8 rather than fail.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function fetchFailure(url: string, error: unknown, timeoutMs: number): PageReadError {
  if (error instanceof PageReadError) return error;
  const err = error as Error & { cause?: { message?: string; code?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') {
    return new PageReadError(`Cannot fetch ${url}: no complete answer within ${timeoutMs / 1000} s.`);
  }
  // undici reports "fetch failed" and puts the reason (refused, DNS, certificate) in `cause`.
  const why = err.cause?.message ?? err.cause?.code ?? err.message;
  return new PageReadError(`Cannot fetch ${url}: ${why.replace(/\.$/, '')}.`);
}

async function fetchPage(source: string, options: ReadPageOptions): Promise<Page> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new PageReadError(`Cannot fetch ${source}: it is not a valid URL.`);
  }
  checkUrlAllowed(url);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    // Redirects are followed by hand so that an https page cannot bounce the read to plain http elsewhere.
    for (let hop = 0; ; hop += 1) {
      const response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/html, text/markdown;q=0.9, text/plain;q=0.8, */*;q=0.1' },
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (hop >= MAX_REDIRECTS) throw new PageReadError(`Cannot fetch ${source}: more than ${MAX_REDIRECTS} redirects.`);
        url = new URL(location, url);
        checkUrlAllowed(url);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new PageReadError(`Cannot fetch ${source}: the server answered HTTP ${response.status}.`);
      }
      const contentType = response.headers.get('content-type');
      const text = decode(await readCapped(response, maxBytes, source), contentType);
      const formatHint = formatOfContentType(contentType) ?? formatOfName(url.pathname);
      return formatHint ? { source, text, formatHint } : { source, text };
    }
  } catch (error) {
    throw fetchFailure(source, error, timeoutMs);
  }
}

/** Reads a page from a file path, a `file:` URL, an https URL or a loopback http URL. */
export async function readPage(source: string, options: ReadPageOptions = {}): Promise<Page> {
  if (source.trim() === '') throw new PageReadError('The page argument is empty.');
  if (/^file:/i.test(source)) {
    let path: string;
    try {
      path = fileURLToPath(source);
    } catch {
      throw new PageReadError(`Cannot read ${source}: it is not a valid file URL.`);
    }
    return readFilePage(source, path);
  }
  return isUrl(source) ? fetchPage(source, options) : readFilePage(source, source);
}
