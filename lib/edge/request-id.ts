import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";
const VALID = /^[A-Za-z0-9._:@/+=-]{8,128}$/;

/** The caller's X-Request-Id (a load balancer's or the client's) when it is a sane token, else a new UUID. */
export function readRequestId(headers: Headers): string {
  const incoming = headers.get(REQUEST_ID_HEADER)?.trim();
  return incoming && VALID.test(incoming) ? incoming : randomUUID();
}
