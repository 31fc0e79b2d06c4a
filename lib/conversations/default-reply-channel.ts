export type ReplyChannel = "email" | "sms";

/**
 * The channel a rep's reply starts on: SMS when the customer has a phone and their latest message came by SMS,
 * else e-mail; SMS when e-mail is impossible (no address).
 */
export function defaultReplyChannel(input: {
  canEmail: boolean;
  canSms: boolean;
  messages: readonly { direction: string; channel: string }[];
}): ReplyChannel {
  const lastFromCustomer = input.messages.findLast((m) => m.direction === "inbound");
  if (input.canSms && (lastFromCustomer?.channel === "sms" || !input.canEmail)) return "sms";
  return input.canEmail ? "email" : "sms";
}
