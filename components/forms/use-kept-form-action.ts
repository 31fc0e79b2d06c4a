"use client";

import { startTransition, useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/tenant-action";

/**
 * useActionState for a form whose fields must survive the submit. React resets a `<form action={…}>` after every
 * action, which leaves controlled inputs showing their default (a radio back on "email" while state says "sms",
 * a select on the old status, an e-mail field emptied after a wrong password). Submitting through onSubmit in a
 * transition runs the same action without that reset; `onSuccess` (run while rendering the new result, so it may
 * set the form's own state) is where a form clears what it wants cleared. `action` is for the form's `action` too:
 * before hydration (or without JavaScript) the browser then posts to the server action instead of sending the
 * fields in a GET query string; once hydrated, onSubmit's preventDefault keeps React from running it twice.
 */
export function useKeptFormAction<R>(
  action: (previous: ActionState<R>, data: FormData) => Promise<ActionState<R>>,
  options: { onSuccess?: (data: R) => void } = {},
) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [handled, setHandled] = useState(state);
  if (handled !== state) {
    setHandled(state);
    if (state?.ok) options.onSuccess?.(state.data);
  }
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };
  return { state, onSubmit, pending, action: dispatch };
}
