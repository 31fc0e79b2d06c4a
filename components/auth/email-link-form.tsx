"use client";

import Link from "next/link";
import { FormError } from "@/components/forms/form-error";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useKeptFormAction } from "@/components/forms/use-kept-form-action";
import type { ActionState } from "@/lib/auth/tenant-action";

/**
 * "Send me a link" before sign-in (forgot password, sign-in link): one e-mail field, then a status line in place of
 * the form once the action has answered. The page passes the action and its words (a server action is a prop).
 * A mistyped address stays in the field beside its error (React would reset a form submitted through `action`).
 */
export function EmailLinkForm({
  action: requestLink,
  labels,
}: {
  action: (
    previous: ActionState<{ sent: boolean }>,
    data: FormData,
  ) => Promise<ActionState<{ sent: boolean }>>;
  labels: { email: string; submit: string; sent: string; toSignIn: string };
}) {
  const { state, onSubmit, pending, action } = useKeptFormAction(requestLink);
  if (state?.ok)
    return (
      <p role="status" className="text-sm">
        {labels.sent}
      </p>
    );
  return (
    <form action={action} onSubmit={onSubmit} className="grid gap-4" noValidate>
      <FormError state={state} />
      <FormField
        label={labels.email}
        name="email"
        type="email"
        autoComplete="email"
        required
        errors={state?.ok === false ? state.fieldErrors?.email : undefined}
      />
      <SubmitButton className="w-full" pending={pending}>
        {labels.submit}
      </SubmitButton>
      <Link
        className="text-muted-foreground text-center text-sm underline-offset-4 hover:underline"
        href="/sign-in"
      >
        {labels.toSignIn}
      </Link>
    </form>
  );
}
