// POST /api/webhooks/form/:formKey (PRD path /webhooks/form/:formKey, a rewrite) – a website contact form, as JSON,
// urlencoded or multipart. The lead is stored before the answer: JSON { lead_id, status } for fetch(), 303 to the
// thank-you page for a plain HTML form post. OPTIONS – CORS preflight.
import { findDealershipByFormKey } from "@/lib/dealerships/find-dealership-by-form-key";
import { formCorsHeaders } from "@/lib/edge/form-cors";
import { formErrorPage, thankYouRedirect, wantsHtml } from "@/lib/edge/form-answers";
import { handleWebhook } from "@/lib/edge/handle-webhook";
import { limitFormRate } from "@/lib/edge/limit-form-rate";
import { parseFormBody } from "@/lib/edge/parse-form-body";
import { readFormContext } from "@/lib/edge/read-form-context";
import { json } from "@/lib/edge/responses";
import { AppError, parseInput } from "@/lib/errors";
import { ingestLead } from "@/lib/leads/ingest-lead";
import { mapFormLead } from "@/lib/leads/map-form-lead";
import { formLeadInput } from "@/lib/leads/schemas";

type Context = { params: Promise<{ formKey: string }> };

export async function POST(req: Request, { params }: Context) {
  const { formKey } = await params;
  const html = wantsHtml(req);
  let fields: Record<string, unknown> | undefined;
  return handleWebhook(
    req,
    "form",
    async (call) => {
      const dealership = await findDealershipByFormKey(formKey);
      if (!dealership) throw new AppError("not_found", "Unknown form key");
      call.dealershipId = dealership.id;
      call.headers = formCorsHeaders(req, dealership);
      await limitFormRate(req, formKey);
      fields = await parseFormBody(req);
      call.body = JSON.stringify(fields);
      const form = parseInput(formLeadInput, fields);
      const result = await ingestLead(
        { dealershipId: dealership.id },
        mapFormLead(form, readFormContext(req, fields)),
      );
      call.leadId = result.leadId;
      return html
        ? thankYouRedirect(req, dealership)
        : json({ lead_id: result.leadId, status: result.status });
    },
    {
      // Without JavaScript: an error page that keeps what was typed, even when the failure came before the body
      // was read (a database outage at the form-key lookup).
      renderError: html
        ? async (err) =>
            formErrorPage(err, {
              action: new URL(req.url).pathname,
              fields: fields ?? (await parseFormBody(req).catch(() => undefined)),
            })
        : undefined,
    },
  );
}

export async function OPTIONS(req: Request, { params }: Context) {
  const dealership = await findDealershipByFormKey((await params).formKey);
  return new Response(null, { status: dealership ? 204 : 404, headers: formCorsHeaders(req, dealership) });
}
