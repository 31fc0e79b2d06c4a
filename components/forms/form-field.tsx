import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type Props = React.ComponentProps<typeof Input> & {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
};

/** Label + input + field errors from a server action's state, wired for screen readers. */
export function FormField({ label, name, errors, hint, id, ...input }: Props) {
  const fieldId = id ?? `field-${name}`;
  const describedBy = errors?.length ? `${fieldId}-error` : hint ? `${fieldId}-hint` : undefined;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={fieldId}>{label}</Label>
      <Input
        id={fieldId}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {errors?.length ? (
        <p id={`${fieldId}-error`} className="text-destructive text-sm">
          {errors[0]}
        </p>
      ) : hint ? (
        <p id={`${fieldId}-hint`} className="text-muted-foreground text-xs">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
