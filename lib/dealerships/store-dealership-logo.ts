import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import sharp, { type OutputInfo } from "sharp";
import { dealershipLogos, dealerships } from "../../db/schema/dealerships.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Session } from "../auth/session-types.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { buildLogoUrl } from "./logo-url.ts";
import { sniffImageType } from "./sniff-image-type.ts";

/** The largest logo file accepted (the edge refuses bigger bodies with 413 before reading them). */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
/** The box a logo is fitted into (never enlarged): the e-mail header shows it at 40 px high. */
export const LOGO_MAX_WIDTH = 400;
export const LOGO_MAX_HEIGHT = 160;
/** A decompression bomb (a tiny PNG claiming 100k × 100k pixels) is refused before it is decoded. */
const MAX_INPUT_PIXELS = 40_000_000;

const WRONG_TYPE = "Logoen må være en PNG- eller JPEG-fil";

/**
 * A new logo for the session's dealership (admins): PNG or JPEG by its bytes, fitted into 400×160, re-encoded as
 * PNG (which also drops metadata and anything hidden in the original), stored in `dealership_logos`, and
 * `branding.logoUrl` pointed at its public, hash-named URL.
 */
export async function storeDealershipLogo(session: Session, file: Buffer) {
  if (file.byteLength > LOGO_MAX_BYTES) throw new AppError("payload_too_large", "Logoen kan være maks 2 MB");
  const type = sniffImageType(file);
  if (!type) throw new AppError("bad_request", WRONG_TYPE, { fieldErrors: { logo: [WRONG_TYPE] } });
  let image: { data: Buffer; info: OutputInfo };
  try {
    image = await sharp(file, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize(LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT, { fit: "inside", withoutEnlargement: true })
      .png()
      .toBuffer({ resolveWithObject: true });
  } catch {
    const message = "Kunne ikke lese bildet. Last opp en gyldig PNG- eller JPEG-fil.";
    throw new AppError("bad_request", message, { fieldErrors: { logo: [message] } });
  }
  const sha256 = createHash("sha256").update(image.data).digest("hex");
  const logoUrl = buildLogoUrl(session.dealershipId, sha256);
  const logo = {
    contentType: "image/png",
    width: image.info.width,
    height: image.info.height,
    sha256,
  };
  await withTenant(session.dealershipId, async (tx) => {
    await tx
      .insert(dealershipLogos)
      .values({ dealershipId: session.dealershipId, content: image.data, ...logo })
      .onConflictDoUpdate({
        target: dealershipLogos.dealershipId,
        set: { content: image.data, ...logo, updatedAt: sql`now()` },
      });
    await tx
      .update(dealerships)
      .set({
        branding: sql`${dealerships.branding} || ${JSON.stringify({ logoUrl })}::jsonb`,
        updatedAt: sql`now()`,
      })
      .where(eq(dealerships.id, session.dealershipId));
    await recordAudit(tx, {
      dealershipId: session.dealershipId,
      actorType: "user",
      actorUserId: session.userId,
      action: "dealership.logo_updated",
      targetType: "dealership",
      targetId: session.dealershipId,
      data: { uploadedType: type, uploadedBytes: file.byteLength, bytes: image.data.byteLength, ...logo },
    });
  });
  return { logoUrl, width: logo.width, height: logo.height, bytes: image.data.byteLength };
}
