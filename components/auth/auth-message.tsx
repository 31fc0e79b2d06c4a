import Link from "next/link";

/** The end state of an auth link: one message (an alert when something is wrong) and where to go next. */
export function AuthMessage({
  message,
  href,
  linkText,
  alert,
}: {
  message: string;
  href: string;
  linkText: string;
  alert?: boolean;
}) {
  return (
    <div className="grid gap-4">
      <p role={alert ? "alert" : "status"} className="text-sm">
        {message}
      </p>
      <Link className="text-primary text-sm underline" href={href}>
        {linkText}
      </Link>
    </div>
  );
}
