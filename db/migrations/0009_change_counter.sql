CREATE TABLE `change_counter` (
	`id` integer PRIMARY KEY NOT NULL,
	`n` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- One row, moved by the triggers below whenever the cases or the open attention items really change: the change
-- feed (src/main/core/api/changes.ts) compares it instead of scanning every case. A write that changes none of
-- what the windows show (a pull re-applying a case it has, a recompute that moved no deadline) does not move it.
INSERT INTO `change_counter` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `change_counter_case_insert` AFTER INSERT ON `cases`
BEGIN
	UPDATE `change_counter` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `change_counter_case_update` AFTER UPDATE ON `cases`
WHEN OLD.`version` IS NOT NEW.`version` OR OLD.`state` IS NOT NEW.`state` OR OLD.`assignee_id` IS NOT NEW.`assignee_id`
	OR OLD.`deadline_on` IS NOT NEW.`deadline_on` OR OLD.`clock_days` IS NOT NEW.`clock_days` OR OLD.`clock_started_on` IS NOT NEW.`clock_started_on`
BEGIN
	UPDATE `change_counter` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `change_counter_case_delete` AFTER DELETE ON `cases`
BEGIN
	UPDATE `change_counter` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `change_counter_attention_insert` AFTER INSERT ON `attention`
WHEN NEW.`resolved_at` IS NULL
BEGIN
	UPDATE `change_counter` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `change_counter_attention_update` AFTER UPDATE ON `attention`
WHEN (OLD.`resolved_at` IS NULL) <> (NEW.`resolved_at` IS NULL)
BEGIN
	UPDATE `change_counter` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `change_counter_attention_delete` AFTER DELETE ON `attention`
WHEN OLD.`resolved_at` IS NULL
BEGIN
	UPDATE `change_counter` SET `n` = `n` + 1 WHERE `id` = 1;
END;
