// Every command writes through ciSafeIo (defineCommand): whatever a renderer let through, no line of a command's
// output starts a GitHub workflow command or holds a `##[`/`##vso[` log command (issue 19 item 3).
import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../src/cli/command.ts';
import { memoryIo } from '../../src/cli/io.ts';

const SPEC = { usage: 'test', summary: 'a command that prints what it is given', options: {}, variables: [] } as const;

describe('defineCommand', () => {
  it('passes stdout and stderr through the CI-command guard', async () => {
    const command = defineCommand('echo', SPEC as never, async (_args, _env, io) => {
      io.out('ok\n::error title=Injected::fake annotation\n  ::add-mask::secret\n');
      io.err('x ##vso[task.setvariable variable=a]1 ##[error]b\n');
      return 0;
    });
    const io = memoryIo({ cwd: process.cwd() });
    expect(await command([], {}, io)).toBe(0);
    expect(io.stdout()).toBe('ok\n\\x3a:error title=Injected::fake annotation\n  \\x3a:add-mask::secret\n');
    expect(io.stderr()).toBe('x ##vso\\x5btask.setvariable variable=a]1 ##\\x5berror]b\n');
  });
});
