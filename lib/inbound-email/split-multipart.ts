import { Readable } from "node:stream";
import busboy from "busboy";
import { AppError } from "../errors.ts";

export type Multipart = {
  fields: Map<string, Buffer>;
  files: { field: string; filename: string; content: Buffer }[];
};

/** SendGrid posts up to 30 MB; one field (text, html, email) may be most of that. */
const MAX_PARTS = 200;

/**
 * Splits a multipart/form-data body into fields and files, byte-exact: field values are kept as bytes because
 * SendGrid leaves `text` and `html` in the mail's own charset (named in the `charsets` field), and raw mode's
 * `email` is a MIME message whose bytes must not be re-encoded.
 */
export async function splitMultipart(body: Buffer, contentType: string): Promise<Multipart> {
  const fields = new Map<string, Buffer>();
  const files: Multipart["files"] = [];
  await new Promise<void>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": contentType },
        // latin1 maps every byte to one char and back: the field's bytes survive untouched.
        defCharset: "latin1",
        limits: { fieldSize: body.length + 1, parts: MAX_PARTS },
      });
    } catch (err) {
      reject(new AppError("bad_request", `Malformed multipart body: ${(err as Error).message}`));
      return;
    }
    parser.on("field", (name, value) => fields.set(name, Buffer.from(value, "latin1")));
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () =>
        files.push({ field, filename: info.filename ?? "", content: Buffer.concat(chunks) }),
      );
    });
    parser.on("partsLimit", () => reject(new AppError("bad_request", "Too many multipart parts")));
    parser.on("error", (err: Error) =>
      reject(new AppError("bad_request", `Malformed multipart body: ${err.message}`)),
    );
    parser.on("close", () => resolve());
    Readable.from([body]).pipe(parser);
  });
  return { fields, files };
}
