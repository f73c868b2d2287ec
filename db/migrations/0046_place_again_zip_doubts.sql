-- Two placement faults (electron/pacing/lead-zone.ts, zip-directory.ts): the ZIP zone table puts West Wendover,
-- Nevada on Pacific time (Mountain since 1999), and 30 more ZIPs may be on either of two clocks (the table and geo-tz
-- disagree, or the town keeps another clock than its official one), all placed as sure; and a ZIP of another state on
-- another clock than the row's overrode the row, as sure. Leads not enrolled yet and still to be sent that have a ZIP
-- and a state (a territory written as the country counts as one), or one of those ZIPs, are placed again: unplaced, their waiting jobs wait (sync_jobs_follow_lead gates
-- them 'unplaced') until the sync places them, in short chunks.
UPDATE `leads` SET `time_zone_source` = NULL
  WHERE `enrolled_at` IS NULL AND `time_zone_source` IS NOT NULL AND `do_not_contact` = 0
    AND `status` IN ('new', 'queued', 'syncing', 'failed')
    AND `postal_code` IS NOT NULL
    AND (`state` IS NOT NULL OR upper(coalesce(`country`, '')) IN ('PR', 'GU', 'VI', 'AS', 'MP') OR substr(trim(`postal_code`), 1, 5) IN (
      '89883', '36869', '36872', '36874', '37337', '37419', '37854', '40140', '42603', '42716', '47532', '47660', '49807',
      '57532', '57601', '58535', '58568', '58838', '69165', '79847', '83522', '86004', '86016', '86028', '86040', '86502',
      '89024', '89825', '89831', '89832', '73946'));
