import type { PrivacyRequestView } from "./get-privacy-request.ts";

/** The API's view of a privacy request (snake_case, counts only: never who it was about). */
export function toPrivacyRequestJson(request: PrivacyRequestView) {
  return {
    request_id: request.id,
    kind: request.kind,
    status: request.status,
    summary: request.summary,
    created_at: request.createdAt.toISOString(),
    completed_at: request.completedAt?.toISOString() ?? null,
    expires_at: request.expiresAt?.toISOString() ?? null,
    downloaded_at: request.downloadedAt?.toISOString() ?? null,
    download_url: request.downloadUrl,
    html_url: request.htmlUrl,
    progress: request.progress,
    file_bytes: request.fileBytes,
    error: request.error,
  };
}
