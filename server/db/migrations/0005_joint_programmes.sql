CREATE TABLE "joint_programmes" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"chinese_institution" text NOT NULL,
	"foreign_institution" text NOT NULL,
	"country" text NOT NULL,
	"level" text NOT NULL,
	"approved_until" text DEFAULT '' NOT NULL,
	"enrolment_from" integer,
	"enrolment_to" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "joint_programmes_chinese_institution" ON "joint_programmes" USING btree ("chinese_institution");