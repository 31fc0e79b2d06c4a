/** A group of radio buttons with its legend and the field's first error from a server action's state. */
export function RadioFieldset<Value extends string>({
  legend,
  name,
  options,
  defaultValue,
  errors,
}: {
  legend: string;
  name: string;
  options: readonly { value: Value; label: string }[];
  defaultValue: Value;
  errors?: string[];
}) {
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name={name}
            value={option.value}
            defaultChecked={defaultValue === option.value}
          />
          {option.label}
        </label>
      ))}
      {errors?.length ? <p className="text-destructive text-sm">{errors[0]}</p> : null}
    </fieldset>
  );
}
