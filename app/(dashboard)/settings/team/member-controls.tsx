"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { USER_ROLES, type UserRole } from "@/db/schema/enums";
import { changeMemberRoleAction, deactivateMemberAction, reactivateMemberAction } from "./actions";

type Props = { member: { id: string; name: string; role: UserRole; isActive: boolean }; isSelf: boolean };

/** An admin's controls on one member: change the role, deactivate or reactivate. Errors show under them. */
export function MemberControls({ member, isSelf }: Props) {
  const t = useTranslations("team");
  const tRoles = useTranslations("roles");
  const [role, setRole] = useState<string>(member.role);
  const [roleState, roleAction] = useActionState(changeMemberRoleAction, null);
  const [deactivateState, deactivateAction] = useActionState(deactivateMemberAction, null);
  const [reactivateState, reactivateAction] = useActionState(reactivateMemberAction, null);
  const roleId = `role-${member.id}`;
  return (
    <div className="flex w-full flex-col gap-2 sm:w-auto sm:items-end">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-2">
          <input type="hidden" name="userId" value={member.id} />
          <input type="hidden" name="role" value={role} />
          <Select value={role} onValueChange={setRole}>
            <SelectTrigger id={roleId} className="w-40" aria-label={t("roleFor", { name: member.name })}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {USER_ROLES.map((r) => (
                <SelectItem key={r} value={r}>
                  {tRoles(r)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <SubmitButton size="sm" variant="outline" disabled={role === member.role}>
            {t("saveRole")}
          </SubmitButton>
        </form>
        {member.isActive ? (
          isSelf ? null : (
            <form
              action={deactivateAction}
              onSubmit={(e) => {
                if (!confirm(t("deactivateConfirm", { name: member.name }))) e.preventDefault();
              }}
            >
              <input type="hidden" name="userId" value={member.id} />
              <SubmitButton size="sm" variant="outline">
                {t("deactivate")}
              </SubmitButton>
            </form>
          )
        ) : (
          <form action={reactivateAction}>
            <input type="hidden" name="userId" value={member.id} />
            <SubmitButton size="sm" variant="outline">
              {t("reactivate")}
            </SubmitButton>
          </form>
        )}
      </div>
      <FormError state={roleState} />
      <FormError state={member.isActive ? deactivateState : reactivateState} />
      {roleState?.ok && roleState.data.changed ? (
        <p role="status" className="text-muted-foreground text-sm">
          {t("roleSaved")}
        </p>
      ) : null}
      {deactivateState?.ok && !member.isActive ? (
        <p role="status" className="text-muted-foreground text-sm" data-testid="deactivated-status">
          {t("deactivated", { name: member.name, count: deactivateState.data.reassigned })}
        </p>
      ) : null}
    </div>
  );
}
