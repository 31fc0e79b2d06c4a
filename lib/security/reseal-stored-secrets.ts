import { eq } from "drizzle-orm";
import { facebookPages } from "../../db/schema/facebook.ts";
import { withSystem } from "../db/tenant.ts";
import { decryptSecret, encryptSecret, loadEncryptionKeys, needsResealing } from "./encrypt-secret.ts";

/**
 * Key rotation, step 2 (step 1: the new key in APP_ENCRYPTION_KEY, the old one in APP_ENCRYPTION_KEYS_PREVIOUS):
 * re-seals every stored secret that is not yet under the current key, one row per transaction, so the old key
 * can then be removed. Safe to run again; rows a running app writes meanwhile are sealed with the current key.
 */
export async function resealStoredSecrets(
  progress: (done: number, total: number) => void = () => {},
  keys = loadEncryptionKeys(),
): Promise<{ checked: number; resealed: number }> {
  const rows = await withSystem((tx) =>
    tx
      .select({ id: facebookPages.id, pageId: facebookPages.pageId, sealed: facebookPages.accessTokenSealed })
      .from(facebookPages),
  );
  let resealed = 0;
  for (const [i, row] of rows.entries()) {
    if (needsResealing(row.sealed, keys)) {
      const fresh = encryptSecret(decryptSecret(row.sealed, row.pageId, keys), row.pageId, keys);
      await withSystem((tx) =>
        tx.update(facebookPages).set({ accessTokenSealed: fresh }).where(eq(facebookPages.id, row.id)),
      );
      resealed++;
    }
    progress(i + 1, rows.length);
  }
  return { checked: rows.length, resealed };
}
