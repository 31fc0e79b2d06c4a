// Norvalt's service worker: shows the dashboard's browser notifications (new leads for me, customers' replies)
// and opens the lead when one is clicked. Nothing is cached: the dashboard is always live data.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? "/leads", self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((w) => w.url === url) ?? windows[0];
      if (open) {
        await open.focus();
        if (open.url !== url && "navigate" in open) await open.navigate(url);
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});
