CREATE TABLE "verification_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"document_id" integer,
	"checked_at" timestamp with time zone NOT NULL,
	"ip" text NOT NULL,
	"user_agent" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "issued_documents" ADD COLUMN "status" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "issued_documents" ADD COLUMN "status_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "verification_checks" ADD CONSTRAINT "verification_checks_document_id_issued_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."issued_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "verification_checks_document" ON "verification_checks" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "verification_checks_at" ON "verification_checks" USING btree ("checked_at");