import { createServer } from "node:net";

/** Fails with `message` when something already listens on the port (checked on all interfaces by default). */
export async function assertPortFree(port: number, message: string, host?: string): Promise<void> {
  await new Promise<void>((ok, fail) => {
    const server = createServer();
    server.once("error", () => fail(new Error(message)));
    server.listen(port, host, () => server.close(() => ok()));
  });
}

/** A port the OS reports free right now. */
export async function findFreePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/** Polls a health URL until it answers 2xx; `cancelled` stops the wait early (shutdown under way). */
export async function waitForHealthy(
  url: string,
  timeoutMs: number,
  cancelled: () => boolean = () => false,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !cancelled()) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!cancelled()) throw new Error(`the app did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}
