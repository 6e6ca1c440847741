import "server-only";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Where uploaded files wait for their import job: `<root>/<workspaceId>/<importId>.csv`, under
 * `.data/imports` beside the embedded database by default. Files must outlive a restart (a
 * resumed job re-reads its file), so not the OS temp directory. Several app instances on
 * PostgreSQL need this directory on a shared volume.
 */
let root = path.resolve(/* turbopackIgnore: true */ process.cwd(), ".data", "imports");

export function importStoreRoot(): string {
  return root;
}

/** Tests and benchmarks point the store at a directory of their own. */
export function setImportStoreRoot(dir: string): void {
  root = path.resolve(dir);
}

const SAFE = /^[0-9a-f-]{36}$/;

export function storageKeyOf(workspaceId: string, importId: string): string {
  if (!SAFE.test(workspaceId) || !SAFE.test(importId)) throw new Error("storage keys are built from UUIDs only");
  return `${workspaceId}/${importId}.csv`;
}

export function pathOfStorageKey(key: string): string {
  const resolved = path.resolve(root, key);
  if (!resolved.startsWith(root + path.sep)) throw new Error("storage key escapes the import store");
  return resolved;
}

/** A fresh path for an upload in progress (moved into place by {@link moveIntoStore}). */
export async function incomingPath(name: string): Promise<string> {
  const dir = path.join(root, "incoming");
  await mkdir(dir, { recursive: true });
  return path.join(dir, name);
}

export async function moveIntoStore(from: string, key: string): Promise<string> {
  const to = pathOfStorageKey(key);
  await mkdir(path.dirname(to), { recursive: true });
  await rename(from, to);
  return to;
}

/** The stored file's spill (validated chunks kept for the commit pass, see fact-spill.ts). */
export function spillPathOfStorageKey(key: string): string {
  return pathOfStorageKey(key).replace(/\.csv$/, "") + ".chunks";
}

/** Removes the stored file and its spill. */
export async function removeStoredFile(key: string): Promise<void> {
  await rm(spillPathOfStorageKey(key), { force: true });
  await rm(pathOfStorageKey(key), { force: true });
}
