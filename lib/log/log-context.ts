import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line written inside a request or a job carries: set once at the edge, read by the logger. */
export type LogContext = { requestId?: string; dealershipId?: string | null; jobId?: string; queue?: string };

// On globalThis: Next bundles this module into several server chunks, and the logger's mixin must read the same
// store that withLogContext writes, whichever chunk created the logger.
const storage = ((
  globalThis as { __norvaltLogContext?: AsyncLocalStorage<LogContext> }
).__norvaltLogContext ??= new AsyncLocalStorage<LogContext>());

/** Runs `fn` with these fields added to every log line it (and whatever it awaits) writes. */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

/** Adds fields to the current context (e.g. the dealership once the key or session is known). */
export function addLogContext(context: LogContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, context);
}

export function getLogContext(): LogContext | undefined {
  return storage.getStore();
}
