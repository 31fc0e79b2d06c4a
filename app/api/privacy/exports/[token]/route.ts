// GET /api/privacy/exports/:token – the one download of a person's export: the JSON attachment, or with
// `?format=html` the readable summary (printable to PDF). The signed token is the credential; it expires with the
// export, and each format is dropped as it is sent: a second GET of the same format is a 404.
import { getClientIp } from "@/lib/edge/client-ip";
import { errorResponse } from "@/lib/edge/responses";
import { AppError } from "@/lib/errors";
import { downloadPersonExport, downloadPersonExportHtml } from "@/lib/privacy/download-person-export";

const notFound = () =>
  errorResponse(new AppError("not_found", "Export not found, already downloaded or expired"));

export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const token = (await params).token;
  const meta = { ip: getClientIp(req.headers) };
  const day = new Date().toISOString().slice(0, 10);
  if (new URL(req.url).searchParams.get("format") === "html") {
    const html = await downloadPersonExportHtml(token, meta);
    if (!html) return notFound();
    return new Response(html, {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-disposition": `inline; filename="personopplysninger-${day}.html"`,
        "cache-control": "no-store",
      },
    });
  }
  const data = await downloadPersonExport(token, meta);
  if (!data) return notFound();
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="personopplysninger-${day}.json"`,
      "cache-control": "no-store",
    },
  });
}
