-- The other leads' enrolments of a GHL contact, found by the contact the enrolment went to (create-once.ts
-- siblingStmt). They were found through leads.ghl_contact_id, which moves when a lead is edited and upserted to
-- another contact: the contact it had enrolled was then enrolled a second time for the next lead GHL matched to it.
CREATE INDEX `ghl_creates_contact_idx` ON `ghl_creates` (`contact_id`,`kind`,`target`);