// GET /api/privacy/dealership-exports/:token – the admin's dealership-wide export (zip), streamed from the file the
// job wrote. The signed token is the credential and expires with the export; every download is audited.
import { Readable } from "node:stream";
import { getClientIp } from "@/lib/edge/client-ip";
import { errorResponse } from "@/lib/edge/responses";
import { AppError } from "@/lib/errors";
import { openDealershipExport } from "@/lib/privacy/open-dealership-export";

export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const file = await openDealershipExport((await params).token, { ip: getClientIp(req.headers) });
  if (!file) return errorResponse(new AppError("not_found", "Export not found or expired"));
  return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "application/zip",
      "content-length": String(file.bytes),
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "cache-control": "no-store",
    },
  });
}
