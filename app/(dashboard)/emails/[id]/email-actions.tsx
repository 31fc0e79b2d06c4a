"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/forms/action-button";
import { createLeadFromEmailAction, markEmailNotLeadAction, reprocessEmailAction } from "../actions";

export function EmailActions({
  emailId,
  canCreateLead,
  canIgnore,
}: {
  emailId: string;
  canCreateLead: boolean;
  canIgnore: boolean;
}) {
  const t = useTranslations("emails.actions");
  const router = useRouter();
  return (
    <div className="flex flex-wrap gap-2">
      {canCreateLead ? (
        <ActionButton
          action={createLeadFromEmailAction}
          input={{ emailId }}
          variant="default"
          label={t("createLead")}
          successText={(data) => {
            router.push(`/leads/${data.leadId}`);
            return t("leadCreated");
          }}
        />
      ) : null}
      {canIgnore ? (
        <ActionButton
          action={markEmailNotLeadAction}
          input={{ emailId }}
          variant="outline"
          label={t("notALead")}
          successText={t("ignored")}
        />
      ) : null}
      <ActionButton
        action={reprocessEmailAction}
        input={{ emailId }}
        variant="outline"
        label={t("reprocess")}
        successText={() => {
          // The job runs in the worker; look again in a moment.
          setTimeout(() => router.refresh(), 1_500);
          return t("reprocessing");
        }}
      />
    </div>
  );
}
