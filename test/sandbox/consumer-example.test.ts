// How a consumer team tests its own client against the sandbox: the sandbox answers as the real API documents
// (here over mutual TLS, as the real one does), faults are injected the way staging sometimes fails, and the
// outbox says what really went out. Shown in the README ("Use it as a sandbox").
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Holder } from '../../src/provider/index.ts';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { createOtpSender } from './otp-sender.ts';

let sandbox: Sandbox;
let sender: ReturnType<typeof createOtpSender>;
let alice: Holder;

beforeAll(async () => {
  sandbox = await startSandbox({ tls: true });
  sender = createOtpSender({
    baseUrl: sandbox.url,
    ...sandbox.credentials,
    tls: { ca: sandbox.tls!.ca, cert: sandbox.tls!.clientCert, key: sandbox.tls!.clientKey },
    timeoutMs: 500,
  });
});
afterAll(async () => {
  await sender?.close();
  await sandbox?.close();
});
afterEach(async () => {
  await sandbox.admin.clearFaults();
  await sandbox.admin.clearOutbox();
});

/** The OTPs that went to one holder. */
async function sentTo(holder: Holder) {
  return (await sandbox.admin.outbox({ certIdOtp: holder.certIdOtp })).entries;
}

describe('our OTP sender against the sandbox', () => {
  beforeAll(async () => {
    alice = await sandbox.admin.addHolder({ state: 'smsActive', certIdOtp: 'alice-cert', deviceCode: 'alice-phone' });
  });

  it('sends exactly one SMS to the holder', async () => {
    const next = sandbox.admin.nextOutboxEntry({ certIdOtp: alice.certIdOtp });
    expect(await sender.send(alice)).toEqual({ kind: 'sent', attempts: 1 });
    expect(await next).toMatchObject({ channel: 'SMS', operation: 'sendOtp' });
    expect(await sentTo(alice)).toHaveLength(1);
  });

  it('retries once when the OTP service times out (103), and the holder still gets exactly one SMS', async () => {
    await sandbox.admin.injectFault({ kind: 'code', code: 103, certIdOtp: alice.certIdOtp });
    expect(await sender.send(alice)).toEqual({ kind: 'sent', attempts: 2 });
    expect(await sentTo(alice)).toHaveLength(1);
  });

  it('gives up after a second 103, having sent nothing', async () => {
    await sandbox.admin.injectFault({ kind: 'code', code: 103, count: 2, certIdOtp: alice.certIdOtp });
    expect(await sender.send(alice)).toEqual({ kind: 'failed', code: 103, attempts: 2 });
    expect(await sentTo(alice)).toHaveLength(0);
  });

  it('never retries an internal fault (6)', async () => {
    await sandbox.admin.injectFault({ kind: 'code', code: 6, count: 5 });
    expect(await sender.send(alice)).toEqual({ kind: 'failed', code: 6, attempts: 1 });
  });

  it('does not retry when the answer is lost after the OTP went out: no second SMS', async () => {
    await sandbox.admin.injectFault({ kind: 'drop', handled: true });
    expect(await sender.send(alice)).toEqual({ kind: 'unknown', attempts: 1 });
    expect(await sentTo(alice)).toHaveLength(1);
  });

  it('reports silence as unknown once its deadline passes', async () => {
    await sandbox.admin.injectFault({ kind: 'silence', certIdOtp: alice.certIdOtp });
    expect(await sender.send(alice)).toEqual({ kind: 'unknown', attempts: 1 });
    expect(await sentTo(alice)).toHaveLength(0);
  });

  it('reports the documented code of a holder whose device was disabled meanwhile', async () => {
    await sandbox.admin.changeHolder(alice.certIdOtp, { state: 'deviceDisabled' });
    try {
      expect(await sender.send(alice)).toEqual({ kind: 'failed', code: 71, attempts: 1 });
    } finally {
      await sandbox.admin.changeHolder(alice.certIdOtp, { state: 'smsActive' });
    }
  });
});
