-- A deleted lead's create ledger is read by the sync now, not only by a restore: the customer added again is the same GHL
-- contact, noted and enrolled already (by contact, kind and target), and an enrolment GHL did not answer keeps its place
-- in the day's cap (by state). IF NOT EXISTS: tests that replay an earlier migration (tests/helpers/migrations.ts
-- forgetMigrationsFrom) run this one again.
CREATE INDEX IF NOT EXISTS `removed_lead_creates_contact_idx` ON `removed_lead_creates` (`contact_id`,`kind`,`target`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `removed_lead_creates_state_idx` ON `removed_lead_creates` (`state`);
