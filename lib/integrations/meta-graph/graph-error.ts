/** Meta's error object (`{ error: { message, type, code, error_subcode, fbtrace_id } }`) or a transport failure. */
export class GraphError extends Error {
  /** HTTP status; null when Graph never answered (timeout, connection refused). */
  readonly status: number | null;
  readonly code: number | null;
  readonly subcode: number | null;
  constructor(
    message: string,
    status: number | null,
    code: number | null = null,
    subcode: number | null = null,
  ) {
    super(message);
    this.name = "GraphError";
    this.status = status;
    this.code = code;
    this.subcode = subcode;
  }

  /** Error 190 (OAuthException): the token expired, was revoked, or the user changed their password. */
  get isTokenError(): boolean {
    return this.code === 190 || this.code === 102;
  }

  /** Error 100 on an object read: no such object, or the token cannot see it. */
  get isUnknownObject(): boolean {
    return this.code === 100;
  }

  /** Worth trying again: no answer, a timeout, a 5xx, or Meta's throttling and "temporary" codes. */
  get isTransient(): boolean {
    if (this.status === null || this.status >= 500 || this.status === 429) return true;
    return this.code !== null && [1, 2, 4, 17, 32, 341, 613].includes(this.code);
  }
}
