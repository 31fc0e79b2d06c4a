import sanitizeHtml from "sanitize-html";

/**
 * An e-mail's HTML made safe to show: no scripts, event handlers, forms, frames or remote resources (tracking
 * pixels would tell the sender the mail was read). The dashboard shows the result in a sandboxed iframe with a
 * CSP that blocks everything but inline styles and data: images, so this is the first of two locks.
 */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      ...sanitizeHtml.defaults.allowedTags,
      "img",
      "font",
      "center",
      "span",
      "table",
      "thead",
      "tbody",
      "tfoot",
      "tr",
      "td",
      "th",
    ],
    allowedAttributes: {
      "*": ["style", "align", "valign", "width", "height", "bgcolor", "color", "colspan", "rowspan", "dir"],
      a: ["href", "title", "target", "rel"],
      img: ["src", "alt", "width", "height"],
      font: ["face", "size", "color"],
    },
    allowedSchemes: ["http", "https", "mailto", "tel"],
    allowedSchemesByTag: { img: ["data"] },
    // A remote image loses its src above; the empty tag would only leave a broken-image icon.
    exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
    transformTags: {
      // Links open outside the sandbox, never in it.
      a: sanitizeHtml.simpleTransform("a", { target: "_blank", rel: "noopener noreferrer nofollow" }),
    },
  });
}

/** The iframe document: sanitised body under a CSP that allows no network access and no script at all. */
export function buildEmailPreviewDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"><base target="_blank"><style>body{font-family:system-ui,sans-serif;font-size:14px;margin:12px;color:#111;background:#fff}img{max-width:100%;height:auto}</style></head><body>${sanitizeEmailHtml(html)}</body></html>`;
}
