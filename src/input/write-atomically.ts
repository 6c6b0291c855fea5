// Writes through a temporary file in the same directory, then renames it over the target: a reader sees the
// old file or the new one, never half of one. A failed write leaves no temporary file behind.
import { randomBytes } from 'node:crypto';
import { chmod, rename, rm, writeFile } from 'node:fs/promises';

/** @param options.mode the file's permissions (0o600 for a private file), set explicitly: the umask is not asked. */
export async function writeAtomically(path: string, text: string, options: { mode?: number } = {}): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { encoding: 'utf8', ...(options.mode === undefined ? {} : { mode: options.mode }) });
    if (options.mode !== undefined) await chmod(temp, options.mode);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
