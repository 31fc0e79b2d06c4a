import { PgBoss } from "pg-boss";
import { getEnv, requireDatabaseUrl, type Env } from "../../env.ts";
import { POOL_IDLE_TIMEOUT_MS } from "../db/client.ts";
import { pickClientClass } from "../db/statement-cache.ts";
import { getLogger } from "../log/logger.ts";

export const BOSS_SCHEMA = "pgboss";

type Holder = { boss?: Promise<PgBoss> };
const holder = ((globalThis as { __norvaltBoss?: Holder }).__norvaltBoss ??= {});

/**
 * For `new PgBoss({ ...options, ...bossPoolOptions() })`: pg-boss's pool gets our client (named statements) and
 * idle timeout. pg-boss hands its options to pg.Pool as they are, but its types do not declare these
 * (tests/integration/statement-cache.test.ts checks that they arrive).
 */
export function bossPoolOptions(env: Pick<Env, "NORVALT_DB_STATEMENT_CACHE"> = getEnv()): object {
  return {
    Client: pickClientClass(env.NORVALT_DB_STATEMENT_CACHE),
    idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
  };
}

/**
 * A sending-only pg-boss for web processes: no maintenance, no cron, no schema changes
 * (the schema and queues are created by `npm run db:migrate` as the owner role).
 */
export function getSenderBoss(): Promise<PgBoss> {
  holder.boss ??= (async () => {
    const boss = new PgBoss({
      connectionString: requireDatabaseUrl(),
      schema: BOSS_SCHEMA,
      max: 3,
      migrate: false,
      createSchema: false,
      supervise: false,
      schedule: false,
      application_name: "norvalt-sender",
      ...bossPoolOptions(),
    });
    boss.on("error", (err) => getLogger("jobs").error({ err }, "pg-boss error"));
    await boss.start();
    return boss;
  })().catch((err) => {
    holder.boss = undefined;
    throw err;
  });
  return holder.boss;
}

export async function stopSenderBoss(): Promise<void> {
  const pending = holder.boss;
  holder.boss = undefined;
  if (pending) await (await pending).stop({ graceful: false, close: true });
}
