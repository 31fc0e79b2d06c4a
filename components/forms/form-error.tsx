import type { ActionState } from "@/lib/auth/tenant-action";

/**
 * The form-level error of an action state, announced to screen readers. No tinted background: the destructive red
 * on a red tint falls under 4.5:1 (axe, issue 18's templates page); on the page background it is 4.8:1.
 */
export function FormError({ state }: { state: ActionState<unknown> }) {
  if (!state || state.ok) return null;
  return (
    <p role="alert" className="border-destructive/40 text-destructive rounded-md border px-3 py-2 text-sm">
      {state.error}
    </p>
  );
}
