import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PAYLOAD_HAS_ADDRESS } from "./enqueue.ts";
import { jobPayloads, type JobName } from "./job-payloads.ts";

/** The field names of a payload schema (its object shape, through a default()). */
function fieldsOf(schema: z.ZodType): string[] {
  const unwrapped = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
  return unwrapped instanceof z.ZodObject ? Object.keys(unwrapped.shape) : [];
}

describe("enqueue", () => {
  it("lists every job whose payload carries an address, so its insert is never inlined into SQL text", () => {
    const withAddress = (Object.keys(jobPayloads) as JobName[]).filter((name) =>
      fieldsOf(jobPayloads[name]).some((field) => /(email|phone|address)$/i.test(field)),
    );
    expect(withAddress.length).toBeGreaterThan(0);
    expect([...PAYLOAD_HAS_ADDRESS].sort()).toEqual(withAddress.sort());
  });
});
