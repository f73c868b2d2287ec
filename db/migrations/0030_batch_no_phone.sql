-- New leads without a usable phone, counted by the import as each chunk commits: the summary counted them
-- afterwards by reading every lead of the batch, on the app's main thread (120–160 ms for 200,000 leads).
-- NULL for batches imported before this: those are still counted from their leads.
ALTER TABLE `import_batches` ADD `no_phone` integer;
