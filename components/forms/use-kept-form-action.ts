"use client";

import { startTransition, useActionState } from "react";
import type { ActionState } from "@/lib/auth/tenant-action";

/**
 * useActionState for a form whose fields must survive the submit. React resets a `<form action={…}>` after every
 * action, which leaves controlled inputs showing their default (a radio back on "email" while state says "sms",
 * a select on the old status, an e-mail field emptied after a wrong password). Submitting through onSubmit in a
 * transition runs the same action without that reset; the form clears fields itself when it wants to.
 */
export function useKeptFormAction<R>(
  action: (previous: ActionState<R>, data: FormData) => Promise<ActionState<R>>,
) {
  const [state, dispatch, pending] = useActionState(action, null);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };
  return { state, onSubmit, pending };
}
