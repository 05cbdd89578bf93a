CREATE TABLE "desks" (
	"client_id" text PRIMARY KEY NOT NULL,
	"key_hash" text,
	"desk_name" text,
	"registered_at" timestamp with time zone NOT NULL,
	"registered_by_id" integer,
	"last_sign_in_at" timestamp with time zone NOT NULL,
	"last_staff_id" integer
);
--> statement-breakpoint
ALTER TABLE "desks" ADD CONSTRAINT "desks_registered_by_id_staff_id_fk" FOREIGN KEY ("registered_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "desks" ADD CONSTRAINT "desks_last_staff_id_staff_id_fk" FOREIGN KEY ("last_staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;