-- The search index's segment merges are done by the app's indexer in small bounded steps, never as
-- one automatic merge inside an insert: an automatic ("crisis") merge of a million-lead index held the
-- write lock for seconds on the main thread. Segments still merge; only who decides when changes.
INSERT INTO `lead_search` (`lead_search`, `rank`) VALUES ('automerge', 0);
--> statement-breakpoint
INSERT INTO `lead_search` (`lead_search`, `rank`) VALUES ('crisismerge', 2000);
