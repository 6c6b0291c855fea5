// A Pact Broker that answers its index and then never answers the publish: the pact CLI waits on that request
// until it is stopped. For the tests that stop a broker command mid-request and check nothing outlives it.
import { startHttp, type RunningServer } from './servers.ts';

export interface HangingBroker {
  readonly server: RunningServer;
  /** The publish request is in: the CLI is now waiting on it. */
  readonly publishing: boolean;
  /** The CLI's connection of that request closed: the CLI was stopped. */
  readonly connectionClosed: boolean;
}

/** @param onPublish called when the publish request is in (a test stops the command there). */
export async function startHangingBroker(onPublish?: () => void): Promise<HangingBroker> {
  let base = '';
  let publishing = false;
  let connectionClosed = false;
  const server = await startHttp((req, res) => {
    if (req.method === 'GET' && req.url === '/') {
      res.writeHead(200, { 'content-type': 'application/hal+json' })
        .end(JSON.stringify({ _links: { 'pb:publish-contracts': { href: `${base}/contracts/publish` } } }));
      return;
    }
    req.socket.once('close', () => (connectionClosed = true));
    publishing = true;
    onPublish?.();
  });
  base = server.url;
  return {
    server,
    get publishing() { return publishing; },
    get connectionClosed() { return connectionClosed; },
  };
}
