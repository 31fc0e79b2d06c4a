import { randomUUID } from "node:crypto";
import type { conversations } from "../../db/schema/conversations.ts";
import type { DraftReply } from "./reply-types.ts";

type ConversationInsert = typeof conversations.$inferInsert;

/**
 * The stored outbound message for an AI draft (first reply, reply turn, follow-up), one shape for all three: a
 * subject only on e-mail, `draft` while a person must approve it, else `pending` for the send job. The id is made
 * here so a caller can write the row and its event in one statement.
 */
export function aiMessageValues(input: {
  dealershipId: string;
  leadId: string;
  channel: ConversationInsert["channel"];
  draft: Pick<DraftReply, "subject" | "body">;
  hold: boolean;
  metadata: Record<string, unknown>;
}): ConversationInsert & { id: string } {
  return {
    id: randomUUID(),
    dealershipId: input.dealershipId,
    leadId: input.leadId,
    channel: input.channel,
    direction: "outbound",
    sender: "AI",
    senderType: "ai",
    subject: input.channel === "email" ? input.draft.subject : null,
    messageContent: input.draft.body,
    deliveryStatus: input.hold ? "draft" : "pending",
    metadata: input.metadata,
  };
}
