CREATE TABLE "archive_custody" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"archive_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"from_place" text,
	"to_place" text,
	"tracking_number" text,
	"case_id" text,
	"actor_id" integer,
	"actor_name" text NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_prints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"printer" text,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"actor_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "number_voids" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"counter" text NOT NULL,
	"serial" bigint NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" integer,
	"actor_name" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "category" text DEFAULT 'individual' NOT NULL;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "employer" text;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "fees_paid_until" text;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "dismissal_date" text;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "shelf_location" text;--> statement-breakpoint
ALTER TABLE "archives" ADD COLUMN "custodian" text;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD COLUMN "data" jsonb;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD COLUMN "signed_sha256" text;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD COLUMN "signed_by_id" integer;--> statement-breakpoint
ALTER TABLE "archive_custody" ADD CONSTRAINT "archive_custody_archive_id_archives_id_fk" FOREIGN KEY ("archive_id") REFERENCES "public"."archives"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_custody" ADD CONSTRAINT "archive_custody_actor_id_staff_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_prints" ADD CONSTRAINT "document_prints_actor_id_staff_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_voids" ADD CONSTRAINT "number_voids_actor_id_staff_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_custody_archive" ON "archive_custody" USING btree ("archive_id","id");--> statement-breakpoint
CREATE INDEX "document_prints_number" ON "document_prints" USING btree ("number","id");--> statement-breakpoint
CREATE UNIQUE INDEX "number_voids_counter_serial" ON "number_voids" USING btree ("counter","serial");--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_signed_sha256_blobs_sha256_fk" FOREIGN KEY ("signed_sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD CONSTRAINT "issued_documents_signed_by_id_staff_id_fk" FOREIGN KEY ("signed_by_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;