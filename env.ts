import { z } from "zod";

// Every environment variable the app, the worker and the scripts read. Documented in .env.example.
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgres:// connection URL");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: postgresUrl.optional(),
  MIGRATION_DATABASE_URL: postgresUrl.optional(),
  /**
   * A direct (session) connection for LISTEN — the worker's job pickup and the dashboard's live stream — when
   * DATABASE_URL points at PgBouncer in transaction mode, where LISTEN does not work. Defaults to DATABASE_URL.
   */
  DATABASE_DIRECT_URL: postgresUrl.optional(),
  NORVALT_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  NORVALT_DATA_DIR: optionalString,
  /**
   * Where dealership-wide exports (zip files) are written by the worker and read by web: a directory both see
   * (compose: the `exports` volume). Default: norvalt-exports in the system's temp directory.
   */
  NORVALT_EXPORT_DIR: optionalString,
  NORVALT_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** application_name on database connections, so pg_stat_activity tells web, worker and scripts apart. */
  NORVALT_PROCESS_NAME: z.string().default("norvalt"),
  /** Named (prepared) statements for repeated queries: see lib/db/statement-cache.ts. */
  NORVALT_DB_STATEMENT_CACHE: z.enum(["on", "off"]).default("on"),
  /** Intake first (lib/jobs/intake-first.ts): a saturated web makes the worker pace itself. `off` on both sides. */
  NORVALT_INTAKE_FIRST: z.enum(["on", "off"]).default("on"),
  /** npm run bench:ingest only: POST /api/webhooks/bench-floor answers (the empty-route floor); else it is a 404. */
  NORVALT_BENCH_FLOOR_ROUTE: z.enum(["on", "off"]).default("off"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Port of `npm run example:site`. */
  EXAMPLE_SITE_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  APP_URL: z.url().default("http://localhost:3000"),
  /** Operator switch: `false` closes public sign-up (page and action refuse); invitations still work. */
  ALLOW_SIGNUP: z
    .enum(["true", "false"], "must be true or false")
    .default("true")
    .transform((v) => v === "true"),
  NORVALT_DEMO_FORM_KEY: z
    .string()
    .regex(/^[a-z0-9-]{6,64}$/, "6–64 characters a-z, 0-9 or -")
    .default("fjordbil-demo"),
  NORVALT_DEMO_API_KEY: z
    .string()
    .regex(/^nv_[A-Za-z0-9_-]{20,}$/, "must start with nv_ followed by at least 20 characters")
    .optional(),
  MAIL_FROM: z.string().default("Norvalt <no-reply@norvalt.no>"),
  NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: optionalString,
  CLERK_SECRET_KEY: optionalString,
  CLERK_JWT_KEY: optionalString,
  CLERK_WEBHOOK_SIGNING_SECRET: optionalString,
  CLERK_AUTHORIZED_PARTIES: optionalString,
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  /** json (default in production) or pretty (default otherwise): see lib/log/logger.ts. */
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  /** Who gets operator alerts (a lead waiting > 90 s for its first reply, a spike of failed jobs). */
  OPERATOR_EMAIL: z.email().optional(),
  /** OpenTelemetry: traces are exported over OTLP/HTTP to <endpoint>/v1/traces when set (README "Deploy"). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** `http/protobuf` (default) or `http/json`. */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(["http/protobuf", "http/json"]).optional(),
  /** Sentry: unexpected server errors (web and worker) are reported to this DSN when set (README "Deploy"). */
  SENTRY_DSN: z.url().optional(),
  /** Website-form rate limits: per client address and form key (plus a burst), and per form key overall. */
  FORM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  FORM_RATE_LIMIT_BURST: z.coerce.number().int().min(0).default(5),
  FORM_RATE_LIMIT_PER_FORM_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Vendor webhooks (e-mail intake, Meta): calls a minute per client address (or per source without TRUST_PROXY). */
  WEBHOOK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  /** Sign-in attempts per client address per 15 minutes (a large dealership behind one NAT may need more). */
  LOGIN_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(50),
  /** The public API: calls a minute per API key. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * Who may tell us the client's address in X-Forwarded-For: a number of proxy hops in front of the app (0: trust
   * none, the default), or a comma-separated list of the proxies' addresses / CIDR ranges (`10.0.0.0/8,
   * 2001:db8::1`), for a chain whose length varies (a CDN, then a load balancer). README "Behind a proxy".
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default("0")
    .transform((value, ctx): number | string[] => {
      if (/^\d+$/.test(value)) {
        const hops = Number(value);
        if (hops > 10) ctx.addIssue({ code: "custom", message: "at most 10 hops" });
        return hops;
      }
      const list = value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = list.filter((entry) => !/^[0-9a-fA-F:.]{2,45}(\/\d{1,3})?$/.test(entry));
      if (bad.length || list.length === 0)
        ctx.addIssue({
          code: "custom",
          message: `a hop count or a list of addresses/CIDR ranges, not ${bad.join(", ")}`,
        });
      return list;
    }),
  /** Signs unsubscribe links and per-lead reply addresses. Required in production (≥ 32 characters). */
  NORVALT_SIGNING_SECRET: z.string().min(32, "at least 32 characters").optional(),
  /** Replies to our e-mails go to reply+<token>@this domain (the e-mail intake threads them back to the lead). */
  INBOUND_EMAIL_DOMAIN: z.string().default("svar.norvalt.no"),
  /**
   * The secret in SendGrid Inbound Parse's URL for our whole inbound domain (/api/webhooks/email/inbound/<secret>):
   * mail is routed to a dealership by its recipient address. Without it only dealerships' own URLs work.
   */
  INBOUND_EMAIL_WEBHOOK_SECRET: z.string().min(24, "at least 24 characters").optional(),
  /** Claude: without a key every reply comes from the built-in Norwegian responder. */
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: z.url().optional(),
  ANTHROPIC_MODEL: z.string().default("claude-sonnet-5-5"),
  ANTHROPIC_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(20_000),
  /** Resend: without a key e-mail lands in the outbox table (Settings → Outbox). */
  RESEND_API_KEY: optionalString,
  RESEND_BASE_URL: z.url().optional(),
  RESEND_WEBHOOK_SECRET: optionalString,
  /** Twilio: without credentials SMS land in the outbox table. */
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  /** Sender: a Norwegian number or alphanumeric sender id, or a messaging service. */
  TWILIO_FROM: optionalString,
  TWILIO_MESSAGING_SERVICE_SID: optionalString,
  /** Only for tests and proxies: where the Twilio client sends its requests instead of api.twilio.com. */
  TWILIO_BASE_URL: z.url().optional(),
  /** Seals stored secrets (Meta Page tokens): 32 bytes, base64 or hex. Required in production. */
  APP_ENCRYPTION_KEY: optionalString,
  /** Earlier keys, comma-separated, still accepted for opening values until `npm run secrets:rotate`. */
  APP_ENCRYPTION_KEYS_PREVIOUS: optionalString,
  /** Meta Lead Ads: the app secret signs webhook deliveries; app id + secret enable "Connect with Facebook". */
  FACEBOOK_APP_ID: optionalString,
  FACEBOOK_APP_SECRET: optionalString,
  /** Our answer to Meta's webhook verification (hub.verify_token). */
  FACEBOOK_VERIFY_TOKEN: optionalString,
  /** Graph API base URL and version (tests point the URL at a loopback fake). */
  FACEBOOK_GRAPH_URL: z.url().default("https://graph.facebook.com"),
  FACEBOOK_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, "like v25.0")
    .default("v25.0"),
  /** Where the Meta login dialog lives (tests point it at the fake). */
  FACEBOOK_DIALOG_URL: z.url().default("https://www.facebook.com"),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Parses an environment; the error names every bad variable so start-up stops with something actionable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function isClerkEnabled(env: Env = getEnv()): boolean {
  return Boolean(env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY && env.CLERK_SECRET_KEY);
}

export function requireDatabaseUrl(env: Env = getEnv()): string {
  if (!env.DATABASE_URL) {
    throw new EnvError(
      "DATABASE_URL is not set. Start the app with `npm run dev` / `npm run demo` (embedded Postgres), or set DATABASE_URL.",
    );
  }
  return env.DATABASE_URL;
}
