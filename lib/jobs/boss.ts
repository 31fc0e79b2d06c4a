import { PgBoss } from "pg-boss";
import { getEnv, requireDatabaseUrl } from "../../env.ts";
import { bossClientOption } from "../db/statement-cache.ts";

export const BOSS_SCHEMA = "pgboss";

type Holder = { boss?: Promise<PgBoss> };
const holder = ((globalThis as { __norvaltBoss?: Holder }).__norvaltBoss ??= {});

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
      ...bossClientOption(getEnv().NORVALT_DB_STATEMENT_CACHE),
    });
    boss.on("error", (err) => console.error("[jobs] pg-boss error:", err.message));
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
