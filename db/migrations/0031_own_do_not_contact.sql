-- Whether a lead's do-not-contact mark is its own (a person marked it) or the office-wide opt-out list's: lifting
-- one lead's mark took its number off the list even while another company's lead had been marked by a person
-- for the same customer, and a third company's lead with the number was then texted. Marks made before this
-- are counted as their own: a number stays listed rather than come off on a guess.
ALTER TABLE `leads` ADD `own_do_not_contact` integer DEFAULT false NOT NULL;--> statement-breakpoint
UPDATE `leads` SET `own_do_not_contact` = 1 WHERE `do_not_contact` = 1;
