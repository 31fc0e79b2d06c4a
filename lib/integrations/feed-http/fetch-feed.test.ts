import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchFeed } from "./fetch-feed.ts";

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/to-metadata") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      return res.end();
    }
    res.end("stock_number;make\nA1;Tesla\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("fetchFeed refuses the server's own network", () => {
  it.each([
    "http://127.0.0.1:9/feed.csv",
    "http://localhost:9/feed.csv",
    "http://10.1.2.3/feed.csv",
    "http://192.168.0.10/feed.csv",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:9/feed.csv",
    "http://[::ffff:127.0.0.1]:9/feed.csv",
  ])("%s", async (url) => {
    delete process.env.NORVALT_FEED_ALLOWED_PRIVATE_HOSTS;
    await expect(fetchFeed(url)).rejects.toMatchObject({
      message: "Feeden må ligge på en offentlig adresse",
    });
  });

  it("checks every redirect hop, not only the first", async () => {
    // The test server's host is let through by name; the hop it redirects to (cloud metadata) is not.
    process.env.NORVALT_FEED_ALLOWED_PRIVATE_HOSTS = "127.0.0.1";
    const ok = await fetchFeed(`${base}/feed.csv`);
    expect(new TextDecoder().decode(ok.bytes)).toContain("Tesla");
    await expect(fetchFeed(`${base}/to-metadata`)).rejects.toMatchObject({
      message: "Feeden må ligge på en offentlig adresse",
    });
  });

  it("refuses other schemes", async () => {
    await expect(fetchFeed("file:///etc/passwd")).rejects.toMatchObject({
      message: "Feeden må være en http(s)-lenke",
    });
  });
});
