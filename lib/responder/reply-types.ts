import type { LeadFacts } from "./lead-facts.ts";
import type { StockSearch } from "./search-stock.ts";
import type { BusinessHours, SpecialDay } from "../../db/schema/dealerships.ts";
import type { LeadSource } from "../../db/schema/enums.ts";

/** A car from the dealership's own inventory, as the responders may cite it. */
export type ReplyVehicle = {
  id: string;
  make: string;
  model: string;
  variant: string | null;
  year: number | null;
  /** Whole NOK. */
  priceNok: number | null;
  mileageKm: number | null;
  fuelType: string | null;
  transmission: string | null;
  status: "available" | "reserved" | "sold";
  listingUrl: string | null;
  /** Attribute codes (db/schema/enums.ts) the stock search ranks by; absent or null when unknown. */
  bodyType?: string | null;
  drivetrain?: string | null;
  seats?: number | null;
  rangeKm?: number | null;
  towbar?: boolean | null;
};

export type LeadIntent =
  | "test_drive"
  | "price"
  | "availability"
  | "trade_in"
  | "financing"
  /** Service, EU-kontroll, workshop, tyre change: the customer has a car already and needs the service desk. */
  | "service"
  /** The customer asks to be called, maybe in a time window ("etter kl. 18"). */
  | "callback"
  /** The customer asks not to be contacted: no sales reply is sent. */
  | "opt_out"
  | "complaint"
  | "reservation"
  | "delivery"
  | "general";

/** Everything a responder may know when it drafts the first reply to a lead. Built by the workflow. */
export type ReplyContext = {
  dealership: {
    name: string;
    phone: string | null;
    email: string;
    address: string | null;
    city: string | null;
    /** IANA zone, e.g. Europe/Oslo. */
    timezone: string;
    businessHours: BusinessHours;
    /** Dates whose hours differ from the week's (closed days, holidays kept open). */
    specialDays?: SpecialDay[];
    /** Norwegian public holidays count as closed unless a special day says otherwise (default true). */
    observePublicHolidays?: boolean;
    /** The dealership's own e-mail signature, if it set one. */
    signature: string | null;
    /** How the customer is addressed: "du" (default) or the formal "De". */
    addressForm?: "du" | "de";
    /** The dealership's own words for the AI (tone, facts): data in the prompt, never above the guardrails. */
    extraInstructions?: string | null;
    /** The service department's contact (Settings → Forhandler), offered when a customer asks for service. */
    serviceEmail: string | null;
    servicePhone: string | null;
  };
  lead: {
    customerName: string | null;
    vehicleInterest: string | null;
    message: string | null;
    source: LeadSource;
  };
  /** Inventory cars that match what the customer asked about, best match first (any status: a sold car is news too). */
  vehicles: ReplyVehicle[];
  /** Earlier messages on this lead, oldest first (the customer's first message is lead.message). */
  conversation: { direction: "inbound" | "outbound"; senderType: string; content: string; at: Date }[];
  /** The assigned sales rep's name, if any. */
  repName: string | null;
  now: Date;
  /** Whether the dealership is open at `now`, in its timezone. */
  openNow: boolean;
  /** When a salesperson will call, in Norwegian: "i løpet av kort tid", "i morgen fra kl. 08.00", … */
  whenWeCall: string;
  /** Closed all of today for a public holiday or a special day (its name, if any); absent on ordinary days. */
  closedToday?: { name: string | null } | null;
  /** What the lead says (readLead); read from `lead` when absent. */
  facts?: LeadFacts;
  /** The stock search for those facts (searchStock over the whole inventory); its cars are in `vehicles`. */
  stock?: StockSearch;
  /**
   * An answer to the customer's later message (issue 20), not the first reply: `lead.message` is that message and
   * `conversation` the whole thread before it.
   */
  replyTurn?: boolean;
  /** A follow-up to a lead that has not answered (issue 19): which step, and whether it is the last. */
  followUp?: { number: number; isLast: boolean };
};

/** A reply as a responder drafts it. `body` is plain text, paragraphs separated by blank lines. */
export type DraftReply = {
  subject: string;
  body: string;
  /** Ids (from ReplyContext.vehicles) of every car the reply talks about. */
  citedVehicleIds: string[];
  intent: LeadIntent;
};
