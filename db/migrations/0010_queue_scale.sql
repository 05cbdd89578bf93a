DROP INDEX `cases_queue_due`;--> statement-breakpoint
CREATE INDEX `cases_queue_deadline` ON `cases` (`deadline_on`,`case_number`,`type`,`state`,`assignee_id`,`search_text`);--> statement-breakpoint
CREATE INDEX `cases_queue_assignee` ON `cases` (`assignee_id`,`deadline_on`,`case_number`,`type`,`state`,`search_text`);