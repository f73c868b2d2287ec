-- Leads placed by their phone or their company's zone are placed again (the sync worker's placement pass picks up
-- a NULL source): a one-zone state on the row (Hawaii, Alaska's ZIP-less leads aside) now wins over the phone,
-- and territory ZIPs the state table lacks (Guam, the Virgin Islands, San Juan) now give their zone. Only leads
-- not enrolled yet: the zone is what their sending window is judged by.
UPDATE `leads` SET `time_zone_source` = NULL
WHERE `time_zone_source` IN ('phone', 'company') AND `enrolled_at` IS NULL;
