-- What the daily and hourly caps count, apart from the leads: deleting a lead enrolled today, or undoing an
-- import part of which was texted, gave its place in today's cap back (its text had gone), and a 2-a-day cap
-- let a third go. One row per enrolment, written when a lead's enrolled_at is first set; rows older than two
-- days go as new ones come (a cap looks back one company day at most).
CREATE TABLE `enrolment_log` (
	`company_id` integer NOT NULL,
	`enrolled_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `enrolment_log_company_at_idx` ON `enrolment_log` (`company_id`,`enrolled_at`);--> statement-breakpoint
CREATE TRIGGER `leads_enrolment_logged` AFTER UPDATE OF `enrolled_at` ON `leads`
WHEN OLD.`enrolled_at` IS NULL AND NEW.`enrolled_at` IS NOT NULL
BEGIN
  INSERT INTO `enrolment_log` (`company_id`, `enrolled_at`) VALUES (NEW.`company_id`, NEW.`enrolled_at`);
  DELETE FROM `enrolment_log` WHERE `company_id` = NEW.`company_id` AND `enrolled_at` < NEW.`enrolled_at` - 172800000;
END;--> statement-breakpoint
INSERT INTO `enrolment_log` (`company_id`, `enrolled_at`)
  SELECT `company_id`, `enrolled_at` FROM `leads` WHERE `enrolled_at` >= CAST(unixepoch('subsec') * 1000 AS INTEGER) - 172800000;
