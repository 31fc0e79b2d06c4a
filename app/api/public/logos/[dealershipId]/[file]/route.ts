// GET /api/public/logos/<dealershipId>/<sha256 prefix>.png – a dealership's logo for e-mail clients: no session.
// The URL changes with the image, so it is cached for a year; an unknown id or an old hash is a 404.
import { findPublicLogo } from "@/lib/dealerships/find-public-logo";
import { json, withErrorResponse } from "@/lib/edge/responses";

export async function GET(
  _req: Request,
  context: { params: Promise<{ dealershipId: string; file: string }> },
) {
  return withErrorResponse(async () => {
    const { dealershipId, file } = await context.params;
    const hashPrefix = /^([0-9a-f]+)\.png$/.exec(file)?.[1];
    const logo = hashPrefix ? await findPublicLogo(dealershipId, hashPrefix) : null;
    if (!logo) return json({ error: "not_found", message: "Logo not found" }, { status: 404 });
    return new Response(new Uint8Array(logo.content), {
      headers: {
        "content-type": logo.contentType,
        "content-length": String(logo.content.byteLength),
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      },
    });
  });
}
