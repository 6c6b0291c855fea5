// The sandbox page's one figure: how long a request takes to show in its journal table. Shared by the page's
// browser test and `npm run bench -- sandbox`. Timed with one clock (Date.now, the same machine): from just
// before the request is sent to the moment a MutationObserver in the page sees its row.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { RunningProvider } from '../../src/provider/types.ts';
import { request } from '../provider/helpers.ts';

/** Sends one request to a path nobody else uses and resolves to the ms until the page shows it. */
export async function showsNewRequest(page: Page, sandbox: RunningProvider, timeoutMs = 5_000): Promise<number> {
  const path = `/probe-${randomUUID()}`;
  // A string, not a function: a transpiler's helpers (tsx's __name) would not exist in the page.
  const seen = page.evaluate<number>(`new Promise((resolve, reject) => {
    const wanted = ${JSON.stringify(path)};
    const body = document.querySelector('#requests tbody');
    if (!body) return reject(new Error('The page has no requests table.'));
    const observer = new MutationObserver(() => {
      if (![...body.querySelectorAll('tr')].some((tr) => (tr.textContent || '').includes(wanted))) return;
      observer.disconnect();
      resolve(Date.now());
    });
    observer.observe(body, { childList: true, subtree: true });
    setTimeout(() => { observer.disconnect(); reject(new Error('The request to ' + wanted + ' did not show within ${timeoutMs} ms.')); }, ${timeoutMs});
  })`);
  // The observer is in place once evaluate() has started running in the page; a short pause makes sure of it.
  await page.waitForTimeout(20);
  const sent = Date.now();
  await request(`${sandbox.url}${path}`, { method: 'GET', credentials: null });
  return (await seen) - sent;
}
