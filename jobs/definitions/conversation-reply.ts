import { answerCustomerReply } from "../../lib/conversations/answer-customer-reply.ts";
import { defineJob } from "../define-job.ts";

/** A customer wrote again: the AI drafts an answer, hands the lead to a person, or leaves it to them. */
export const conversationReply = defineJob({
  name: "conversation.reply",
  options: { retryLimit: 3, retryBackoff: true, retryDelay: 2, expireInSeconds: 90, heartbeatSeconds: 10 },
  concurrency: 4,
  handler: (job) => answerCustomerReply(job, job),
});
