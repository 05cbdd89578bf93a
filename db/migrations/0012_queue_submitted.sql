DROP INDEX `cases_queue_submitted`;--> statement-breakpoint
CREATE INDEX `cases_queue_state_submitted` ON `cases` (`state`,`submitted_at`,`case_number`,`type`,`assignee_id`,`search_text`);