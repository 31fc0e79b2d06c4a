import { AppError } from "../errors.ts";

/** Reads the raw body with a size cap (413). Reads the stream itself so a lying Content-Length cannot get past it. */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  return (await readBodyBytes(req, maxBytes)).toString("utf8");
}

/** The raw body as bytes (multipart and signatures need them), with the same cap. */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Buffer> {
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) {
    throw new AppError("payload_too_large", `Body larger than ${maxBytes} bytes`);
  }
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client hung up mid-body (closed tab, load tester stopping): its fault, not ours, and nobody waits.
      throw new AppError("bad_request", "The request body was cut off");
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError("payload_too_large", `Body larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
