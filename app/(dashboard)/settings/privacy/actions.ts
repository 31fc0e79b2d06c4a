"use server";

import { revalidatePath } from "next/cache";
import { ROLES_PRIVACY_ADMIN, ROLES_VIEW_PERSON } from "@/lib/auth/permissions";
import { tenantAction } from "@/lib/auth/tenant-action";
import { erasePerson } from "@/lib/privacy/erase-person";
import { getPersonView } from "@/lib/privacy/get-person-view";
import { requestDealershipExport } from "@/lib/privacy/request-dealership-export";
import { requestPersonExport } from "@/lib/privacy/request-person-export";
import { retryPrivacyRequest } from "@/lib/privacy/retry-privacy-request";
import {
  dealershipExportInput,
  privacyRequestIdInput,
  privacySubjectInput,
  retentionSettingsInput,
} from "@/lib/privacy/schemas";
import { updateRetentionSettings } from "@/lib/privacy/update-retention-settings";

export const findPersonAction = tenantAction(
  privacySubjectInput,
  (input, session) => getPersonView(session, input),
  {
    roles: ROLES_VIEW_PERSON,
  },
);

export const requestExportAction = tenantAction(
  privacySubjectInput,
  async (input, session) => {
    const result = await requestPersonExport(session, input);
    revalidatePath("/settings/privacy");
    return result;
  },
  { roles: ROLES_PRIVACY_ADMIN },
);

export const erasePersonAction = tenantAction(
  privacySubjectInput,
  async (input, session) => {
    const { requestId, leads } = await erasePerson(session, input);
    revalidatePath("/settings/privacy");
    return { requestId, leads };
  },
  { roles: ROLES_PRIVACY_ADMIN },
);

export const updateRetentionAction = tenantAction(
  retentionSettingsInput,
  async (input, session) => {
    await updateRetentionSettings(session, input);
    revalidatePath("/settings/privacy");
    return input;
  },
  { roles: ROLES_PRIVACY_ADMIN },
);

export const requestDealershipExportAction = tenantAction(
  dealershipExportInput,
  async (_input, session) => {
    const result = await requestDealershipExport(session);
    revalidatePath("/settings/privacy");
    return result;
  },
  { roles: ROLES_PRIVACY_ADMIN },
);

export const retryPrivacyRequestAction = tenantAction(
  privacyRequestIdInput,
  async (input, session) => {
    const result = await retryPrivacyRequest(session, input.id);
    revalidatePath("/settings/privacy");
    return result;
  },
  { roles: ROLES_PRIVACY_ADMIN },
);
