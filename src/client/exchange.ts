// One POST and its capped body, nothing else: no redirect is followed (undici's `request` has no redirect
// interceptor unless one is composed in) and nothing is retried here: the client cannot know whether a request
// may deliver, the runner does (src/runner/attempts.ts retries only requests that cannot).
import type { Dispatcher } from 'undici';
import type { Deadline } from './deadline.ts';
import { readCappedBody } from './read-capped-body.ts';
import type { ReceivedResponse } from './classify-response.ts';

export interface ExchangeInput {
  url: URL;
  dispatcher: Dispatcher;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  timeoutMs: number;
  maxBodyBytes: number;
  deadline: Deadline;
}

function noop(): void {}

export async function exchange(input: ExchangeInput): Promise<Omit<ReceivedResponse, 'durationMs'>> {
  const { deadline, maxBodyBytes } = input;
  // The dispatcher's own verb, with origin and path already split: no URL parsing per request.
  const pending = input.dispatcher.request({
    origin: input.url.origin,
    path: `${input.url.pathname}${input.url.search}`,
    method: 'POST',
    headers: input.headers,
    body: input.body ?? null,
    signal: deadline.signal,
    // Belt and braces under the overall deadline: undici stops waiting on its own, too.
    headersTimeout: input.timeoutMs,
    bodyTimeout: input.timeoutMs,
  });
  // undici honours the abort signal only once the request is on a connected socket; while a connect is
  // still pending the race below is what ends the call. A response arriving after that is discarded.
  pending.then((late) => {
    if (deadline.signal.aborted) late.body.on('error', noop).destroy();
  }, noop);
  const response = await Promise.race([pending, deadline.expired]);
  const read = await Promise.race([readCappedBody(response.body, maxBodyBytes), deadline.expired]);
  return {
    status: response.statusCode,
    headers: response.headers,
    body: read.bytes,
    received: read.received,
    truncated: read.truncated,
    maxBodyBytes,
  };
}
