import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { userInfo } from "node:os";

/**
 * The browser for e2e tests: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. Playwright cannot download its own
 * browsers here, so on Debian/Ubuntu as root we install the distribution package; elsewhere we say what to do.
 */
export function ensureChromium(log: (line: string) => void = console.log): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  if (process.env.CHROMIUM_PATH)
    throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);

  const osRelease = existsSync("/etc/os-release") ? readFileSync("/etc/os-release", "utf8") : "";
  const debianLike = /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
  if (!debianLike || userInfo().uid !== 0) {
    throw new Error(
      "Chromium is needed for the e2e tests and was not found. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) " +
        "or point CHROMIUM_PATH at a Chromium/Chrome binary.",
    );
  }
  log("Chromium not found: installing Debian's chromium package (apt-get) …");
  const apt = (args: string[]) => {
    const result = spawnSync("apt-get", args, {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed with code ${result.status}`);
  };
  apt(["update", "-q"]);
  apt(["install", "-y", "-q", "--no-install-recommends", "chromium"]);
  const installed = execFileSync("sh", ["-c", "command -v chromium || true"]).toString().trim();
  if (!installed) throw new Error("apt-get installed chromium but no chromium binary is on PATH");
  return installed;
}
