ALTER TABLE "help_guide_translations" ADD COLUMN "edited_by" uuid;--> statement-breakpoint
ALTER TABLE "help_guide_translations" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "help_guides" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "help_guides" ADD COLUMN "edited_by" uuid;--> statement-breakpoint
ALTER TABLE "help_guides" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "help_guide_translations" ADD CONSTRAINT "help_guide_translations_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_guides" ADD CONSTRAINT "help_guides_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_guides" ADD CONSTRAINT "help_guides_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;