// Writes the PWA and favicon icons (public/icons/*.png) from one SVG: a blue rounded square with a white "N".
// Run after changing the mark: npm run icons:generate
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import sharp from "sharp";

const OUT = resolve(import.meta.dirname, "../public/icons");
const BLUE = "#1d4ed8";

// The "N" as a path (no fonts needed), drawn in a 100×100 box.
const N = "M28 76V24h11l22 33V24h11v52H61L39 43v33z";

const svg = (options: { rounded: boolean; inset: number }) => `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="512" height="512">
  <rect width="100" height="100" rx="${options.rounded ? 22 : 0}" fill="${BLUE}"/>
  <g transform="translate(${options.inset} ${options.inset}) scale(${(100 - 2 * options.inset) / 100})">
    <path d="${N}" fill="#fff"/>
  </g>
</svg>`;

const ICONS = [
  { file: "icon-192.png", size: 192, rounded: true, inset: 0 },
  { file: "icon-512.png", size: 512, rounded: true, inset: 0 },
  // Maskable: full bleed, the mark inside the 80 % safe zone.
  { file: "maskable-512.png", size: 512, rounded: false, inset: 12 },
  { file: "apple-touch-icon.png", size: 180, rounded: false, inset: 6 },
  { file: "favicon-32.png", size: 32, rounded: true, inset: 0 },
  // Monochrome badge for Android notifications (white on transparent).
  { file: "badge-96.png", size: 96, rounded: true, inset: 0, badge: true },
];

await mkdir(OUT, { recursive: true });
for (const icon of ICONS) {
  const source =
    "badge" in icon
      ? `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="512" height="512"><path d="${N}" fill="#fff"/></svg>`
      : svg(icon);
  await sharp(Buffer.from(source)).resize(icon.size, icon.size).png().toFile(resolve(OUT, icon.file));
  console.log(`public/icons/${icon.file} ${icon.size}×${icon.size}`);
}
