import { cn } from "@/lib/cn";

/** A labelled native <select>: posts with a plain form, works on phones' own pickers, no JavaScript needed. */
export function NativeSelect({
  label,
  errors,
  className,
  children,
  ...select
}: React.ComponentProps<"select"> & { label: string; errors?: string[] }) {
  const id = select.id ?? `field-${select.name}`;
  return (
    <div className={cn("grid gap-1 text-sm", className)}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className="border-input focus-visible:border-ring focus-visible:ring-ring/50 aria-invalid:border-destructive h-9 rounded-md border bg-transparent px-2 text-base shadow-xs outline-none focus-visible:ring-[3px] md:text-sm"
        {...select}
      >
        {children}
      </select>
      {errors?.length ? (
        <p id={`${id}-error`} className="text-destructive text-sm">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}
