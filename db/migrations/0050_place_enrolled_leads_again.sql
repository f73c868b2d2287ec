-- Leads enrolled before a placement fix (0043, 0046, 0049, West Wendover's clock) kept their old place, and so did the
-- `timezone` their GHL contact was given: GHL times the campaign's later steps by it, so a Texas lead placed on New
-- York's clock could get a follow-up at 07:00. Enrolled leads whose campaign may still be running (enrolled in the last
-- 90 days: a reactivation workflow's texts span days to weeks) are placed again; the sync's placement pass
-- (lead-placement.ts) sends the contact once more, an upsert without a second enrolment, when the zone GHL would be
-- given changed. Older enrolments are left: their workflow is over, and re-sending them all would keep the sync busy
-- for hours. Before they are unplaced, a lead nothing placed keeps no zone here, as GHL was given none
-- (OWN_TIME_ZONE_SQL, own-time-zone.ts), so that a zone found now counts as a change. An email-only lead placed by
-- its GHL contact's number is placed by each upsert's answer instead, and is left as it is.
UPDATE `leads` SET `time_zone` = CASE WHEN `time_zone_source` = 'unknown' THEN NULL ELSE `time_zone` END, `time_zone_source` = NULL
  WHERE `enrolled_at` >= unixepoch('now') * 1000 - 90 * 86400000
    AND `time_zone_source` IS NOT NULL AND `time_zone_source` <> 'ghl-phone' AND `do_not_contact` = 0
    AND `status` IN ('queued', 'syncing', 'synced', 'failed');
