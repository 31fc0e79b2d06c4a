// POST /api/settings/logo – upload the dealership's logo (admins; multipart with a `logo` file field, or the raw
// image as the body). A route handler rather than a server action: a server action's body is read and parsed by
// Next before our code runs, while here the edge's byte-capped reader answers 413 for a body over 2 MB (plus the
// multipart envelope) before it is held in memory, and the session and role are checked before the body is read.
import { ROLES_ADMIN } from "@/lib/auth/permissions";
import { LOGO_MAX_BYTES, storeDealershipLogo } from "@/lib/dealerships/store-dealership-logo";
import { readFileUpload } from "@/lib/edge/read-file-upload";
import { json } from "@/lib/edge/responses";
import { withApiAuth } from "@/lib/edge/with-api-auth";
import { AppError } from "@/lib/errors";

export const POST = withApiAuth(
  async ({ req, principal }) => {
    if (!("userId" in principal)) throw new AppError("forbidden", "Your role does not allow this");
    const file = await readFileUpload(req, { field: "logo", maxFileBytes: LOGO_MAX_BYTES });
    const logo = await storeDealershipLogo(principal, file);
    return json(
      { logo_url: logo.logoUrl, width: logo.width, height: logo.height, bytes: logo.bytes },
      { status: 201 },
    );
  },
  { roles: ROLES_ADMIN, allowApiKey: false },
);
