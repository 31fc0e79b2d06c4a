"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { createInvitation, revokeInvitation } from "@/lib/auth/invitations";
import { ROLES_ADMIN, ROLES_EDIT_DEALERSHIP_PROFILE, ROLES_MANAGE_TEAM } from "@/lib/auth/permissions";
import { createApiKeyInput, idInput, inviteInput } from "@/lib/auth/schemas";
import { tenantAction } from "@/lib/auth/tenant-action";
import { getEnv } from "@/env";
import { rotateFormKey } from "@/lib/dealerships/rotate-form-key";
import { removeDealershipLogo } from "@/lib/dealerships/remove-dealership-logo";
import { dealershipProfileInput } from "@/lib/dealerships/schemas";
import { updateDealershipProfile } from "@/lib/dealerships/update-dealership-profile";
import { dismissOnboarding } from "@/lib/onboarding/dismiss-onboarding";
import { formSettingsInput, updateFormSettings } from "@/lib/dealerships/update-form-settings";
import {
  emailIntakeSettingsInput,
  rotateInboundAddress,
  updateEmailIntakeSettings,
} from "@/lib/inbound-email/manage-inbound-address";
import { importRecentFacebookLeads } from "@/lib/facebook-leads/import-recent-facebook-leads";
import { retryFacebookDelivery } from "@/lib/facebook-leads/retry-facebook-delivery";
import {
  connectFacebookPage,
  connectPageInput,
  disconnectFacebookPage,
} from "@/lib/facebook-leads/manage-facebook-pages";

export const inviteMemberAction = tenantAction(
  inviteInput,
  async (input, session) => {
    const { token } = await createInvitation(session, input);
    revalidatePath("/settings/team");
    return { email: input.email, link: new URL(`/invite/${token}`, getEnv().APP_URL).toString() };
  },
  { roles: ROLES_MANAGE_TEAM },
);

export const revokeInvitationAction = tenantAction(
  idInput,
  async ({ id }, session) => {
    await revokeInvitation(session, id);
    revalidatePath("/settings/team");
    return { id };
  },
  { roles: ROLES_MANAGE_TEAM },
);

export const createApiKeyAction = tenantAction(
  createApiKeyInput,
  async ({ name }, session) => {
    const created = await createApiKey(session, name);
    revalidatePath("/settings/api-keys");
    return { name: created.name, key: created.key };
  },
  { roles: ROLES_ADMIN },
);

export const revokeApiKeyAction = tenantAction(
  idInput,
  async ({ id }, session) => {
    await revokeApiKey(session, id);
    revalidatePath("/settings/api-keys");
    return { id };
  },
  { roles: ROLES_ADMIN },
);

export const rotateFormKeyAction = tenantAction(
  z.object({}),
  async (_input, session) => {
    const formKey = await rotateFormKey(session);
    revalidatePath("/settings");
    revalidatePath("/settings/integrations");
    return { formKey };
  },
  { roles: ROLES_ADMIN },
);

export const updateFormSettingsAction = tenantAction(
  formSettingsInput,
  async (input, session) => {
    await updateFormSettings(session, input);
    revalidatePath("/settings/integrations");
    return { saved: true };
  },
  { roles: ROLES_ADMIN },
);

export const connectFacebookPageAction = tenantAction(
  connectPageInput,
  async (input, session) => {
    const page = await connectFacebookPage(session, input);
    revalidatePath("/settings/integrations");
    return { name: page.name, released: page.released };
  },
  { roles: ROLES_ADMIN },
);

export const disconnectFacebookPageAction = tenantAction(
  idInput,
  async ({ id }, session) => {
    await disconnectFacebookPage(session, id);
    revalidatePath("/settings/integrations");
    return { id };
  },
  { roles: ROLES_ADMIN },
);

export const importFacebookLeadsAction = tenantAction(
  idInput,
  async ({ id }, session) => {
    const result = await importRecentFacebookLeads(session, id);
    revalidatePath("/settings/integrations");
    return result;
  },
  { roles: ROLES_ADMIN },
);

/** "Prøv igjen" on a failed Meta delivery: a fresh fetch job (issue 24: every stored item ends in a final state). */
export const retryFacebookDeliveryAction = tenantAction(
  idInput,
  async ({ id }, session) => {
    await retryFacebookDelivery(session, id);
    revalidatePath("/settings/integrations");
    return { id };
  },
  { roles: ROLES_ADMIN },
);

export const rotateInboundAddressAction = tenantAction(
  z.object({}),
  async (_input, session) => {
    const localPart = await rotateInboundAddress(session);
    revalidatePath("/settings/integrations");
    return { localPart };
  },
  { roles: ROLES_ADMIN },
);

export const updateEmailIntakeSettingsAction = tenantAction(
  emailIntakeSettingsInput,
  async (input, session) => {
    await updateEmailIntakeSettings(session, input);
    revalidatePath("/settings/integrations");
    return { saved: true };
  },
  { roles: ROLES_ADMIN },
);

export const updateDealershipProfileAction = tenantAction(
  dealershipProfileInput,
  async (input, session) => {
    const { changed } = await updateDealershipProfile(session, input);
    revalidatePath("/settings");
    return { changed };
  },
  { roles: ROLES_EDIT_DEALERSHIP_PROFILE },
);

export const removeLogoAction = tenantAction(
  z.object({}),
  async (_input, session) => {
    const result = await removeDealershipLogo(session);
    revalidatePath("/settings");
    return result;
  },
  { roles: ROLES_EDIT_DEALERSHIP_PROFILE },
);

export const dismissOnboardingAction = tenantAction(
  z.object({}),
  async (_input, session) => {
    await dismissOnboarding(session);
    revalidatePath("/settings");
    revalidatePath("/leads");
    return { dismissed: true };
  },
  { roles: ROLES_ADMIN },
);
