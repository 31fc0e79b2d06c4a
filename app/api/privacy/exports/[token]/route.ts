// GET /api/privacy/exports/:token – the one download of a person's export (JSON attachment). The signed token is
// the credential; it expires with the export, and the export is dropped as it is sent: a second GET is a 404.
import { getClientIp } from "@/lib/edge/client-ip";
import { errorResponse } from "@/lib/edge/responses";
import { AppError } from "@/lib/errors";
import { downloadPersonExport } from "@/lib/privacy/download-person-export";

export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const data = await downloadPersonExport((await params).token, { ip: getClientIp(req.headers) });
  if (!data)
    return errorResponse(new AppError("not_found", "Export not found, already downloaded or expired"));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="personopplysninger-${new Date().toISOString().slice(0, 10)}.json"`,
      "cache-control": "no-store",
    },
  });
}
