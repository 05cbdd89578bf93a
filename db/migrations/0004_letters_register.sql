CREATE TABLE `archive_custody` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`archive_id` integer NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`from_place` text,
	`to_place` text,
	`tracking_number` text,
	`case_id` text,
	`actor_name` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`archive_id`) REFERENCES `archives`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `archive_custody_archive` ON `archive_custody` (`archive_id`,`id`);--> statement-breakpoint
CREATE TABLE `document_prints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`printer` text,
	`at` text NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `document_prints_number` ON `document_prints` (`number`,`id`);--> statement-breakpoint
CREATE TABLE `number_voids` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`counter` text NOT NULL,
	`serial` integer NOT NULL,
	`reason` text NOT NULL,
	`at` text NOT NULL,
	`actor_name` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `number_voids_counter_serial` ON `number_voids` (`counter`,`serial`);--> statement-breakpoint
ALTER TABLE `issued_documents` ADD `status` text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE `issued_documents` ADD `data` text;--> statement-breakpoint
ALTER TABLE `issued_documents` ADD `signed_sha256` text REFERENCES blobs(sha256);--> statement-breakpoint
ALTER TABLE `issued_documents` ADD `signed_at` text;--> statement-breakpoint
ALTER TABLE `issued_documents` ADD `signed_by_id` integer REFERENCES staff(id);--> statement-breakpoint
ALTER TABLE `issued_documents` ADD `voided_by_id` integer REFERENCES staff(id);--> statement-breakpoint
CREATE INDEX `issued_documents_status` ON `issued_documents` (`status`,`issued_at`);
--> statement-breakpoint
UPDATE `issued_documents` SET `status` = 'void' WHERE `voided_at` IS NOT NULL;