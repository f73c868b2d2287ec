ALTER TABLE `leads` ADD `enrolled_at` integer;--> statement-breakpoint
-- Leads synced before this column existed were enrolled then.
UPDATE `leads` SET `enrolled_at` = `synced_at` WHERE `status` = 'synced';
