CREATE TABLE "follow_up_rules" (
	"dealership_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"steps" jsonb NOT NULL,
	"after_last" text DEFAULT 'lost' NOT NULL,
	"close_after_days" integer DEFAULT 7 NOT NULL,
	"max_per_lead" integer DEFAULT 3 NOT NULL,
	"approval_hours" integer DEFAULT 24 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_up_rules_after_last_check" CHECK ("follow_up_rules"."after_last" in ('lost', 'none'))
);
--> statement-breakpoint
ALTER TABLE "follow_up_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dealership_id" uuid NOT NULL,
	"lead_id" uuid NOT NULL,
	"kind" text DEFAULT 'message' NOT NULL,
	"step" integer NOT NULL,
	"channel" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"stop_reason" text,
	"conversation_id" uuid,
	"consent_basis" text,
	"expires_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_ups_kind_check" CHECK ("follow_ups"."kind" in ('message', 'close')),
	CONSTRAINT "follow_ups_channel_check" CHECK ("follow_ups"."channel" in ('email', 'sms')),
	CONSTRAINT "follow_ups_status_check" CHECK ("follow_ups"."status" in ('scheduled', 'queued', 'drafting', 'sending', 'awaiting_approval', 'sent', 'cancelled', 'skipped', 'expired', 'done')),
	CONSTRAINT "follow_ups_consent_basis_check" CHECK ("follow_ups"."consent_basis" in ('service_inquiry', 'marketing_consent'))
);
--> statement-breakpoint
ALTER TABLE "follow_ups" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "follow_ups_off" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "follow_up_rules" ADD CONSTRAINT "follow_up_rules_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_dealership_id_dealerships_id_fk" FOREIGN KEY ("dealership_id") REFERENCES "public"."dealerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_lead_id_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_ups_due_idx" ON "follow_ups" USING btree ("due_at") WHERE "follow_ups"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX "follow_ups_lead_idx" ON "follow_ups" USING btree ("dealership_id","lead_id","step");--> statement-breakpoint
CREATE INDEX "follow_ups_dealership_due_idx" ON "follow_ups" USING btree ("dealership_id","due_at") WHERE "follow_ups"."status" in ('scheduled', 'queued', 'awaiting_approval');--> statement-breakpoint
CREATE UNIQUE INDEX "follow_ups_lead_step_uq" ON "follow_ups" USING btree ("lead_id","kind","step");--> statement-breakpoint
CREATE INDEX "follow_ups_conversation_idx" ON "follow_ups" USING btree ("conversation_id") WHERE "follow_ups"."conversation_id" is not null;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "follow_up_rules" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "follow_up_rules" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "follow_ups" AS PERMISSIVE FOR ALL TO public USING (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid) WITH CHECK (dealership_id = nullif(current_setting('app.dealership_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "system_access" ON "follow_ups" AS PERMISSIVE FOR ALL TO "norvalt_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- hand-written:
-- RLS must also bind the table owner (as in 0001_force_rls).
ALTER TABLE "follow_up_rules" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "follow_ups" FORCE ROW LEVEL SECURITY;--> statement-breakpoint

-- Follow-ups stop themselves in the transaction of whatever stops them (issue 19): a customer's message on any
-- channel, a person's message or logged call, a status change away from contacted, AI paused, a merge, the
-- "Ingen oppfølging" switch, a suppressed address, the dealership's AI turned off. Being in that transaction makes
-- the stop race-free: the sender (lib/follow-ups/send-follow-up.ts) holds the follow-up's row lock from its last
-- check until the vendor has the message, so a stop either commits first (the sender sees `cancelled` and sends
-- nothing) or waits until the message is sent (and then finds nothing open to cancel). Every writer of those
-- tables, present and future, is covered without remembering to call anything. An unsent follow-up message is
-- cancelled with its follow-up, and the timeline says why.
CREATE FUNCTION stop_follow_ups(p_dealership uuid, p_leads uuid[], p_reason text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  WITH stopped AS (
    UPDATE follow_ups SET status = 'cancelled', stop_reason = p_reason, updated_at = now()
     WHERE dealership_id = p_dealership AND lead_id = ANY (p_leads)
       AND status IN ('scheduled', 'queued', 'drafting', 'sending', 'awaiting_approval')
    RETURNING lead_id, conversation_id, kind
  ), unsent AS (
    UPDATE conversations c SET delivery_status = 'cancelled', delivery_error = 'follow_up_stopped'
      FROM stopped s
     WHERE c.id = s.conversation_id AND c.dealership_id = p_dealership
       AND c.delivery_status IN ('draft', 'pending', 'held', 'failed')
  )
  INSERT INTO lead_events (dealership_id, lead_id, type, actor_type, data)
  SELECT p_dealership, lead_id, 'follow_up.stopped', 'system',
         jsonb_build_object('reason', p_reason, 'count', count(*))
    FROM stopped WHERE kind = 'message' GROUP BY lead_id;
END $$;--> statement-breakpoint

-- Named to fire after conversations_track_lead_activity (same event, alphabetical order), so both take the lead's
-- row lock before the follow-ups' — the order the sender takes them in.
CREATE FUNCTION conversations_track_lead_follow_ups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT dealership_id,
                  array_agg(DISTINCT lead_id) FILTER (WHERE direction = 'inbound') AS replied,
                  array_agg(DISTINCT lead_id) FILTER (WHERE direction = 'outbound' AND sender_type = 'human') AS manual
             FROM new_messages
            WHERE direction = 'inbound' OR (direction = 'outbound' AND sender_type = 'human')
            GROUP BY dealership_id
  LOOP
    IF r.replied IS NOT NULL THEN PERFORM stop_follow_ups(r.dealership_id, r.replied, 'customer_replied'); END IF;
    IF r.manual IS NOT NULL THEN PERFORM stop_follow_ups(r.dealership_id, r.manual, 'manual_message'); END IF;
  END LOOP;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER conversations_track_lead_follow_ups AFTER INSERT ON conversations
  REFERENCING NEW TABLE AS new_messages FOR EACH STATEMENT EXECUTE FUNCTION conversations_track_lead_follow_ups();--> statement-breakpoint

CREATE FUNCTION lead_events_stop_follow_ups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT dealership_id, array_agg(DISTINCT lead_id) AS ids FROM new_events
            WHERE type = 'call.logged' GROUP BY dealership_id
  LOOP
    PERFORM stop_follow_ups(r.dealership_id, r.ids, 'call_logged');
  END LOOP;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER lead_events_stop_follow_ups AFTER INSERT ON lead_events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION lead_events_stop_follow_ups();--> statement-breakpoint

CREATE FUNCTION leads_stop_follow_ups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stop_follow_ups(NEW.dealership_id, ARRAY[NEW.id],
    CASE WHEN NEW.duplicate_of_lead_id IS NOT NULL AND OLD.duplicate_of_lead_id IS NULL THEN 'merged'
         WHEN NEW.follow_ups_off AND NOT OLD.follow_ups_off THEN 'switched_off'
         WHEN NEW.ai_paused AND NOT OLD.ai_paused THEN 'ai_paused'
         ELSE 'status_changed' END);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER leads_stop_follow_ups AFTER UPDATE ON leads
  FOR EACH ROW WHEN ((NEW.status IS DISTINCT FROM OLD.status AND NEW.status <> 'contacted')
                     OR (NEW.ai_paused AND NOT OLD.ai_paused)
                     OR (NEW.follow_ups_off AND NOT OLD.follow_ups_off)
                     OR (NEW.duplicate_of_lead_id IS NOT NULL AND OLD.duplicate_of_lead_id IS NULL))
  EXECUTE FUNCTION leads_stop_follow_ups();--> statement-breakpoint

CREATE FUNCTION suppressions_stop_follow_ups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  SELECT array_agg(l.id) INTO ids FROM leads l
   WHERE l.dealership_id = NEW.dealership_id
     AND ((NEW.channel = 'email' AND l.email_normalized = lower(NEW.address))
          OR (NEW.channel = 'sms' AND l.phone_normalized = NEW.address))
     AND EXISTS (SELECT 1 FROM follow_ups f WHERE f.lead_id = l.id AND f.dealership_id = l.dealership_id
                   AND f.status IN ('scheduled', 'queued', 'drafting', 'sending', 'awaiting_approval'));
  IF ids IS NOT NULL THEN PERFORM stop_follow_ups(NEW.dealership_id, ids, 'suppressed'); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER suppressions_stop_follow_ups AFTER INSERT ON suppressions
  FOR EACH ROW EXECUTE FUNCTION suppressions_stop_follow_ups();--> statement-breakpoint

CREATE FUNCTION dealerships_stop_follow_ups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids uuid[];
BEGIN
  SELECT array_agg(DISTINCT lead_id) INTO ids FROM follow_ups
   WHERE dealership_id = NEW.id
     AND status IN ('scheduled', 'queued', 'drafting', 'sending', 'awaiting_approval');
  IF ids IS NOT NULL THEN PERFORM stop_follow_ups(NEW.id, ids, 'ai_off'); END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER dealerships_stop_follow_ups AFTER UPDATE OF ai_mode ON dealerships
  FOR EACH ROW WHEN (NEW.ai_mode = 'off' AND OLD.ai_mode <> 'off')
  EXECUTE FUNCTION dealerships_stop_follow_ups();
