import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { readBodyBytes } from "./read-body.ts";
import { errorResponse } from "./responses.ts";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBodyBytes", () => {
  it("returns the body when it fits", async () => {
    expect((await readBodyBytes(post("hei"), 10)).toString()).toBe("hei");
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    await expect(readBodyBytes(post("x", { "content-length": "11" }), 10)).rejects.toMatchObject({
      code: "payload_too_large",
    });
  });

  it("stops reading a body that grows past the cap without a Content-Length", async () => {
    const stream = new ReadableStream({
      pull(controller) {
        controller.enqueue(new Uint8Array(8));
      },
    });
    await expect(readBodyBytes(post(stream), 20)).rejects.toMatchObject({ code: "payload_too_large" });
  });

  it("turns a client hanging up mid-body into a 400, not an unhandled 500", async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(4));
        controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const err = await readBodyBytes(post(stream), 1_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(errorResponse(err).status).toBe(400);
  });
});
