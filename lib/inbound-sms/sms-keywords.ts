export type SmsKeyword = "stop" | "start" | "help";

// Only a message that is the keyword and nothing else counts, in any case ("sToP"), as Twilio matches them:
// "STOP PLEASE" or "Jeg vil ikke ha flere SMS" is a message for a person, not a keyword.
const KEYWORDS: Record<string, SmsKeyword> = {
  // Twilio's default opt-out words (Twilio blocks the number itself and answers).
  stop: "stop",
  stopall: "stop",
  unsubscribe: "stop",
  cancel: "stop",
  end: "stop",
  quit: "stop",
  revoke: "stop",
  optout: "stop",
  // Norwegian: not Twilio keywords (see tests/fixtures/twilio-inbound-sms/README.md), so we act and answer.
  stopp: "stop",
  avmeld: "stop",
  avslutt: "stop",
  // Opt back in. "YES"/"JA" are left out on purpose: in a conversation they answer our question.
  start: "start",
  unstop: "start",
  // Help.
  help: "help",
  info: "help",
  hjelp: "help",
};

/** Words Twilio handles on its own (block list and automatic answer): we record them but send no second answer. */
const TWILIO_HANDLES = new Set([
  "stop",
  "stopall",
  "unsubscribe",
  "cancel",
  "end",
  "quit",
  "revoke",
  "optout",
  "start",
  "unstop",
  "help",
  "info",
]);

/**
 * The keyword a customer's SMS is, if it is one: the whole message, trimmed, without trailing punctuation, any
 * case. Twilio's OptOutType (Advanced Opt-Out) wins when present.
 */
export function readSmsKeyword(
  body: string,
  optOutType: "STOP" | "START" | "HELP" | null = null,
): { keyword: SmsKeyword; answeredByTwilio: boolean } | null {
  const word = body
    .normalize("NFKC")
    .trim()
    .replace(/[.!?\s]+$/u, "")
    .toLowerCase();
  if (optOutType) return { keyword: optOutType.toLowerCase() as SmsKeyword, answeredByTwilio: true };
  const keyword = Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word]! : null;
  return keyword ? { keyword, answeredByTwilio: TWILIO_HANDLES.has(word) } : null;
}
