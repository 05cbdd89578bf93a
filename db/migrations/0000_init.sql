CREATE TABLE `applicants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	`nationality` text DEFAULT '中国' NOT NULL,
	`id_type` text DEFAULT '居民身份证' NOT NULL,
	`id_number` text NOT NULL,
	`id_valid_from` text,
	`id_valid_to` text,
	`birth_date` text NOT NULL,
	`ethnicity` text NOT NULL,
	`political_status` text NOT NULL,
	`marital_status` text NOT NULL,
	`fertility_status` text NOT NULL,
	`household_region` text NOT NULL,
	`mobile` text NOT NULL,
	`email` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_mobile` text NOT NULL,
	`passport_number` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applicants_id_number` ON `applicants` (`id_type`,`id_number`);--> statement-breakpoint
CREATE TABLE `archives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`applicant_id` integer NOT NULL,
	`archive_number` text,
	`status` text DEFAULT 'not_in' NOT NULL,
	`category` text DEFAULT 'individual' NOT NULL,
	`employer` text,
	`fees_paid_until` text,
	`dismissal_date` text,
	`shelf_location` text,
	`custodian` text,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`applicant_id`) REFERENCES `applicants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `archives_applicant_id_unique` ON `archives` (`applicant_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `archives_archive_number_unique` ON `archives` (`archive_number`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`material_code` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `blobs`(`sha256`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_case` ON `attachments` (`case_id`);--> statement-breakpoint
CREATE INDEX `attachments_sha256` ON `attachments` (`sha256`);--> statement-breakpoint
CREATE TABLE `blobs` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size` integer NOT NULL,
	`data` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `calendar_overrides` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `calendar_years` (
	`year` integer PRIMARY KEY NOT NULL,
	`note` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`reasons` text DEFAULT '[]' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_events_case` ON `case_events` (`case_id`,`id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`case_number` text NOT NULL,
	`type` text NOT NULL,
	`subtype` text NOT NULL,
	`state` text NOT NULL,
	`applicant_id` integer NOT NULL,
	`search_text` text NOT NULL,
	`form` text NOT NULL,
	`assignee_id` integer,
	`claimed_at` text,
	`submitted_at` text NOT NULL,
	`clock_started_on` text,
	`deadline_on` text,
	`due_key` text GENERATED ALWAYS AS (coalesce(deadline_on, '9999-12-31')) VIRTUAL,
	`version` integer DEFAULT 1 NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`applicant_id`) REFERENCES `applicants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_case_number_unique` ON `cases` (`case_number`);--> statement-breakpoint
CREATE INDEX `cases_queue_due` ON `cases` (`due_key`,`case_number`,`type`,`state`,`assignee_id`,`search_text`);--> statement-breakpoint
CREATE INDEX `cases_queue_submitted` ON `cases` (`submitted_at`,`case_number`,`type`,`state`,`assignee_id`,`search_text`);--> statement-breakpoint
CREATE INDEX `cases_queue_count` ON `cases` (`type`,`state`,`assignee_id`,`deadline_on`,`search_text`);--> statement-breakpoint
CREATE INDEX `cases_applicant` ON `cases` (`applicant_id`);--> statement-breakpoint
CREATE TABLE `document_counters` (
	`key` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `issued_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`doc_type` text NOT NULL,
	`number` text NOT NULL,
	`verification_code` text NOT NULL,
	`sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`issued_by_id` integer,
	`issued_at` text NOT NULL,
	`voided_at` text,
	`void_reason` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sha256`) REFERENCES `blobs`(`sha256`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issued_by_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `issued_documents_number_unique` ON `issued_documents` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `issued_documents_verification_code_unique` ON `issued_documents` (`verification_code`);--> statement-breakpoint
CREATE INDEX `issued_documents_case` ON `issued_documents` (`case_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`case_id` text,
	`name` text NOT NULL,
	`args` text NOT NULL,
	`base_version` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`result` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_unique` ON `outbox` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_status` ON `outbox` (`status`,`seq`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_username_unique` ON `staff` (`username`);