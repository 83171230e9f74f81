import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFolderError } from './sandbox-errors.js';

/** Holds the id of the process using the folder. The DynamoDB engine crashes its process if two share a store. */
const LOCK_FILE_NAME = 'sandbox.lock';

export interface DataFolder {
  readonly path: string;
  /** Removes the lock; call after the engines have closed their stores. */
  release(): Promise<void>;
}

function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, but belongs to someone else
  }
}

async function takeLock(lockPath: string): Promise<boolean> {
  try {
    await writeFile(lockPath, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Claims the folder where the sandbox keeps its data across restarts, creating it if needed, and with `fresh`
 * empties it first. Fails with a DataFolderError naming the holder when another running sandbox has claimed it.
 */
export async function openDataFolder(path: string, options: { fresh?: boolean } = {}): Promise<DataFolder> {
  await mkdir(path, { recursive: true });
  const lockPath = join(path, LOCK_FILE_NAME);
  if (!(await takeLock(lockPath))) {
    const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && (holder === process.pid || isProcessRunning(holder))) {
      throw new DataFolderError(
        `The data folder ${path} is in use by another sandbox (process ${holder}). Stop that sandbox first; ` +
          `if none is running, delete ${lockPath}.`,
      );
    }
    // Left behind by a sandbox that did not stop cleanly.
    await rm(lockPath, { force: true });
    if (!(await takeLock(lockPath))) {
      throw new DataFolderError(
        `Another sandbox claimed the data folder ${path} at the same moment; try again.`,
      );
    }
  }
  if (options.fresh) {
    const entries = await readdir(path);
    await Promise.all(
      entries
        .filter((entry) => entry !== LOCK_FILE_NAME)
        .map((entry) => rm(join(path, entry), { recursive: true, force: true })),
    );
  }
  return { path, release: () => rm(lockPath, { force: true }) };
}
