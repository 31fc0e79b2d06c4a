// POST /api/webhooks/form/:formKey – website contact form (JSON, urlencoded or multipart); OPTIONS – CORS preflight.
import { findDealershipByFormKey } from "@/lib/dealerships/find-dealership-by-form-key";
import { formCorsHeaders } from "@/lib/webhooks/form-cors";
import { receiveFormSubmission } from "@/lib/webhooks/receive-form-submission";

type Context = { params: Promise<{ formKey: string }> };

export async function POST(req: Request, { params }: Context) {
  return receiveFormSubmission(req, (await params).formKey);
}

export async function OPTIONS(req: Request, { params }: Context) {
  const dealership = await findDealershipByFormKey((await params).formKey);
  return new Response(null, { status: dealership ? 204 : 404, headers: formCorsHeaders(req, dealership) });
}
