// Client-safe helpers shared by the header, the phone's bottom bar and the call dialog.

export const LOG_CALL_EVENT = "norvalt:log-call";

/** Opens the call dialog (mounted once on the lead page) from any "Ring" button. */
export function openCallLog() {
  window.dispatchEvent(new Event(LOG_CALL_EVENT));
}

/** Scrolls to a part of the page and focuses a control in it (Svar → the reply box, Status → the status menu). */
export function goTo(selector: string, then?: (element: HTMLElement) => void) {
  const element = document.querySelector<HTMLElement>(selector);
  if (!element) return;
  element.scrollIntoView({ behavior: "smooth", block: "center" });
  element.focus({ preventScroll: true });
  then?.(element);
}

/** Svar by SMS: the reply form with its SMS channel chosen (when the customer has a phone). */
export function replyBySms() {
  document.querySelector<HTMLInputElement>('input[name="channel"][value="sms"]:not(:disabled)')?.click();
  goTo("#reply-body");
}
