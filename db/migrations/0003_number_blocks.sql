CREATE TABLE `number_blocks` (
	`counter` text NOT NULL,
	`first` integer NOT NULL,
	`last` integer NOT NULL,
	`next` integer NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `number_blocks_counter_first` ON `number_blocks` (`counter`,`first`);