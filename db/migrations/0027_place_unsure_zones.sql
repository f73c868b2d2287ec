-- Leads placed by their phone or their company's zone are placed again (the sync worker's placement pass picks up
-- a NULL source): a row naming a state of two zones (Arizona, Alaska, Texas…) with no ZIP is now placed in that
-- state, not by an out-of-state phone, and such a lead, or one placed by an area code of two zones (850…), gets a
-- rules key marked unsure (rule_state 'AZ~'): its window keeps an hour to spare inside the law's hours. Leads whose
-- row state is no US code ('XX', kept as typed) are placed again too: that code hid their ZIP's or phone's state
-- rule. Only leads not enrolled yet: the zone is what their sending window is judged by.
UPDATE `leads` SET `time_zone_source` = NULL
WHERE `enrolled_at` IS NULL AND `time_zone_source` IS NOT NULL
  AND (`time_zone_source` IN ('phone', 'company')
    OR (`state` IS NOT NULL AND upper(`rule_state`) = upper(`state`) AND upper(`state`) NOT IN ('AK', 'AL', 'AR', 'AS', 'AZ', 'CA', 'CO', 'CT', 'DC',
      'DE', 'FL', 'GA', 'GU', 'HI', 'IA', 'ID', 'IL', 'IN', 'KS', 'KY', 'LA', 'MA', 'MD', 'ME', 'MI', 'MN', 'MO', 'MP', 'MS', 'MT', 'NC',
      'ND', 'NE', 'NH', 'NJ', 'NM', 'NV', 'NY', 'OH', 'OK', 'OR', 'PA', 'PR', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VA', 'VI', 'VT', 'WA',
      'WI', 'WV', 'WY')));
