-- Issue #11: an import writes its leads, not their jobs; the sync writes those when it places the leads (db/schema.ts
-- queuedWithoutJobs, electron/core/jobs/queued-without-jobs.ts).
CREATE TABLE IF NOT EXISTS `queued_without_jobs` (
	`batch_id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`after_id` integer NOT NULL,
	`last_id` integer NOT NULL,
	`queued_at` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Until the sync writes its job, an import's queued lead is counted in waiting_job_counts as its job would be before
-- placing: the company's zone (''), the unsure state its row names (electron/core/jobs/lead-copy.ts unplacedStateValue,
-- repeated here). The import adds its chunk's counts (queued-without-jobs.ts); these keep them exact whatever happens to
-- such a lead first. A lead counted so: its batch's range holds it, it is 'queued', and it has no job.
-- Its job written (by the sync, or at once by an edit): the job's own count takes over (waiting_job_counts_insert).
CREATE TRIGGER IF NOT EXISTS `queued_without_jobs_job_written` AFTER INSERT ON `sync_jobs`
WHEN NEW.`batch_id` IS NOT NULL AND EXISTS (SELECT 1 FROM `queued_without_jobs` q WHERE q.`batch_id` = NEW.`batch_id` AND NEW.`lead_id` > q.`after_id` AND NEW.`lead_id` <= q.`last_id`)
BEGIN
  UPDATE `waiting_job_counts` SET `n` = `n` - 1
    WHERE `company_id` = NEW.`company_id` AND `zone` = '' AND `batch_id` = NEW.`batch_id`
      AND `state` = (SELECT coalesce(CASE WHEN coalesce(upper(l.country), '') IN ('', 'US') AND upper(l.state) IN ('AK','AL','AR','AS','AZ','CA','CO','CT','DC','DE','FL','GA','GU','HI','IA','ID','IL','IN','KS','KY','LA','MA','MD','ME','MI','MN','MO','MP','MS','MT','NC','ND','NE','NH','NJ','NM','NV','NY','OH','OK','OR','PA','PR','RI','SC','SD','TN','TX','UT','VA','VI','VT','WA','WI','WV','WY') THEN upper(l.state) || '~' WHEN upper(l.country) IN ('PR','GU','VI','AS','MP') THEN upper(l.country) || '~' END, '') FROM `leads` l WHERE l.`id` = NEW.`lead_id` AND l.`status` = 'queued');
END;--> statement-breakpoint
-- Queued no more (do-not-contact, Stop sending) or queued again: out of the count, or back in it.
CREATE TRIGGER IF NOT EXISTS `queued_without_jobs_status` AFTER UPDATE OF `status` ON `leads`
WHEN OLD.`status` IS NOT NEW.`status` AND (OLD.`status` = 'queued' OR NEW.`status` = 'queued') AND NEW.`batch_id` IS NOT NULL
  AND EXISTS (SELECT 1 FROM `queued_without_jobs` q WHERE q.`batch_id` = NEW.`batch_id` AND NEW.`id` > q.`after_id` AND NEW.`id` <= q.`last_id`) AND NOT EXISTS (SELECT 1 FROM `sync_jobs` j WHERE j.`lead_id` = NEW.`id`)
BEGIN
  UPDATE `waiting_job_counts` SET `n` = `n` - 1
    WHERE OLD.`status` = 'queued' AND `company_id` = OLD.`company_id` AND `zone` = '' AND `batch_id` = OLD.`batch_id`
      AND `state` = coalesce(CASE WHEN coalesce(upper(OLD.country), '') IN ('', 'US') AND upper(OLD.state) IN ('AK','AL','AR','AS','AZ','CA','CO','CT','DC','DE','FL','GA','GU','HI','IA','ID','IL','IN','KS','KY','LA','MA','MD','ME','MI','MN','MO','MP','MS','MT','NC','ND','NE','NH','NJ','NM','NV','NY','OH','OK','OR','PA','PR','RI','SC','SD','TN','TX','UT','VA','VI','VT','WA','WI','WV','WY') THEN upper(OLD.state) || '~' WHEN upper(OLD.country) IN ('PR','GU','VI','AS','MP') THEN upper(OLD.country) || '~' END, '');
  INSERT INTO `waiting_job_counts` (`company_id`, `zone`, `state`, `batch_id`, `n`)
    SELECT NEW.`company_id`, '', coalesce(CASE WHEN coalesce(upper(NEW.country), '') IN ('', 'US') AND upper(NEW.state) IN ('AK','AL','AR','AS','AZ','CA','CO','CT','DC','DE','FL','GA','GU','HI','IA','ID','IL','IN','KS','KY','LA','MA','MD','ME','MI','MN','MO','MP','MS','MT','NC','ND','NE','NH','NJ','NM','NV','NY','OH','OK','OR','PA','PR','RI','SC','SD','TN','TX','UT','VA','VI','VT','WA','WI','WV','WY') THEN upper(NEW.state) || '~' WHEN upper(NEW.country) IN ('PR','GU','VI','AS','MP') THEN upper(NEW.country) || '~' END, ''), NEW.`batch_id`, 1 WHERE NEW.`status` = 'queued'
    ON CONFLICT (`company_id`, `zone`, `state`, `batch_id`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
-- Its row's state or country corrected: counted under the state it names now (as sync_jobs_follow_lead moves a job).
CREATE TRIGGER IF NOT EXISTS `queued_without_jobs_state` AFTER UPDATE OF `state`, `country` ON `leads`
WHEN OLD.`status` = 'queued' AND NEW.`status` = 'queued' AND NEW.`batch_id` IS NOT NULL AND coalesce(CASE WHEN coalesce(upper(OLD.country), '') IN ('', 'US') AND upper(OLD.state) IN ('AK','AL','AR','AS','AZ','CA','CO','CT','DC','DE','FL','GA','GU','HI','IA','ID','IL','IN','KS','KY','LA','MA','MD','ME','MI','MN','MO','MP','MS','MT','NC','ND','NE','NH','NJ','NM','NV','NY','OH','OK','OR','PA','PR','RI','SC','SD','TN','TX','UT','VA','VI','VT','WA','WI','WV','WY') THEN upper(OLD.state) || '~' WHEN upper(OLD.country) IN ('PR','GU','VI','AS','MP') THEN upper(OLD.country) || '~' END, '') IS NOT coalesce(CASE WHEN coalesce(upper(NEW.country), '') IN ('', 'US') AND upper(NEW.state) IN ('AK','AL','AR','AS','AZ','CA','CO','CT','DC','DE','FL','GA','GU','HI','IA','ID','IL','IN','KS','KY','LA','MA','MD','ME','MI','MN','MO','MP','MS','MT','NC','ND','NE','NH','NJ','NM','NV','NY','OH','OK','OR','PA','PR','RI','SC','SD','TN','TX','UT','VA','VI','VT','WA','WI','WV','WY') THEN upper(NEW.state) || '~' WHEN upper(NEW.country) IN ('PR','GU','VI','AS','MP') THEN upper(NEW.country) || '~' END, '')
  AND EXISTS (SELECT 1 FROM `queued_without_jobs` q WHERE q.`batch_id` = NEW.`batch_id` AND NEW.`id` > q.`after_id` AND NEW.`id` <= q.`last_id`) AND NOT EXISTS (SELECT 1 FROM `sync_jobs` j WHERE j.`lead_id` = NEW.`id`)
BEGIN
  UPDATE `waiting_job_counts` SET `n` = `n` - 1
    WHERE `company_id` = OLD.`company_id` AND `zone` = '' AND `batch_id` = OLD.`batch_id`
      AND `state` = coalesce(CASE WHEN coalesce(upper(OLD.country), '') IN ('', 'US') AND upper(OLD.state) IN ('AK','AL','AR','AS','AZ','CA','CO','CT','DC','DE','FL','GA','GU','HI','IA','ID','IL','IN','KS','KY','LA','MA','MD','ME','MI','MN','MO','MP','MS','MT','NC','ND','NE','NH','NJ','NM','NV','NY','OH','OK','OR','PA','PR','RI','SC','SD','TN','TX','UT','VA','VI','VT','WA','WI','WV','WY') THEN upper(OLD.state) || '~' WHEN upper(OLD.country) IN ('PR','GU','VI','AS','MP') THEN upper(OLD.country) || '~' END, '');
  INSERT INTO `waiting_job_counts` (`company_id`, `zone`, `state`, `batch_id`, `n`)
    SELECT NEW.`company_id`, '', coalesce(CASE WHEN coalesce(upper(NEW.country), '') IN ('', 'US') AND upper(NEW.state) IN ('AK','AL','AR','AS','AZ','CA','CO','CT','DC','DE','FL','GA','GU','HI','IA','ID','IL','IN','KS','KY','LA','MA','MD','ME','MI','MN','MO','MP','MS','MT','NC','ND','NE','NH','NJ','NM','NV','NY','OH','OK','OR','PA','PR','RI','SC','SD','TN','TX','UT','VA','VI','VT','WA','WI','WV','WY') THEN upper(NEW.state) || '~' WHEN upper(NEW.country) IN ('PR','GU','VI','AS','MP') THEN upper(NEW.country) || '~' END, ''), NEW.`batch_id`, 1 WHERE true
    ON CONFLICT (`company_id`, `zone`, `state`, `batch_id`) DO UPDATE SET `n` = `n` + 1;
END;--> statement-breakpoint
-- Removed. BEFORE: by AFTER DELETE its job (ON DELETE CASCADE) is gone already, and a lead with a job would count too.
CREATE TRIGGER IF NOT EXISTS `queued_without_jobs_lead_removed` BEFORE DELETE ON `leads`
WHEN OLD.`status` = 'queued' AND OLD.`batch_id` IS NOT NULL AND EXISTS (SELECT 1 FROM `queued_without_jobs` q WHERE q.`batch_id` = OLD.`batch_id` AND OLD.`id` > q.`after_id` AND OLD.`id` <= q.`last_id`) AND NOT EXISTS (SELECT 1 FROM `sync_jobs` j WHERE j.`lead_id` = OLD.`id`)
BEGIN
  UPDATE `waiting_job_counts` SET `n` = `n` - 1
    WHERE `company_id` = OLD.`company_id` AND `zone` = '' AND `batch_id` = OLD.`batch_id`
      AND `state` = coalesce(CASE WHEN coalesce(upper(OLD.country), '') IN ('', 'US') AND upper(OLD.state) IN ('AK','AL','AR','AS','AZ','CA','CO','CT','DC','DE','FL','GA','GU','HI','IA','ID','IL','IN','KS','KY','LA','MA','MD','ME','MI','MN','MO','MP','MS','MT','NC','ND','NE','NH','NJ','NM','NV','NY','OH','OK','OR','PA','PR','RI','SC','SD','TN','TX','UT','VA','VI','VT','WA','WI','WV','WY') THEN upper(OLD.state) || '~' WHEN upper(OLD.country) IN ('PR','GU','VI','AS','MP') THEN upper(OLD.country) || '~' END, '');
END;
