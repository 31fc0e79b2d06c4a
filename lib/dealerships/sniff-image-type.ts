/** The image formats a logo may be uploaded in, decided by the file's first bytes (never its name or MIME type). */
export type LogoInputType = "image/png" | "image/jpeg";

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

/** PNG or JPEG by magic bytes; null for anything else (SVG, GIF, WebP, a renamed text file, garbage). */
export function sniffImageType(bytes: Uint8Array): LogoInputType | null {
  const startsWith = (magic: number[]) =>
    bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
  if (startsWith(PNG)) return "image/png";
  if (startsWith(JPEG)) return "image/jpeg";
  return null;
}
