import { z } from "zod";

export const MAX_TEMPLATE_NAME_CHARS = 80;
export const MAX_TEMPLATE_BODY_CHARS = 2_000;
export const MAX_TEMPLATES = 100;

/** Settings → Maler: create (no id) or edit (with id) one template. */
export const replyTemplateInput = z.object({
  id: z.union([z.uuid(), z.literal("")]).optional(),
  name: z
    .string({ error: "Gi malen et navn" })
    .trim()
    .min(1, "Gi malen et navn")
    .max(MAX_TEMPLATE_NAME_CHARS, "Navnet er for langt"),
  body: z
    .string({ error: "Skriv teksten i malen" })
    .trim()
    .min(1, "Skriv teksten i malen")
    .max(MAX_TEMPLATE_BODY_CHARS, "Teksten er for lang"),
});
export type ReplyTemplateInput = z.output<typeof replyTemplateInput>;

export const replyTemplateDeleteInput = z.object({ id: z.uuid() });
