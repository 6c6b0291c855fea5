// `npx tsx bench/sandbox-screenshot.ts docs/sandbox.png`: the picture of the sandbox page in the README, taken
// the way a developer sees it: a few sends, an error, an armed fault and a request it met, in Debian's chromium.
import { operation } from '../src/catalog/index.ts';
import { startSandbox } from '../src/sandbox/index.ts';
import { chromiumMissing, launchChromium } from '../test/support/chromium.ts';

const out = process.argv[2];
const missing = chromiumMissing();
if (!out || missing) {
  process.stderr.write(out ? `sandbox-screenshot: ${missing}\n` : 'usage: tsx bench/sandbox-screenshot.ts <file.png>\n');
  process.exit(2);
}

const sandbox = await startSandbox();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`${sandbox.adminUrl}/ui`);
  await page.fill('#token', sandbox.adminToken ?? '');
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#status:text("Live")');

  const authorization = `Basic ${Buffer.from(`${sandbox.credentials.username}:${sandbox.credentials.password}`).toString('base64')}`;
  const send = (path: string, state: string) =>
    fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', 'on-behalf-of': sandbox.onBehalfOf },
      body: JSON.stringify(sandbox.fixtures().holders[state]),
    }).then((r) => r.arrayBuffer()).catch(() => undefined);
  const sendOtp = operation('sendOtp').path;
  const disposable = operation('sendOtpDisposable').path;
  await send(sendOtp, 'smsActive');
  await send(disposable, 'emailActive');
  await send(sendOtp, 'otpBlocked');
  await sandbox.admin.injectFault({ kind: 'code', code: 103, count: 3, operation: 'sendOtp' });
  await send(sendOtp, 'whatsappActive');
  await sandbox.admin.injectFault({ kind: 'delay', ms: 1500, forMs: 600_000, operation: 'sendOtpDisposable' });
  await send(sendOtp, 'whatsappActive');
  // Polled from here: the page's policy forbids the eval a waitForFunction with a string would need.
  const deadline = Date.now() + 10_000;
  while ((await page.locator('#requests tbody tr').count()) < 5 || (await page.locator('#faults tbody tr').count()) < 2) {
    if (Date.now() > deadline) throw new Error(`The page did not show the requests and faults within 10 s: ${await page.locator('#status').innerText()} ${await page.locator('#requests tbody tr').count()} ${await page.locator('#faults tbody tr').count()}`);
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(1_600); // the fresh-row highlight fades
  await page.screenshot({ path: out });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await browser.close();
  await sandbox.close();
}
