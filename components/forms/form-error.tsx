import type { ActionState } from "@/lib/auth/tenant-action";

/** The form-level error of an action state, announced to screen readers. */
export function FormError({ state }: { state: ActionState<unknown> }) {
  if (!state || state.ok) return null;
  return (
    <p
      role="alert"
      className="border-destructive/30 bg-destructive/10 text-destructive rounded-md border px-3 py-2 text-sm"
    >
      {state.error}
    </p>
  );
}
