// npm run example:site — a dealer's website on http://localhost:4000 with the Norvalt form snippet for the demo
// dealership, so a submission can be followed into the dashboard (run `npm run demo` alongside).
import "./lib/load-env-files.ts";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { parseEnv } from "../env.ts";
import { buildFormSnippet } from "../lib/dealerships/build-form-snippet.ts";
import { PROJECT_ROOT } from "./lib/postgres.ts";

const env = parseEnv(process.env);
const port = env.EXAMPLE_SITE_PORT;
const endpoint = new URL(`/api/webhooks/form/${env.NORVALT_DEMO_FORM_KEY}`, env.APP_URL).toString();
const page = readFileSync(join(PROJECT_ROOT, "examples/dealer-site/index.html"), "utf8").replace(
  "{{NORVALT_FORM}}",
  buildFormSnippet(endpoint),
);

createServer((req, res) => {
  if (req.url !== "/" && req.url !== "/index.html") {
    res.writeHead(404).end("Not found");
    return;
  }
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
})
  .once("error", (err) => {
    console.error(`example:site: ${err.message} (set EXAMPLE_SITE_PORT=…)`);
    process.exit(1);
  })
  .listen(port, () => console.log(`Example dealer site on http://localhost:${port} → posts to ${endpoint}`));
