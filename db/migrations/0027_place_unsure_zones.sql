-- Leads placed by their phone or their company's zone are placed again (the sync worker's placement pass picks up
-- a NULL source): a row naming a state of two zones (Arizona, Alaska, Texas…) with no ZIP is now placed in that
-- state, not by an out-of-state phone, and such a lead, or one placed by an area code of two zones (850…), gets a
-- rules key marked unsure (rule_state 'AZ~'): its window keeps an hour to spare at each end of 08:00–21:00.
-- Only leads not enrolled yet: the zone is what their sending window is judged by.
UPDATE `leads` SET `time_zone_source` = NULL
WHERE `time_zone_source` IN ('phone', 'company') AND `enrolled_at` IS NULL;
