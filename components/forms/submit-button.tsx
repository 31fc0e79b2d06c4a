"use client";

import { useFormStatus } from "react-dom";
import { Button } from "@/components/ui/button";

/** A submit button that is busy while its form's action runs (`pending` for forms submitted via onSubmit). */
export function SubmitButton({
  children,
  pending,
  ...props
}: React.ComponentProps<typeof Button> & { pending?: boolean }) {
  const status = useFormStatus();
  const busy = pending ?? status.pending;
  return (
    <Button type="submit" disabled={busy} aria-busy={busy} {...props}>
      {children}
    </Button>
  );
}
