CREATE TABLE `attention` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text,
	`mutation_id` text NOT NULL,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`resolved_at` text,
	`resolution` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attention_mutation_id_unique` ON `attention` (`mutation_id`);--> statement-breakpoint
CREATE INDEX `attention_open` ON `attention` (`resolved_at`,`id`);--> statement-breakpoint
CREATE TABLE `leases` (
	`case_id` text PRIMARY KEY NOT NULL,
	`lease_token` integer NOT NULL,
	`expires_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sync_staff` (
	`server_id` text PRIMARY KEY NOT NULL,
	`staff_id` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
