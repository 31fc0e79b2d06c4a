import { existsSync } from "node:fs";
import { join } from "node:path";

// Scripts read .env.local and .env like Next.js does; variables already set in the shell win.
for (const file of [".env.local", ".env"]) {
  const path = join(import.meta.dirname, "../..", file);
  if (existsSync(path)) process.loadEnvFile(path);
}
