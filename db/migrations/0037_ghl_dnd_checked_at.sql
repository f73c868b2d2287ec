-- A customer who is a lead of two companies and replies STOP to one company's text is put on do-not-disturb in
-- that company's GHL location only: the sync asks GHL for such contacts once a day (shared-customer-watch.ts), so
-- the opt-out reaches the other companies. This is when it last asked, per lead.
ALTER TABLE `leads` ADD `ghl_dnd_checked_at` integer;
