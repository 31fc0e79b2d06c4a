import { createServer, connect, type Server, type Socket } from "node:net";

/*
 * A loopback TCP proxy in front of Postgres that behaves like PgBouncer in transaction mode for LISTEN: every query
 * works, but the server's NotificationResponse messages ('A') never reach the client, so LISTEN is silently dead.
 * It parses the backend's message stream (type byte + int32 length) and forwards everything else unchanged.
 * Assumes a plaintext connection (no SSLRequest), as the test database on loopback is.
 */
export type NotifyDroppingProxy = {
  url: string;
  /** NotificationResponses swallowed so far. */
  dropped: () => number;
  /** Pass notifications through again (a direct connection), or go back to dropping them. */
  setDropping: (on: boolean) => void;
  close: () => Promise<void>;
};

export async function startNotifyDroppingProxy(databaseUrl: string): Promise<NotifyDroppingProxy> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let dropped = 0;
  let dropping = true;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    for (const s of [client, upstream]) {
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
      s.on("close", () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    let pending = Buffer.alloc(0);
    upstream.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      const forward: Buffer[] = [];
      while (pending.length >= 5) {
        const length = pending.readInt32BE(1);
        if (pending.length < 1 + length) break;
        const message = pending.subarray(0, 1 + length);
        pending = pending.subarray(1 + length);
        if (dropping && message[0] === 0x41 /* 'A' NotificationResponse */) dropped++;
        else forward.push(message);
      }
      if (forward.length) client.write(Buffer.concat(forward));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("proxy did not bind");
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(address.port);
  return {
    url: url.toString(),
    dropped: () => dropped,
    setDropping: (on) => (dropping = on),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
