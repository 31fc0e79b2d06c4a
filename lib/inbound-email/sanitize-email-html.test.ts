import { describe, expect, it } from "vitest";
import { buildEmailPreviewDocument, sanitizeEmailHtml } from "./sanitize-email-html.ts";

describe("sanitizeEmailHtml", () => {
  it("removes scripts, event handlers, frames, forms and javascript: links", () => {
    const html = sanitizeEmailHtml(
      `<p onclick="steal()">Hei</p><script>alert(1)</script><iframe src="https://x.example"></iframe>` +
        `<form action="https://x.example"><input name="pw"></form><a href="javascript:alert(1)">lenke</a>` +
        `<svg><script>alert(2)</script></svg><style>body{background:url(https://track.example/p.gif)}</style>`,
    );
    expect(html).toContain("<p>Hei</p>");
    expect(html).not.toMatch(/script|onclick|iframe|<form|<input|javascript:|<svg|<style|track\.example/i);
  });

  it("drops remote images (tracking pixels) but keeps inline data: images and ordinary links", () => {
    const html = sanitizeEmailHtml(
      `<img src="https://track.example/open.gif"><img src="data:image/png;base64,iVBORw0KGgo=" alt="logo">` +
        `<a href="https://www.toyota.no/bz4x">bZ4X</a>`,
    );
    expect(html).not.toContain("track.example");
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(html).toContain('href="https://www.toyota.no/bz4x"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it("wraps the result in a document whose CSP allows no network and no script", () => {
    const doc = buildEmailPreviewDocument("<p>Hei</p>");
    expect(doc).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
    expect(doc).toContain("<p>Hei</p>");
  });
});
