-- Leads nothing places (rule_state '?') were judged on their company's clock with three hours to spare inside
-- 08:00–21:00: for an office in Honolulu or San Juan that let texts reach the mainland at 22:45 or 07:00, and it
-- kept no state's stricter hours, Sundays or legal holidays. They are placed again by the new rule (the hours
-- legal everywhere on the mainland, on Chicago's clock: electron/pacing/legal-floor.ts UNKNOWN_PLACE_KEY). Unplaced,
-- their waiting jobs wait (the sync_jobs_follow_lead trigger gates them 'unplaced') until the sync places them.
-- Only leads not in the campaign yet: an enrolled one's window has passed, and its later updates go at any hour.
UPDATE `leads` SET `time_zone_source` = NULL
  WHERE `time_zone_source` = 'company' AND `rule_state` = '?' AND `enrolled_at` IS NULL;
