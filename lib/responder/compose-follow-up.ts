import { toFormalAddress } from "./address-form.ts";
import { buildSignature, extractFirstName } from "./compose-built-in-reply.ts";
import { checkReply, withDisclosure, type GuardrailViolation } from "./guardrails.ts";
import { readLead } from "./read-lead.ts";
import { searchStock } from "./search-stock.ts";
import type { DraftReply, ReplyContext, ReplyVehicle } from "./reply-types.ts";

export type FollowUpDraft = DraftReply & {
  source: "builtin";
  /** A rule the draft broke (a bug, or data we cannot phrase safely): it is held for a person, never sent. */
  violations?: GuardrailViolation[];
  blocked?: boolean;
};

/**
 * A follow-up to a lead that has not answered our first reply (issue 19), written from the lead's facts, the
 * conversation and the stock as it is now: the car they asked about is still for sale → say so; sold or reserved →
 * offer the closest available cars, or only ask whether they are still looking. No prices, offers or promises; the
 * same guardrails and AI disclosure as the first reply; the last step says it is the last. Pure.
 */
export function composeFollowUp(ctx: ReplyContext, step: { number: number; isLast: boolean }): FollowUpDraft {
  const facts =
    ctx.facts ?? readLead({ vehicleInterest: ctx.lead.vehicleInterest, message: ctx.lead.message });
  const stock =
    ctx.stock ??
    searchStock(
      facts,
      { vehicleInterest: ctx.lead.vehicleInterest, message: ctx.lead.message },
      ctx.vehicles,
    );
  const context: ReplyContext = { ...ctx, facts, stock };
  const en = facts.language === "en";
  const name = extractFirstName(ctx.lead.customerName);
  const cited: ReplyVehicle[] = [];
  const lines: string[] = [en ? (name ? `Hi ${name},` : "Hi,") : name ? `Hei ${name}!` : "Hei!"];

  const named = stock.named;
  if (named?.car && named.state === "available") {
    cited.push(named.car);
    lines.push(
      en
        ? `We wrote to you a few days ago about the ${carName(named.car)}. It is still for sale, and we would be happy to show it to you.`
        : `Vi skrev til deg for noen dager siden om ${carName(named.car)}. Den er fortsatt til salgs, og vi viser den gjerne frem.`,
    );
  } else if (named && (named.state === "sold" || named.state === "reserved")) {
    const alternatives = stock.matches.slice(0, 3).map((m) => m.vehicle);
    const what = named.car ? carName(named.car) : named.text;
    if (alternatives.length > 0) {
      cited.push(...alternatives);
      lines.push(
        en
          ? `The ${what} you asked about is no longer available, but these cars are close to what you were looking for:`
          : `${capitalise(what)} som du spurte om, er dessverre ikke lenger tilgjengelig, men disse bilene ligner på det du var ute etter:`,
        alternatives.map((v) => `- ${carName(v)}${v.listingUrl ? ` (${v.listingUrl})` : ""}`).join("\n"),
      );
    } else {
      lines.push(
        en
          ? `The ${what} you asked about is no longer available. Are you still looking for a car?`
          : `${capitalise(what)} som du spurte om, er dessverre ikke lenger tilgjengelig. Ser du fortsatt etter bil?`,
      );
    }
  } else {
    lines.push(
      en
        ? "We wrote to you a few days ago about your inquiry, and wanted to hear whether you are still interested."
        : "Vi svarte på henvendelsen din for noen dager siden, og ville høre om du fortsatt er interessert.",
    );
  }
  lines.push(
    step.isLast
      ? en
        ? "This is the last time we write about this. Just reply to this e-mail if you would like to hear more."
        : "Dette er siste gang vi tar kontakt om dette. Svar gjerne på denne e-posten om du vil høre mer."
      : en
        ? "Just reply to this e-mail, and a salesperson will get back to you."
        : "Svar gjerne på denne e-posten, så tar en selger kontakt med deg.",
  );
  let body = [...lines, buildSignature(ctx.dealership, en ? "en" : "nb")].join("\n\n");
  let subject = en
    ? `Still interested? – ${ctx.dealership.name}`
    : named?.car && named.state === "available"
      ? `Fortsatt interessert i ${carName(named.car)}?`
      : `Fortsatt interessert? – ${ctx.dealership.name}`;
  if (!en && ctx.dealership.addressForm === "de") {
    body = toFormalAddress(body);
    subject = toFormalAddress(subject);
  }
  const reply = withDisclosure(
    { subject, body, citedVehicleIds: cited.map((v) => v.id), intent: "general" },
    context,
  );
  const verdict = checkReply(reply, context);
  return {
    ...reply,
    source: "builtin",
    ...(!verdict.ok && { blocked: true, violations: verdict.violations }),
  };
}

function carName(v: ReplyVehicle): string {
  return [v.make, v.model, v.variant, v.year ? `(${v.year})` : null].filter(Boolean).join(" ");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
