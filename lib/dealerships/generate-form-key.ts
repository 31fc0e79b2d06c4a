import { randomBytes } from "node:crypto";

/** Public form key for the website webhook URL: unguessable, URL-safe, rotatable. */
export function generateFormKey(): string {
  return `fk-${randomBytes(12).toString("hex")}`;
}

export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/æ/g, "ae")
      .replace(/ø/g, "o")
      .replace(/å/g, "a")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 48) || "forhandler"
  );
}
