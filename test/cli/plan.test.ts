// `--plan` checks what a run checks and says what a run will send: an unreadable LEAN_COMPARE_WITH is exit 2 for
// both, and the seed the plan prints makes a run send exactly the malformed bodies the plan lists.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/conformance.ts';
import { renderJson } from '../../src/report/json.ts';
import { passingSample } from '../report/sample-report.ts';
import { freshDir, runMain } from '../support/spawn-cli.ts';
import { startHttp, type RunningServer } from '../support/servers.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startHttp((_req, res) => res.end());
});
afterAll(() => server.close());

const target = (extra: Record<string, string> = {}) => ({
  LEAN_BASE_URL: server.url, LEAN_USERNAME: 'u', LEAN_PASSWORD: 'p', LEAN_MAX_SENDS: '0', LEAN_RATE_LIMIT: '1000',
  LEAN_REPORT_DIR: join(freshDir(), 'reports'), ...extra,
});

describe('--plan reads LEAN_COMPARE_WITH as the run does', () => {
  const dir = freshDir();
  writeFileSync(join(dir, 'not-json.json'), '{"target": ');
  writeFileSync(join(dir, 'not-a-report.json'), '{"hello": "world"}');
  const FILES: [string, string, RegExp][] = [
    ['a missing file', join(dir, 'missing.json'), /^configuration error: LEAN_COMPARE_WITH: .*missing\.json/m],
    ['a file that is not JSON', join(dir, 'not-json.json'), /^configuration error: LEAN_COMPARE_WITH: .*not-json\.json/m],
    ['JSON that is not a report', join(dir, 'not-a-report.json'), /^configuration error: LEAN_COMPARE_WITH: .*not a valid conformance\.json of this suite/m],
  ];
  it.each(FILES)('%s: exit 2 for the plan and for the run, with the same sentence, nothing sent', async (_name, file, sentence) => {
    const before = server.received;
    const planned = await runMain(main, target({ LEAN_COMPARE_WITH: file }), ['--plan']);
    const run = await runMain(main, target({ LEAN_COMPARE_WITH: file }), []);

    expect([planned.code, run.code]).toEqual([2, 2]);
    expect(planned.stderr).toMatch(sentence);
    expect(planned.stderr).toBe(run.stderr);
    expect(server.received).toBe(before);
  });

  it('a readable earlier report: the plan says the run ends with the comparison against it', async () => {
    const file = join(dir, 'production.json');
    writeFileSync(file, renderJson(passingSample().build()));
    const planned = await runMain(main, target({ LEAN_COMPARE_WITH: file }), ['--plan']);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain(`The run ends with the comparison against ${file} (LEAN_COMPARE_WITH).`);
  });
});

/** The malformed bodies a plan lists: scenario → the payload as shown (a prefix when the plan cut it). */
function listedBodies(stdout: string): Map<string, { text: string; cut: boolean }> {
  const section = stdout.split(/^malformed bodies \(seed \d+\), each sent to every operation planned for it:$/m)[1] ?? '';
  const bodies = new Map<string, { text: string; cut: boolean }>();
  for (const line of section.split('\n')) {
    const match = /^ {2}(malformed:\S+)\s+[\w-]+: (.*)$/.exec(line);
    if (!match) continue;
    const shown = match[2]!;
    const cut = /^(.*)… \(\d+ chars\)(?: as .*)?$/s.exec(shown);
    const whole = shown.replace(/ as (?:text\/plain|application\/x-www-form-urlencoded|application\/xml|no content type)$/, '');
    bodies.set(match[1]!, cut ? { text: cut[1]!, cut: true } : { text: whole, cut: false });
  }
  return bodies;
}

describe('--plan prints the seed; that seed makes the run send the bodies it lists', () => {
  it('a plan without LEAN_SEED draws one, prints it, and lists every malformed body', async () => {
    const first = await runMain(main, target(), ['--plan']);
    const seed = /^seed (\d+): with LEAN_SEED=\1 a run sends exactly the malformed bodies listed below$/m.exec(first.stdout)?.[1];
    expect(first.code).toBe(0);
    expect(seed).toBeDefined();
    const listed = listedBodies(first.stdout);
    expect([...listed.keys()]).toContain('malformed:not-json');
    expect(listed.size).toBe(7 + 12);

    // Arrange: the run the plan announces, with the printed seed, on two steps whose bodies are drawn.
    const before = server.requests.length;
    const run = await runMain(main, target({ LEAN_SEED: seed! }), ['--operation', 'sendOtp', '--scenario', 'malformed:*']);
    const sent = server.requests.slice(before).map((r) => r.body.toString('utf8'));

    expect(run.code).toBe(1); // the empty 200 to every malformed body is a failure, which is beside the point here
    expect(sent).toHaveLength(listed.size);
    [...listed.values()].forEach((body, i) => {
      if (body.cut) expect(sent[i]!.startsWith(body.text), `${i}: ${body.text}`).toBe(true);
      else expect(sent[i], `${i}`).toBe(body.text);
    });
  });

  it('a plan with LEAN_SEED prints that seed and the same bodies every time; another seed other bodies, same steps', async () => {
    const [a, b, c] = await Promise.all(['42', '42', '43'].map((seed) => runMain(main, target({ LEAN_SEED: seed }), ['--plan'])));
    expect(a!.stdout).toMatch(/^seed 42: /m);
    expect(listedBodies(a!.stdout)).toEqual(listedBodies(b!.stdout));
    expect([...listedBodies(c!.stdout).keys()]).toEqual([...listedBodies(a!.stdout).keys()]);
    expect([...listedBodies(c!.stdout).values()]).not.toEqual([...listedBodies(a!.stdout).values()]);
  });
});
