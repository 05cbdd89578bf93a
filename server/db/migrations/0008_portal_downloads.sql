CREATE TABLE "portal_downloads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"case_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"portal_user" text,
	"address" text
);
--> statement-breakpoint
ALTER TABLE "portal_downloads" ADD CONSTRAINT "portal_downloads_document_id_issued_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."issued_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_downloads_document" ON "portal_downloads" USING btree ("document_id","id");