/**
 * True for an RFC 8058 one-click unsubscribe (a mail client acting on `List-Unsubscribe=One-Click`), which only
 * needs a 200; the unsubscribe page's own button posts an empty form and is sent back to the page. RFC 8058 allows
 * the body as application/x-www-form-urlencoded or multipart/form-data.
 */
export function isOneClickUnsubscribe(body: string): boolean {
  return (
    new URLSearchParams(body.trim()).get("List-Unsubscribe") === "One-Click" ||
    /name="?List-Unsubscribe"?[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n/i.test(body)
  );
}
