import { AppError } from "../errors.ts";
import { readBodyBytes } from "./read-body.ts";

/** Room for the multipart boundaries and part headers around the file, on top of the file's own limit. */
const MULTIPART_OVERHEAD = 16 * 1024;

/**
 * One file from a multipart/form-data upload, or the raw body when it is not multipart. The body is read through
 * the byte-capped reader (file limit + multipart overhead): a bigger body — by Content-Length, or counted while
 * streaming when that lies or is missing — is a 413 before it is held in memory. A file part bigger than its
 * limit is a 413 too. Nothing is decided from the file's name or declared type.
 */
export async function readFileUpload(
  req: Request,
  { field, maxFileBytes }: { field: string; maxFileBytes: number },
): Promise<Buffer> {
  const rawContentType = req.headers.get("content-type") ?? "";
  const isMultipart = rawContentType.toLowerCase().includes("multipart/form-data");
  const body = await readBodyBytes(req, maxFileBytes + (isMultipart ? MULTIPART_OVERHEAD : 0));
  let file: Buffer = body;
  if (isMultipart) {
    let part: FormDataEntryValue | null;
    try {
      const form = await new Response(new Uint8Array(body), {
        headers: { "content-type": rawContentType },
      }).formData();
      part = form.get(field);
    } catch {
      throw new AppError("bad_request", "Body is not valid multipart/form-data");
    }
    if (!part || typeof part === "string")
      throw new AppError("bad_request", "Velg en fil", { fieldErrors: { [field]: ["Velg en fil"] } });
    file = Buffer.from(await part.arrayBuffer());
  }
  if (file.byteLength === 0)
    throw new AppError("bad_request", "Filen er tom", { fieldErrors: { [field]: ["Filen er tom"] } });
  if (file.byteLength > maxFileBytes)
    throw new AppError(
      "payload_too_large",
      `Filen er større enn ${Math.round(maxFileBytes / 1024 / 1024)} MB`,
    );
  return file;
}
