import { closeSync, mkdirSync, openSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';

/*
 * What client-sync leaves on disk holds customers' personal data (the state store's snapshots, the
 * reports, the sandbox's accounts) or points at credentials (the config): readable by its owner only,
 * whatever the umask. Files and directories that exist already keep the modes their owner gave them.
 */

/** Mode of the files client-sync creates: read and write for the owner only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode of the directories client-sync creates: the owner only. */
export const PRIVATE_DIR_MODE = 0o700;

/** Creates `directory` and its missing parents, owner-only. */
export async function mkdirPrivate(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Creates `directory` and its missing parents, owner-only (synchronously, for the SQLite store). */
export function mkdirPrivateSync(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Creates `file` empty and owner-only if it is not there (SQLite then gives its -wal and -shm files the same mode). */
export function touchPrivateSync(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
}
