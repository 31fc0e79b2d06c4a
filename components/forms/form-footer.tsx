"use client";

import type { ActionState } from "@/lib/auth/tenant-action";
import { FormError } from "./form-error";
import { SubmitButton } from "./submit-button";

/**
 * The end of a settings form: the form-level error (announced), "Lagret" once the action succeeded (a status
 * message), and the save button, busy while the action runs (`pending` for forms that submit via a transition).
 */
export function FormFooter({
  state,
  savedText,
  saveLabel,
  pending,
}: {
  state: ActionState<unknown>;
  savedText: string;
  saveLabel: string;
  pending?: boolean;
}) {
  return (
    <>
      <FormError state={state} />
      {state?.ok ? (
        <p role="status" className="text-sm">
          {savedText}
        </p>
      ) : null}
      <div>
        <SubmitButton pending={pending}>{saveLabel}</SubmitButton>
      </div>
    </>
  );
}
