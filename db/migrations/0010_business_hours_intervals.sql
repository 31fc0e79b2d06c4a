ALTER TABLE "dealerships" ALTER COLUMN "business_hours" SET DEFAULT '{"mon":[{"open":"09:00","close":"17:00"}],"tue":[{"open":"09:00","close":"17:00"}],"wed":[{"open":"09:00","close":"17:00"}],"thu":[{"open":"09:00","close":"19:00"}],"fri":[{"open":"09:00","close":"17:00"}],"sat":[{"open":"10:00","close":"15:00"}],"sun":[]}'::jsonb;--> statement-breakpoint
-- Stored hours move from { mon: {open, close} | null } to { mon: [{open, close}, …] }: an object becomes a
-- one-interval list, null (closed) or a missing day an empty list, a list stays as it is (idempotent). The table
-- owner runs this; FORCE RLS is lifted for the statement only, so every dealership's row is converted.
ALTER TABLE "dealerships" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "dealerships" d SET "business_hours" = (
  SELECT jsonb_object_agg(k, CASE jsonb_typeof(d."business_hours" -> k)
    WHEN 'array' THEN d."business_hours" -> k
    WHEN 'object' THEN jsonb_build_array(d."business_hours" -> k)
    ELSE '[]'::jsonb END)
  FROM unnest(ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) AS k
)
WHERE EXISTS (
  SELECT 1 FROM unnest(ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) AS k
  WHERE jsonb_typeof(d."business_hours" -> k) IS DISTINCT FROM 'array'
);--> statement-breakpoint
ALTER TABLE "dealerships" FORCE ROW LEVEL SECURITY;
