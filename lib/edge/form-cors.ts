type CorsDealership = { allowedOrigins: string[] } | null;

/**
 * CORS for the website form. With no allowed origins configured any site may post (a plain HTML form can
 * anyway; CORS only decides who may read the answer). With a list, only those origins get the headers.
 */
export function formCorsHeaders(req: Request, dealership: CorsDealership): Record<string, string> {
  const origin = req.headers.get("origin");
  if (!origin || !dealership) return {};
  const allowed = dealership.allowedOrigins.length === 0 || dealership.allowedOrigins.includes(origin);
  if (!allowed) return { Vary: "Origin" };
  return {
    "Access-Control-Allow-Origin": dealership.allowedOrigins.length === 0 ? "*" : origin,
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Idempotency-Key",
    "Access-Control-Max-Age": "600",
    Vary: "Origin",
  };
}
