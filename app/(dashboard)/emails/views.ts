import type { EmailListQuery } from "@/lib/inbound-email/schemas";

/** The e-mail list's tabs, each a filter. `triage`: uncertain mail waiting for a person's decision. */
export const EMAIL_VIEWS = {
  all: {},
  triage: { classification: "uncertain", status: "processed" },
  leads: { classification: "sales_inquiry" },
  replies: { classification: "reply" },
  ignored: { status: "ignored" },
  failed: { status: "failed" },
} as const satisfies Record<string, EmailListQuery>;

export type EmailView = keyof typeof EMAIL_VIEWS;
export const isEmailView = (value: unknown): value is EmailView =>
  typeof value === "string" && Object.hasOwn(EMAIL_VIEWS, value);
