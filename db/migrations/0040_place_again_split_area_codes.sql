-- Area codes found to span two zones (electron/pacing/area-codes.ts SPLIT_AREA_CODES): the overlays of codes
-- already listed (930 of 812, 458 of 541, 879 of 709) and codes newly listed (574, 334, British Columbia's and
-- eastern Quebec's, Saskatchewan's). A lead placed by such a phone alone was placed as sure, without the hour to spare that keeps
-- its texts inside 08:00–21:00 in either zone. Those not enrolled yet are placed again (the placement loop picks
-- up every lead without a time_zone_source; their jobs wait as unplaced meanwhile, sync_jobs_follow_lead).
UPDATE `leads` SET `time_zone_source` = NULL
WHERE `time_zone_source` = 'phone' AND `enrolled_at` IS NULL AND `phone` LIKE '+1%'
  AND substr(`phone`, 3, 3) IN ('930', '458', '879', '574', '334', '250', '236', '257', '672', '778', '418', '367', '581', '306', '474', '639');
