import { describe, expect, it } from "vitest";
import { EnvError, isClerkEnabled, parseEnv } from "./env.ts";

describe("parseEnv", () => {
  it("reads TRUST_PROXY as a hop count or a list of proxy addresses", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(0);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: "10.0.0.0/8, 2001:db8::1" }).TRUST_PROXY).toEqual([
      "10.0.0.0/8",
      "2001:db8::1",
    ]);
    expect(() => parseEnv({ TRUST_PROXY: "yes" })).toThrow(EnvError);
    expect(() => parseEnv({ TRUST_PROXY: "11" })).toThrow(EnvError);
  });

  it("applies defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      NORVALT_PG_PORT: 54329,
      PORT: 3000,
      NORVALT_DEMO_FORM_KEY: "fjordbil-demo",
    });
    expect(isClerkEnabled(env)).toBe(false);
  });

  it("reads ALLOW_SIGNUP as a boolean switch (default open) and refuses anything but true/false", () => {
    expect(parseEnv({}).ALLOW_SIGNUP).toBe(true);
    expect(parseEnv({ ALLOW_SIGNUP: "false" }).ALLOW_SIGNUP).toBe(false);
    expect(parseEnv({ ALLOW_SIGNUP: "true" }).ALLOW_SIGNUP).toBe(true);
    expect(() => parseEnv({ ALLOW_SIGNUP: "nei" })).toThrow(/ALLOW_SIGNUP/);
  });

  it("names every invalid variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", PORT: "abc", NORVALT_DEMO_API_KEY: "short" })).toThrow(
      EnvError,
    );
    try {
      parseEnv({ DATABASE_URL: "mysql://x", PORT: "abc", NORVALT_DEMO_API_KEY: "short" });
    } catch (err) {
      const message = (err as Error).message;
      for (const name of ["DATABASE_URL", "PORT", "NORVALT_DEMO_API_KEY"]) expect(message).toContain(name);
    }
  });

  it("treats empty Clerk variables as unset and enables Clerk only with both keys", () => {
    expect(
      isClerkEnabled(parseEnv({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_x", CLERK_SECRET_KEY: "" })),
    ).toBe(false);
    expect(
      isClerkEnabled(
        parseEnv({ NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: "pk_test_x", CLERK_SECRET_KEY: "sk_test_y" }),
      ),
    ).toBe(true);
  });
});
