// GSM 03.38: the basic set costs one septet per character, the extension table two (escape + character).
// Norwegian æ ø å Æ Ø Å are in the basic set, so ordinary Norwegian text stays GSM-7.
const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM7_EXTENSION = new Set("^{}\\[~]|€\f");

export type SmsEncoding = "GSM-7" | "UCS-2";

/**
 * How many SMS parts a body is billed as, the way Twilio counts without "smart encoding": GSM-7 holds 160
 * septets in one part and 153 per part once concatenated; anything outside GSM-7 turns the whole message into
 * UCS-2, 70 UTF-16 units in one part and 67 per part. A character is never split across two parts.
 */
export function countSmsSegments(body: string): { segments: number; encoding: SmsEncoding } {
  const chars = Array.from(body);
  const gsm = chars.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c));
  const cost = gsm ? (c: string) => (GSM7_EXTENSION.has(c) ? 2 : 1) : (c: string) => c.length; // UTF-16 units: 2 for characters outside the BMP (emoji)
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  const total = chars.reduce((sum, c) => sum + cost(c), 0);
  const encoding: SmsEncoding = gsm ? "GSM-7" : "UCS-2";
  if (total <= single) return { segments: 1, encoding };
  let segments = 1;
  let used = 0;
  for (const c of chars) {
    if (used + cost(c) > multi) {
      segments++;
      used = 0;
    }
    used += cost(c);
  }
  return { segments, encoding };
}
