/**
 * The onboarding checklist (empty inbox, Settings overview, welcome e-mail), in order. Each step is ticked from
 * real state by getOnboardingChecklist, never by hand; `href` is where it is done.
 */
export const ONBOARDING_STEPS = [
  { key: "websiteForm", href: "/settings/integrations" },
  { key: "emailForwarding", href: "/settings/integrations" },
  { key: "facebook", href: "/settings/integrations" },
  { key: "inventory", href: "/vehicles" },
  { key: "reps", href: "/settings/team" },
  { key: "businessHours", href: "/settings/hours" },
  { key: "testLead", href: "/settings/ai" },
] as const;

export type OnboardingStepKey = (typeof ONBOARDING_STEPS)[number]["key"];

/** The audit action the business-hours form writes; an entry counts as "hours set" even if they equal the default. */
export const BUSINESS_HOURS_AUDIT_ACTION = "dealership.business_hours_updated";
