import { findDealershipByFormKey, type FormDealership } from "../dealerships/find-dealership-by-form-key.ts";
import { AppError, isAppError } from "../errors.ts";
import { getClientIp } from "../http/client-ip.ts";
import { errorResponse, fieldErrorsOf, json } from "../http/responses.ts";
import { ingestLead } from "../leads/ingest-lead.ts";
import { FORM_HONEYPOT_FIELD, formLeadInput } from "../leads/schemas.ts";
import { formCorsHeaders } from "./form-cors.ts";
import { limitFormRate } from "./limit-form-rate.ts";
import { logWebhookRequest } from "./log-webhook-request.ts";
import { parseFormBody } from "./parse-form-body.ts";

/**
 * POST /api/webhooks/form/:formKey. Stores the lead through ingestLead before answering, logs every call, and
 * answers fetch() with JSON and a plain HTML form post with a redirect to a thank-you page.
 */
export async function receiveFormSubmission(req: Request, formKey: string): Promise<Response> {
  const started = performance.now();
  const wantsHtml = (req.headers.get("accept") ?? "").includes("text/html");
  let dealership: FormDealership | null = null;
  let body: Record<string, unknown> | undefined;
  let leadId: string | null = null;
  let response: Response;
  let failure: string | null = null;
  try {
    dealership = await findDealershipByFormKey(formKey);
    if (!dealership) throw new AppError("not_found", "Unknown form key");
    await limitFormRate(formKey, getClientIp(req.headers));
    body = await parseFormBody(req);
    const parsed = formLeadInput.safeParse(body);
    if (!parsed.success)
      throw new AppError("bad_request", "Invalid fields", { fieldErrors: fieldErrorsOf(parsed.error) });
    const idempotencyKey = req.headers.get("idempotency-key")?.trim().slice(0, 200);
    const { consent_marketing: consent, ...fields } = parsed.data;
    const result = await ingestLead(dealership.id, {
      source: "website",
      name: fields.name,
      email: fields.email,
      phone: fields.phone,
      vehicleInterest: fields.vehicle_interest,
      message: fields.message,
      sourceUrl: fields.source_url || req.headers.get("referer") || undefined,
      externalId: idempotencyKey ? `idempotency:${idempotencyKey}` : undefined,
      isSpam: Boolean(body[FORM_HONEYPOT_FIELD]),
      consentMarketing: consent === true || consent === "on" || consent === "true" || consent === "1",
      metadata: { userAgent: req.headers.get("user-agent")?.slice(0, 300) },
    });
    leadId = result.leadId;
    response = wantsHtml
      ? Response.redirect(thankYouUrl(req, dealership), 303)
      : json({ lead_id: result.leadId, status: result.status });
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
    response =
      wantsHtml && isAppError(err) && err.code === "bad_request" ? formErrorPage(err) : errorResponse(err);
  }
  // A new Response: Response.redirect() has immutable headers.
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(formCorsHeaders(req, dealership))) headers.set(name, value);
  response = new Response(response.body, { status: response.status, headers });
  logWebhookRequest(req, {
    source: "form",
    dealershipId: dealership?.id,
    leadId,
    statusCode: response.status,
    durationMs: performance.now() - started,
    body: body ? JSON.stringify(body) : null,
    error: failure,
  });
  return response;
}

function thankYouUrl(req: Request, dealership: FormDealership): string {
  return (
    dealership.thankYouUrl ??
    new URL(`/takk?forhandler=${encodeURIComponent(dealership.name)}`, req.url).toString()
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Without JavaScript the browser shows this page: what was wrong, in Norwegian, and the way back. */
function formErrorPage(err: AppError): Response {
  const items = Object.values(err.fieldErrors ?? {})
    .flat()
    .map((m) => `<li>${escapeHtml(m)}</li>`)
    .join("");
  const html = `<!doctype html><html lang="nb"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Skjemaet mangler noe</title>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1>Skjemaet mangler noe</h1><ul>${items || "<li>Skjemaet kunne ikke leses.</li>"}</ul>
<p><a href="javascript:history.back()">Gå tilbake og rett opp</a></p></body></html>`;
  return new Response(html, { status: 400, headers: { "content-type": "text/html; charset=utf-8" } });
}
