// POST /api/conversations – a person's (or an API client's) message to the lead's customer by e-mail or SMS, sent
// through the mailer / SMS ports like the dashboard's reply box. 404 when the lead is another dealership's.
import { ROLES_ALL } from "@/lib/auth/permissions";
import { sendManualReply } from "@/lib/conversations/send-manual-reply";
import { parseJsonBody } from "@/lib/edge/parse-json-body";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { leadActorOf } from "@/lib/leads/lead-actor";
import { conversationPostInput } from "@/lib/leads/schemas";

export const POST = withApiAuth(
  async ({ req, principal }) => {
    const input = await parseJsonBody(req, conversationPostInput);
    const message = await sendManualReply(leadActorOf(principal), {
      leadId: input.lead_id,
      channel: input.channel,
      subject: input.subject,
      body: input.message_content,
    });
    return json({ conversation_id: message.id, delivery_status: message.deliveryStatus }, { status: 201 });
  },
  { roles: ROLES_ALL, allowApiKey: true },
);
