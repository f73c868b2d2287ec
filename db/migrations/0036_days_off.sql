-- Days off (a holiday, the office closed): no lead starts on these calendar days, in each lead's own time.
-- Comma-separated YYYY-MM-DD; '' = none (shared/schedule.ts daysOffSchema).
ALTER TABLE `companies` ADD `days_off` text DEFAULT '' NOT NULL;
