CREATE TABLE "lead_message_terms" (
	"dealership_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"term" text collate "C" NOT NULL,
	"lead_created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lead_message_terms_lead_id_term_pk" PRIMARY KEY("lead_id","term")
);
--> statement-breakpoint
ALTER TABLE "lead_message_terms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "lead_reads" (
	"dealership_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_reads_user_id_lead_id_pk" PRIMARY KEY("user_id","lead_id")
);
--> statement-breakpoint
ALTER TABLE "lead_reads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "lead_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealership_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"due_at" timestamp with time zone NOT NULL,
	"assigned_to" uuid,
	"created_by" uuid,
	"done_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lead_tasks_kind_check" CHECK ("lead_tasks"."kind" in ('call', 'follow_up'))
);
--> statement-breakpoint
ALTER TABLE "lead_tasks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "last_inbound_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "last_outbound_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "human_responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "last_activity_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lead_message_terms" ADD CONSTRAINT "lead_message_terms_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_message_terms" ADD CONSTRAINT "lead_message_terms_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_reads" ADD CONSTRAINT "lead_reads_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_reads" ADD CONSTRAINT "lead_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_reads" ADD CONSTRAINT "lead_reads_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_tasks" ADD CONSTRAINT "lead_tasks_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_tasks" ADD CONSTRAINT "lead_tasks_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_tasks" ADD CONSTRAINT "lead_tasks_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_tasks" ADD CONSTRAINT "lead_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_message_terms_prefix_idx" ON "lead_message_terms" USING btree ("dealership_id","term","lead_created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "lead_reads_lead_idx" ON "lead_reads" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "lead_tasks_open_idx" ON "lead_tasks" USING btree ("dealership_id","lead_id","due_at") WHERE "lead_tasks"."done_at" is null;--> statement-breakpoint
CREATE INDEX "lead_tasks_assigned_idx" ON "lead_tasks" USING btree ("assigned_to") WHERE "lead_tasks"."assigned_to" is not null;--> statement-breakpoint
CREATE INDEX "lead_tasks_created_by_idx" ON "lead_tasks" USING btree ("created_by") WHERE "lead_tasks"."created_by" is not null;--> statement-breakpoint
CREATE INDEX "leads_activity_idx" ON "leads" USING btree ("dealership_id","last_activity_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "leads"."is_spam" = false;--> statement-breakpoint
CREATE INDEX "leads_activity_status_idx" ON "leads" USING btree ("dealership_id","status","last_activity_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "leads"."is_spam" = false;--> statement-breakpoint
CREATE INDEX "leads_activity_assignee_idx" ON "leads" USING btree ("dealership_id","assigned_to","last_activity_at" DESC NULLS FIRST) WHERE "leads"."is_spam" = false;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "lead_message_terms" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "lead_message_terms" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "lead_reads" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "lead_reads" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "lead_tasks" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "lead_tasks" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written:
ALTER TABLE "lead_tasks" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "lead_reads" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "lead_message_terms" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- A new lead's customer wrote at created_at, and that is its latest activity, unless the writer says otherwise
-- (a seeded lead keeps its own past; a column default could only say "now").
CREATE FUNCTION leads_fill_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.last_inbound_at := coalesce(NEW.last_inbound_at, NEW.created_at);
  NEW.last_activity_at := coalesce(NEW.last_activity_at, NEW.last_inbound_at);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER leads_fill_activity BEFORE INSERT ON leads
  FOR EACH ROW EXECUTE FUNCTION leads_fill_activity();--> statement-breakpoint

-- The words of a customer's message for the inbox search, split as lead_search_terms_of() splits names; at most
-- the first 4000 characters and 300 distinct words of a message.
CREATE FUNCTION lead_message_terms_of(body text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT DISTINCT left(t, 100) FROM regexp_split_to_table(lower(left(coalesce(body, ''), 4000)), '[^[:alnum:]]+') AS t
   WHERE length(t) >= 2 LIMIT 300
$$;--> statement-breakpoint

-- Every writer of a message (ingest, e-mail replies, the responder, manual replies) keeps the lead's next-action
-- inputs current: the customer's latest message moves the lead up the inbox (last_activity_at) and makes it
-- "Trenger svar" until we write back; a message of ours that goes out (AI or person) or is on its way counts as
-- the answer; the first person's message is the human first response. Statement-level: a bulk insert is one pass.
-- The WHERE keeps the ingest hot path from rewriting the lead row it just inserted.
CREATE FUNCTION conversations_track_lead_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE leads l SET
    last_inbound_at = greatest(l.last_inbound_at, m.inbound_at),
    last_activity_at = greatest(l.last_activity_at, m.inbound_at),
    last_outbound_at = greatest(l.last_outbound_at, m.outbound_at),
    human_responded_at = coalesce(l.human_responded_at, m.human_at)
  FROM (
    SELECT lead_id, dealership_id,
           max(created_at) FILTER (WHERE direction = 'inbound') AS inbound_at,
           max(created_at) FILTER (WHERE direction = 'outbound' AND sender_type IN ('ai', 'human')
                                     AND delivery_status IN ('pending', 'queued', 'held', 'sent', 'delivered')) AS outbound_at,
           min(created_at) FILTER (WHERE direction = 'outbound' AND sender_type = 'human'
                                     AND delivery_status IN ('pending', 'queued', 'held', 'sent', 'delivered')) AS human_at
      FROM new_messages GROUP BY lead_id, dealership_id
  ) m
  WHERE l.id = m.lead_id AND l.dealership_id = m.dealership_id
    AND (m.inbound_at > l.last_inbound_at
         OR m.outbound_at > coalesce(l.last_outbound_at, '-infinity')
         OR (m.human_at IS NOT NULL AND l.human_responded_at IS NULL));
  INSERT INTO lead_message_terms (dealership_id, lead_id, term, lead_created_at)
  SELECT n.dealership_id, n.lead_id, t.term, l.created_at
    FROM new_messages n
    JOIN leads l ON l.id = n.lead_id AND l.dealership_id = n.dealership_id
   CROSS JOIN LATERAL lead_message_terms_of(n.message_content) AS t(term)
   WHERE n.direction = 'inbound'
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER conversations_track_lead_activity AFTER INSERT ON conversations
  REFERENCING NEW TABLE AS new_messages FOR EACH STATEMENT EXECUTE FUNCTION conversations_track_lead_activity();--> statement-breakpoint

-- An approved draft (draft → pending) is our answer from the moment it goes out.
CREATE FUNCTION conversations_track_lead_outbound() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE leads SET last_outbound_at = greatest(last_outbound_at, now()),
                   human_responded_at = CASE WHEN NEW.sender_type = 'human' THEN coalesce(human_responded_at, now())
                                             ELSE human_responded_at END
   WHERE id = NEW.lead_id AND dealership_id = NEW.dealership_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER conversations_track_lead_outbound AFTER UPDATE OF delivery_status ON conversations
  FOR EACH ROW WHEN (NEW.direction = 'outbound' AND NEW.sender_type IN ('ai', 'human')
                     AND OLD.delivery_status = 'draft' AND NEW.delivery_status IN ('pending', 'queued', 'sent'))
  EXECUTE FUNCTION conversations_track_lead_outbound();--> statement-breakpoint

-- Backfill, with FORCE lifted for this transaction only (as in 0007: the owner would see no rows).
ALTER TABLE leads NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE conversations NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE lead_message_terms NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE leads l SET
  last_inbound_at = greatest(l.created_at, m.inbound_at),
  last_activity_at = greatest(l.created_at, m.inbound_at),
  last_outbound_at = m.outbound_at,
  human_responded_at = m.human_at
FROM leads l2
LEFT JOIN LATERAL (
  SELECT max(c.created_at) FILTER (WHERE c.direction = 'inbound') AS inbound_at,
         max(c.created_at) FILTER (WHERE c.direction = 'outbound' AND c.sender_type IN ('ai', 'human')
                                     AND c.delivery_status IN ('pending', 'queued', 'held', 'sent', 'delivered')) AS outbound_at,
         min(c.created_at) FILTER (WHERE c.direction = 'outbound' AND c.sender_type = 'human'
                                     AND c.delivery_status IN ('pending', 'queued', 'held', 'sent', 'delivered')) AS human_at
    FROM conversations c WHERE c.lead_id = l2.id
) m ON true
WHERE l2.id = l.id;--> statement-breakpoint
INSERT INTO lead_message_terms (dealership_id, lead_id, term, lead_created_at)
SELECT c.dealership_id, c.lead_id, t.term, l.created_at
  FROM conversations c
  JOIN leads l ON l.id = c.lead_id
 CROSS JOIN LATERAL lead_message_terms_of(c.message_content) AS t(term)
 WHERE c.direction = 'inbound'
ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE leads FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE lead_message_terms FORCE ROW LEVEL SECURITY;
