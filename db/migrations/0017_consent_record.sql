ALTER TABLE `leads` ADD `source_row` integer;--> statement-breakpoint
ALTER TABLE `leads` ADD `enrolled_time_zone` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `enrolled_window` text;--> statement-breakpoint
ALTER TABLE `leads` ADD `enrolled_rule_state` text;