-- A lead nothing places (no ZIP, no state, an area code the table lacks) is sent in its company's zone; it
-- read as certain there, and a Denver lead of a New York office was texted at 06:00 its time. Its rules key
-- is now '?' (electron/pacing/legal-floor.ts UNKNOWN_PLACE_KEY): three hours to spare inside 08:00–21:00.
-- The trigger sync_jobs_follow_lead carries the key to the lead's jobs (send_state).
UPDATE `leads` SET `rule_state` = '?' WHERE `time_zone_source` = 'company' AND `rule_state` IS NULL;
