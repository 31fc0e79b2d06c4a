ALTER TABLE "lead_search_terms" DROP CONSTRAINT "lead_search_terms_dealership_id_dealerships_id_fk";
--> statement-breakpoint
ALTER TABLE "lead_message_terms" DROP CONSTRAINT "lead_message_terms_dealership_id_dealerships_id_fk";
--> statement-breakpoint
-- hand-written:
-- The hot path of every new lead (bench:ingest). Above: the search-term tables lose their dealership foreign key
-- (one check per term row; the rows go with their lead, which cascades). Below: the follow-up stop triggers stop
-- costing work where nothing can stop.

-- Only a 'call.logged' event stops follow-ups. A statement-level trigger ran (and scanned its transition table)
-- for every insert into lead_events, two per new lead; a row-level one with WHEN is not even queued for others.
DROP TRIGGER lead_events_stop_follow_ups ON lead_events;--> statement-breakpoint
CREATE OR REPLACE FUNCTION lead_events_stop_follow_ups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM stop_follow_ups(NEW.dealership_id, ARRAY[NEW.lead_id], 'call_logged');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER lead_events_stop_follow_ups AFTER INSERT ON lead_events
  FOR EACH ROW WHEN (NEW.type = 'call.logged') EXECUTE FUNCTION lead_events_stop_follow_ups();--> statement-breakpoint

-- A message stops only the leads that have an open follow-up; a new lead's first message (every ingest) has none,
-- so stop_follow_ups() (an UPDATE, and an INSERT into lead_events that fired its own trigger) is no longer run for
-- it. Same outcome: stop_follow_ups() changes only open follow-ups the statement can see, and so does this check.
-- The lead's row lock is still taken first (conversations_track_lead_activity), so a sender or scheduler holding
-- it cannot slip a follow-up in between this check and the commit.
CREATE OR REPLACE FUNCTION conversations_track_lead_follow_ups() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT n.dealership_id,
                  array_agg(DISTINCT n.lead_id) FILTER (WHERE n.direction = 'inbound') AS replied,
                  array_agg(DISTINCT n.lead_id) FILTER (WHERE n.direction = 'outbound' AND n.sender_type = 'human') AS manual
             FROM new_messages n
            WHERE (n.direction = 'inbound' OR (n.direction = 'outbound' AND n.sender_type = 'human'))
              AND EXISTS (SELECT 1 FROM follow_ups f
                           WHERE f.lead_id = n.lead_id AND f.dealership_id = n.dealership_id
                             AND f.status IN ('scheduled', 'queued', 'drafting', 'sending', 'awaiting_approval'))
            GROUP BY n.dealership_id
  LOOP
    IF r.replied IS NOT NULL THEN PERFORM stop_follow_ups(r.dealership_id, r.replied, 'customer_replied'); END IF;
    IF r.manual IS NOT NULL THEN PERFORM stop_follow_ups(r.dealership_id, r.manual, 'manual_message'); END IF;
  END LOOP;
  RETURN NULL;
END $$;
