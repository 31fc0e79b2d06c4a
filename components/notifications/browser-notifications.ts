"use client";

/*
 * Browser notifications, opted into per device: the choice lives in this browser (localStorage), the permission
 * with the browser, and notifications are shown through the service worker (/sw.js) so a click opens the lead
 * even from a closed tab, and so they work in an installed PWA on a phone.
 */

const OPT_IN_KEY = "norvalt:browser-notifications";
export const OPT_IN_CHANGED = "norvalt:browser-notifications-changed";

export type NotificationSupport = "unsupported" | "denied" | "off" | "on";

export function notificationSupport(): NotificationSupport {
  if (typeof window === "undefined" || !("Notification" in window) || !("serviceWorker" in navigator))
    return "unsupported";
  if (Notification.permission === "denied") return "denied";
  return Notification.permission === "granted" && localStorage.getItem(OPT_IN_KEY) === "on" ? "on" : "off";
}

export function registerServiceWorker(): Promise<ServiceWorkerRegistration | null> {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return Promise.resolve(null);
  return navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => null);
}

/** Asks the browser for permission (it must follow a click) and remembers the choice for this device. */
export async function turnOnBrowserNotifications(): Promise<NotificationSupport> {
  if (notificationSupport() === "unsupported") return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission === "granted") {
    await registerServiceWorker();
    localStorage.setItem(OPT_IN_KEY, "on");
  }
  window.dispatchEvent(new Event(OPT_IN_CHANGED));
  return notificationSupport();
}

export function turnOffBrowserNotifications() {
  localStorage.removeItem(OPT_IN_KEY);
  window.dispatchEvent(new Event(OPT_IN_CHANGED));
}

export async function showBrowserNotification(
  title: string,
  options: { body: string; url: string; tag: string },
) {
  if (notificationSupport() !== "on") return;
  const registration =
    (await navigator.serviceWorker.getRegistration("/")) ?? (await registerServiceWorker());
  const init: NotificationOptions = {
    body: options.body,
    tag: options.tag,
    icon: "/icons/icon-192.png",
    badge: "/icons/badge-96.png",
    data: { url: options.url },
  };
  if (registration) await registration.showNotification(title, init);
  else new Notification(title, init);
}
