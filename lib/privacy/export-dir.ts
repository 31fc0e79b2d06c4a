import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { getEnv } from "../../env.ts";

/** NORVALT_EXPORT_DIR (shared by the worker that writes exports and web that serves them), or a temp folder. */
export function getExportDir(): string {
  return resolve(getEnv().NORVALT_EXPORT_DIR ?? join(tmpdir(), "norvalt-exports"));
}

/** The stored relative path of a request's zip: one folder per dealership. */
export function exportFileName(dealershipId: string, requestId: string): string {
  return `${dealershipId}/${requestId}.zip`;
}

/** The absolute path of a stored relative one; refuses anything that would leave the export folder. */
export function resolveExportPath(relative: string): string {
  const dir = getExportDir();
  const path = resolve(dir, relative);
  if (!path.startsWith(dir + sep)) throw new Error("export path outside NORVALT_EXPORT_DIR");
  return path;
}

export async function ensureExportFolder(dealershipId: string): Promise<void> {
  await mkdir(resolveExportPath(dealershipId + "/x").slice(0, -2), { recursive: true });
}
