"use client";

/*
 * The tab's unread count: "(3) Leads · Norvalt" in the title and a red dot with the number on the favicon. Next
 * rewrites the title on every navigation, so the prefix is re-applied whenever <title> changes.
 */

const PREFIX = /^\(\d+\+?\)\s/;
const ICON = "/icons/favicon-32.png";
let count = 0;
let observer: MutationObserver | null = null;
let baseIcon: HTMLImageElement | null = null;
let badgeHref: string | null = null;

/** After a navigation Next may put its own <title> and icon links back: put the count back on both. */
function reapply() {
  applyTitle();
  if (!badgeHref) return;
  for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]'))
    if (link.getAttribute("href") !== badgeHref) link.setAttribute("href", badgeHref);
}

function applyTitle() {
  const bare = document.title.replace(PREFIX, "");
  const wanted = count > 0 ? `(${count > 99 ? "99+" : count}) ${bare}` : bare;
  if (document.title !== wanted) document.title = wanted;
}

function iconLinks(): HTMLLinkElement[] {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')];
  if (links.length > 0) return links;
  const link = document.createElement("link");
  link.rel = "icon";
  document.head.appendChild(link);
  return [link];
}

async function drawBadge(n: number): Promise<string> {
  baseIcon ??= await new Promise<HTMLImageElement>((resolve) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => resolve(img);
    img.src = ICON;
  });
  const size = 64;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext("2d");
  if (!ctx) return ICON;
  if (baseIcon.naturalWidth) ctx.drawImage(baseIcon, 0, 0, size, size);
  ctx.fillStyle = "#dc2626";
  ctx.beginPath();
  ctx.arc(size - 20, 20, 20, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = "#fff";
  ctx.font = "bold 26px sans-serif";
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(n > 9 ? "9+" : String(n), size - 20, 21);
  return canvas.toDataURL("image/png");
}

/** Shows `n` in the title and on the favicon (0 restores both). */
export async function setUnreadBadge(n: number) {
  count = n;
  applyTitle();
  if (!observer) {
    observer = new MutationObserver(reapply);
    observer.observe(document.head, {
      subtree: true,
      childList: true,
      characterData: true,
      attributeFilter: ["href"],
    });
  }
  const href = n > 0 ? await drawBadge(n) : ICON;
  badgeHref = n > 0 ? href : null;
  for (const link of iconLinks()) link.setAttribute("href", href);
  document.documentElement.dataset.unread = String(n);
}
