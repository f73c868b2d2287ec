-- A placement fault (electron/pacing/lead-zone.ts): Florida, Oklahoma and Maryland presume a number of their area codes
-- is a resident's, but a lead placed on another clock by its ZIP or state lost that state's rule: an Illinois ZIP with a
-- 305 mobile was texted at 20:45 Central, 21:45 in Miami, past Florida's 20:00. Such a lead now keeps the rule with the
-- clocks' distance to spare at each end (rule keys such as 'FL~', 'FL+WA~3'). Leads not enrolled yet and still to be
-- sent, with a phone of one of those states' area codes (as in electron/pacing/area-codes.ts), are placed again: a key
-- that names the state may still read it on the wrong clock (a Pensacola ZIP on Central with a Miami mobile was 'FL',
-- certain). Unplaced, their waiting jobs wait (sync_jobs_follow_lead gates them 'unplaced') until the sync places them,
-- in short chunks; most are placed as before. A lead nothing placed keeps its key: it is texted only in the hours legal
-- everywhere on the mainland under every state's rule.
UPDATE `leads` SET `time_zone_source` = NULL
  WHERE `enrolled_at` IS NULL AND `time_zone_source` IS NOT NULL AND `time_zone_source` <> 'unknown' AND `do_not_contact` = 0
    AND `status` IN ('new', 'queued', 'syncing', 'failed') AND `phone` LIKE '+1%'
    -- Florida's, then Oklahoma's, then Maryland's.
    AND substr(`phone`, 3, 3) IN ('239', '305', '321', '324', '352', '386', '407', '448', '561', '645', '656', '689', '727', '728', '754', '772', '786', '813', '850', '863', '904', '941', '954', '405', '539', '572', '580', '918', '227', '240', '301', '410', '443', '667');
