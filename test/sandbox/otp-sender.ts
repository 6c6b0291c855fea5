// An example of a consumer team's own client, the code under test in consumer-example.test.ts. It is not the
// suite's client: it is what a team integrating Lean Disposable writes. Its rules:
//  - 200 with an empty body: sent;
//  - code 103 (the OTP service timed out): nothing went out, so it retries once;
//  - any other code: a failure, reported with its code, never retried;
//  - no answer (timeout, reset): the OTP may have gone out, so it never retries (a retry could send twice).
import { rootCertificates } from 'node:tls';
import { Agent, request } from 'undici';

export interface SenderConfig {
  baseUrl: string;
  username: string;
  password: string;
  tls?: { ca: string; cert: string; key: string };
  timeoutMs: number;
}

export type SendResult = { kind: 'sent'; attempts: number } | { kind: 'failed'; code: number; attempts: number } | { kind: 'unknown'; attempts: number };

const OTP_SERVICE_TIMEOUT = 103;

export function createOtpSender(config: SenderConfig) {
  const dispatcher = new Agent({
    connect: {
      rejectUnauthorized: true,
      ...(config.tls ? { ca: [...rootCertificates, config.tls.ca], cert: config.tls.cert, key: config.tls.key } : {}),
    },
  });
  const authorization = `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`;

  async function attempt(holder: { certIdOtp: string; deviceCode: string }): Promise<number | 'sent' | 'no answer'> {
    try {
      const response = await request(`${config.baseUrl}/sendOtp`, {
        method: 'POST',
        dispatcher,
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(holder),
        headersTimeout: config.timeoutMs,
        bodyTimeout: config.timeoutMs,
      });
      const text = await response.body.text();
      if (response.statusCode === 200 && text === '') return 'sent';
      const code = (JSON.parse(text) as { code?: unknown }).code;
      return typeof code === 'number' ? code : -1;
    } catch {
      return 'no answer';
    }
  }

  return {
    async send(holder: { certIdOtp: string; deviceCode: string }): Promise<SendResult> {
      for (let attempts = 1; ; attempts++) {
        const outcome = await attempt(holder);
        if (outcome === 'sent') return { kind: 'sent', attempts };
        if (outcome === 'no answer') return { kind: 'unknown', attempts };
        if (outcome !== OTP_SERVICE_TIMEOUT || attempts === 2) return { kind: 'failed', code: outcome, attempts };
      }
    },
    close: () => dispatcher.close(),
  };
}
