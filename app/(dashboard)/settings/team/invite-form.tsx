"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { UserRole } from "@/db/schema/enums";
import { inviteMemberAction } from "../actions";

export function InviteForm({ canInviteAdmin }: { canInviteAdmin: boolean }) {
  const t = useTranslations();
  const [state, action] = useActionState(inviteMemberAction, null);
  const [role, setRole] = useState("sales_rep");
  const roles: UserRole[] = canInviteAdmin ? ["sales_rep", "manager", "admin"] : ["sales_rep", "manager"];
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">{t("settings.invite")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <form action={action} className="grid items-end gap-4 sm:grid-cols-[1fr_12rem_auto]" noValidate>
          <FormField
            label={t("settings.inviteEmail")}
            name="email"
            type="email"
            errors={state?.ok === false ? state.fieldErrors?.email : undefined}
          />
          <div className="grid gap-1.5">
            <Label htmlFor="invite-role">{t("settings.inviteRole")}</Label>
            <input type="hidden" name="role" value={role} />
            <Select value={role} onValueChange={setRole}>
              <SelectTrigger id="invite-role" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {roles.map((r) => (
                  <SelectItem key={r} value={r}>
                    {t(`roles.${r}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <SubmitButton>{t("settings.invite")}</SubmitButton>
        </form>
        <FormError state={state} />
        {state?.ok ? (
          <div role="status" className="bg-muted space-y-1 rounded-md p-3 text-sm">
            <p className="font-medium">
              {t("settings.inviteSent")}: {state.data.email}
            </p>
            <p className="text-muted-foreground">{t("settings.inviteLink")}</p>
            <code className="block break-all" data-testid="invite-link">
              {state.data.link}
            </code>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
