/** How much of a request body the edge reads before answering 413, per kind of request. */
export const BODY_LIMITS = {
  /** JSON bodies of the API (POST/PATCH /api/leads, /api/conversations). */
  json: 64 * 1024,
  /** A website form post: a few text fields. */
  form: 64 * 1024,
  /** Meta batches up to 1,000 changes per POST (~250 bytes each). */
  facebook: 1024 * 1024,
  /** SendGrid Inbound Parse's own limit, attachments included. */
  inboundEmail: 30 * 1024 * 1024,
  /** An .eml upload: below the 10 MB the proxy passes through unbuffered (Next's proxyClientMaxBodySize). */
  emailUpload: 10 * 1024 * 1024,
  /** Clerk's organization and membership events (svix-signed). */
  clerk: 1024 * 1024,
  /** Resend's delivery events are small; anything bigger is refused before it is read. */
  resend: 256 * 1024,
  /** Twilio's status callbacks are a few hundred bytes. */
  twilio: 64 * 1024,
  /** An RFC 8058 one-click unsubscribe or the unsubscribe page's button. */
  unsubscribe: 16 * 1024,
  /** PUT /api/vehicles/bulk: up to 1,000 cars of ~1 KB each. */
  vehicleBulk: 2 * 1024 * 1024,
  /** An inventory CSV upload: 10,000 cars are ~2 MB; a 50 MB file is refused before it is read. */
  vehicleImport: 20 * 1024 * 1024,
} as const;
