// The one logger of web, worker and scripts: pino, JSON lines in production (one object per line on stdout, for
// the log shipper), short readable lines in development. LOG_LEVEL sets the threshold. Every line carries the
// request id, dealership id and job id of the context it was written in (log-context.ts); personal data is
// censored by key and scrubbed from strings (redact.ts).
import pino, { type DestinationStream, type Logger } from "pino";
import { getLogContext } from "./log-context.ts";
import { REDACT_PATHS, scrubText, scrubValue } from "./redact.ts";

export type { Logger };

const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

function level(): string {
  const wanted = process.env.LOG_LEVEL?.trim().toLowerCase();
  if (wanted && LEVELS.has(wanted)) return wanted;
  return process.env.NODE_ENV === "test" ? "warn" : "info";
}

/** JSON unless development (or LOG_FORMAT=pretty); LOG_FORMAT=json forces JSON anywhere. */
function wantsJson(): boolean {
  if (process.env.LOG_FORMAT === "json") return true;
  if (process.env.LOG_FORMAT === "pretty") return false;
  return process.env.NODE_ENV === "production";
}

const LEVEL_NAMES: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

/** Development: `12:03:04 INFO  web  message key=value`, synchronously to stdout (no worker thread, no pino-pretty). */
function prettyStream(): DestinationStream {
  return {
    write(line: string) {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        process.stdout.write(line);
        return;
      }
      const { time, level: lvl, msg, pid: _pid, hostname: _host, component, err, ...rest } = record;
      const clock = new Date(time as number).toISOString().slice(11, 19);
      const fields = Object.entries(rest)
        .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
        .join(" ");
      const error = err
        ? `\n  ${(err as { stack?: string; message?: string }).stack ?? (err as { message?: string }).message}`
        : "";
      const out = `${clock} ${(LEVEL_NAMES[lvl as number] ?? String(lvl)).padEnd(5)} ${component ? `[${String(component)}] ` : ""}${String(msg ?? "")}${fields ? ` ${fields}` : ""}${error}\n`;
      ((lvl as number) >= 50 ? process.stderr : process.stdout).write(out);
    },
  };
}

function createLogger(): Logger {
  return pino(
    {
      level: level(),
      base: { service: process.env.NORVALT_PROCESS_NAME ?? "norvalt" },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      // Request id, dealership id, job id of the current request or job.
      mixin: () => ({ ...getLogContext() }),
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: (e: unknown) => scrubValue(e), error: (e: unknown) => scrubValue(e) },
      hooks: {
        // Messages and string arguments are scrubbed of e-mail addresses and phone numbers.
        logMethod(args, method) {
          const scrubbed = args.map((a) =>
            typeof a === "string"
              ? scrubText(a)
              : a instanceof Error
                ? { err: scrubValue(a) }
                : scrubValue(a),
          ) as Parameters<typeof method>;
          return method.apply(this, scrubbed);
        },
      },
    },
    wantsJson() ? { write: (line: string) => void process.stdout.write(line) } : prettyStream(),
  );
}

const holder = globalThis as { __norvaltLogger?: Logger };

/** The process's logger; `component` names the part writing (db, jobs, webhook, health …). */
export function getLogger(component?: string): Logger {
  holder.__norvaltLogger ??= createLogger();
  return component ? holder.__norvaltLogger.child({ component }) : holder.__norvaltLogger;
}

/** Tests: rebuild after changing LOG_LEVEL / LOG_FORMAT. */
export function resetLogger(): void {
  holder.__norvaltLogger = undefined;
}
