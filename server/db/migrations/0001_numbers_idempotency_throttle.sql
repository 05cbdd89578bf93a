CREATE TABLE "number_blocks" (
	"id" serial PRIMARY KEY NOT NULL,
	"counter" text NOT NULL,
	"client_id" text NOT NULL,
	"staff_id" integer,
	"first" bigint NOT NULL,
	"last" bigint NOT NULL,
	"allocated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_requests" (
	"key" text PRIMARY KEY NOT NULL,
	"endpoint" text NOT NULL,
	"body_hash" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"username" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "number_blocks" ADD CONSTRAINT "number_blocks_staff_id_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "number_blocks_counter_first" ON "number_blocks" USING btree ("counter","first");--> statement-breakpoint
CREATE INDEX "number_blocks_client" ON "number_blocks" USING btree ("client_id","counter");