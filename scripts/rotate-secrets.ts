// npm run secrets:rotate — re-seals stored secrets (Meta Page tokens) with the current APP_ENCRYPTION_KEY.
//
// Key rotation: 1) set the new key as APP_ENCRYPTION_KEY and the old one in APP_ENCRYPTION_KEYS_PREVIOUS, restart
// the app and the worker (both keys now open values; new ones are sealed with the new key); 2) run this; 3) remove
// the old key from APP_ENCRYPTION_KEYS_PREVIOUS. Uses DATABASE_URL, or the embedded cluster "main" when unset.
import { getLogger } from "../lib/log/logger.ts";
import "./lib/load-env-files.ts";
import { parseEnv } from "../env.ts";
import { describeError } from "./lib/describe-error.ts";
import { ensureDatabase, type DatabaseHandle } from "./lib/postgres.ts";

async function main(): Promise<number> {
  let db: DatabaseHandle | undefined;
  let closeDb: (() => Promise<void>) | undefined;
  try {
    const env = parseEnv(process.env);
    db = await ensureDatabase({ cluster: "main", port: env.NORVALT_PG_PORT, database: "norvalt" });
    process.env.DATABASE_URL = db.appUrl;
    process.env.NORVALT_PROCESS_NAME ??= "norvalt-rotate-secrets";
    const client = await import("../lib/db/client.ts");
    closeDb = client.closeDb;
    const { resealStoredSecrets } = await import("../lib/security/reseal-stored-secrets.ts");
    const result = await resealStoredSecrets((done, total) =>
      process.stdout.write(`\r[secrets:rotate] ${done}/${total} stored secrets checked …`),
    );
    process.stdout.write("\n");
    getLogger("secrets").info(
      `[secrets:rotate] ${result.resealed} of ${result.checked} re-sealed with the current key. ` +
        "The previous key can now be removed from APP_ENCRYPTION_KEYS_PREVIOUS.",
    );
    return 0;
  } catch (err) {
    getLogger("secrets").error(`secrets:rotate failed: ${describeError(err)}`);
    return 1;
  } finally {
    await closeDb?.().catch(() => {});
    await db?.stop().catch(() => {});
  }
}

process.exit(await main());
