-- A lead held because another company's GHL refused or failed the question about its customer's contact there waits
-- twice as long at each such hold in a row (held-elsewhere.ts): asked every 10 minutes for good, a broken contact cost
-- ~3 calls each time.
ALTER TABLE `sync_jobs` ADD `contact_holds` integer DEFAULT 0 NOT NULL;