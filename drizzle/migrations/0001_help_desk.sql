CREATE TABLE "help_guide_translations" (
	"guide_slug" text NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body_md" text NOT NULL,
	"body_html" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_guide_translations_guide_slug_locale_pk" PRIMARY KEY("guide_slug","locale"),
	CONSTRAINT "help_guide_translations_locale" CHECK ("help_guide_translations"."locale" in ('en', 'zh-Hant', 'tl', 'id'))
);
--> statement-breakpoint
CREATE TABLE "help_guides" (
	"slug" text PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"audiences" text[] DEFAULT '{}'::text[] NOT NULL,
	"sources" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checked_on" text NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_guides_topic" CHECK ("help_guides"."topic" in ('employment', 'immigration', 'civil', 'criminal', 'wellbeing', 'shelter-basic-needs', 'qualifications-jobs', 'other')),
	CONSTRAINT "help_guides_audiences" CHECK ("help_guides"."audiences" <@ array['domestic-worker', 'skilled-migrant', 'employer']::text[]),
	CONSTRAINT "help_guides_slug_format" CHECK ("help_guides"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
CREATE TABLE "help_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"sender" text NOT NULL,
	"author_id" uuid,
	"body_enc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_messages_sender" CHECK ("help_messages"."sender" in ('asker', 'helper'))
);
--> statement-breakpoint
CREATE TABLE "help_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"author_id" uuid,
	"kind" text DEFAULT 'note' NOT NULL,
	"body_enc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_notes_kind" CHECK ("help_notes"."kind" in ('note', 'handover'))
);
--> statement-breakpoint
CREATE TABLE "help_offers" (
	"request_id" uuid NOT NULL,
	"helper_id" uuid NOT NULL,
	"step" smallint NOT NULL,
	"score" smallint NOT NULL,
	"parts" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "help_offers_request_id_helper_id_pk" PRIMARY KEY("request_id","helper_id"),
	CONSTRAINT "help_offers_state" CHECK ("help_offers"."state" in ('open', 'claimed', 'closed')),
	CONSTRAINT "help_offers_score" CHECK ("help_offers"."score" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "help_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"duty_hours" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"capacity" smallint DEFAULT 5 NOT NULL,
	"organisation" text,
	"accepting" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_profiles_topics" CHECK ("help_profiles"."topics" <@ array['employment', 'immigration', 'civil', 'criminal', 'wellbeing', 'shelter-basic-needs', 'qualifications-jobs', 'other']::text[]),
	CONSTRAINT "help_profiles_capacity" CHECK ("help_profiles"."capacity" between 1 and 50),
	CONSTRAINT "help_profiles_duty_hours" CHECK (jsonb_typeof("help_profiles"."duty_hours") = 'array')
);
--> statement-breakpoint
CREATE TABLE "help_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tracking_code" text NOT NULL,
	"track_token_hash" text,
	"track_token_enc" text,
	"asker_id" uuid,
	"asker_role" text NOT NULL,
	"asker_locale" text DEFAULT 'en' NOT NULL,
	"topic" text NOT NULL,
	"urgency" text NOT NULL,
	"languages" text[] NOT NULL,
	"contact_channel" text NOT NULL,
	"contact_hours" text DEFAULT '' NOT NULL,
	"no_messages" boolean DEFAULT false NOT NULL,
	"contact_value_enc" text,
	"question_enc" text,
	"state" text DEFAULT 'new' NOT NULL,
	"assigned_to" uuid,
	"escalation_step" smallint DEFAULT 0 NOT NULL,
	"escalate_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"referred_at" timestamp with time zone,
	"referred_service" text,
	"resolved_at" timestamp with time zone,
	"outcome" text,
	"closed_at" timestamp with time zone,
	"follow_up_due_at" timestamp with time zone,
	"follow_up_sent_at" timestamp with time zone,
	"feedback_rating" smallint,
	"feedback_comment_enc" text,
	"last_asker_message_at" timestamp with time zone,
	"last_helper_message_at" timestamp with time zone,
	"anonymised_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_requests_asker_role" CHECK ("help_requests"."asker_role" in ('worker', 'employer', 'other')),
	CONSTRAINT "help_requests_asker_locale" CHECK ("help_requests"."asker_locale" in ('en', 'zh-Hant', 'tl', 'id')),
	CONSTRAINT "help_requests_topic" CHECK ("help_requests"."topic" in ('employment', 'immigration', 'civil', 'criminal', 'wellbeing', 'shelter-basic-needs', 'qualifications-jobs', 'other')),
	CONSTRAINT "help_requests_urgency" CHECK ("help_requests"."urgency" in ('emergency', 'urgent', 'question')),
	CONSTRAINT "help_requests_contact_channel" CHECK ("help_requests"."contact_channel" in ('phone', 'whatsapp', 'email', 'in-app')),
	CONSTRAINT "help_requests_state" CHECK ("help_requests"."state" in ('new', 'offered', 'claimed', 'referred', 'resolved', 'closed')),
	CONSTRAINT "help_requests_outcome" CHECK ("help_requests"."outcome" is null or "help_requests"."outcome" in ('advice-given', 'problem-solved', 'referred-elsewhere', 'asker-unreachable', 'asker-withdrew', 'out-of-scope', 'duplicate')),
	CONSTRAINT "help_requests_resolved_has_outcome" CHECK ("help_requests"."state" <> 'resolved' or "help_requests"."outcome" is not null),
	CONSTRAINT "help_requests_rating" CHECK ("help_requests"."feedback_rating" is null or "help_requests"."feedback_rating" between 1 and 5),
	CONSTRAINT "help_requests_anonymised" CHECK ("help_requests"."anonymised_at" is null or ("help_requests"."question_enc" is null and "help_requests"."contact_value_enc" is null and "help_requests"."track_token_hash" is null and "help_requests"."track_token_enc" is null and "help_requests"."asker_id" is null))
);
--> statement-breakpoint
CREATE TABLE "help_services" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_zh" text,
	"summary" jsonb NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"hours" text,
	"channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"source_title" text NOT NULL,
	"source_url" text,
	"source_kind" text NOT NULL,
	"checked_on" text NOT NULL,
	"sort_order" smallint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_services_topics" CHECK ("help_services"."topics" <@ array['employment', 'immigration', 'civil', 'criminal', 'wellbeing', 'shelter-basic-needs', 'qualifications-jobs', 'other']::text[]),
	CONSTRAINT "help_services_source_kind" CHECK ("help_services"."source_kind" in ('primary', 'secondary')),
	CONSTRAINT "help_services_channels" CHECK (jsonb_typeof("help_services"."channels") = 'array')
);
--> statement-breakpoint
ALTER TABLE "help_guide_translations" ADD CONSTRAINT "help_guide_translations_guide_slug_help_guides_slug_fk" FOREIGN KEY ("guide_slug") REFERENCES "public"."help_guides"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_messages" ADD CONSTRAINT "help_messages_request_id_help_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."help_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_messages" ADD CONSTRAINT "help_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_notes" ADD CONSTRAINT "help_notes_request_id_help_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."help_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_notes" ADD CONSTRAINT "help_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_offers" ADD CONSTRAINT "help_offers_request_id_help_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."help_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_offers" ADD CONSTRAINT "help_offers_helper_id_users_id_fk" FOREIGN KEY ("helper_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_profiles" ADD CONSTRAINT "help_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_asker_id_users_id_fk" FOREIGN KEY ("asker_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_referred_service_help_services_slug_fk" FOREIGN KEY ("referred_service") REFERENCES "public"."help_services"("slug") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_messages_request_idx" ON "help_messages" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "help_notes_request_idx" ON "help_notes" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "help_offers_helper_state_idx" ON "help_offers" USING btree ("helper_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "help_requests_tracking_code_key" ON "help_requests" USING btree ("tracking_code");--> statement-breakpoint
CREATE UNIQUE INDEX "help_requests_track_token_key" ON "help_requests" USING btree ("track_token_hash");--> statement-breakpoint
CREATE INDEX "help_requests_state_idx" ON "help_requests" USING btree ("state","created_at");--> statement-breakpoint
CREATE INDEX "help_requests_escalate_idx" ON "help_requests" USING btree ("escalate_at") WHERE "help_requests"."escalate_at" is not null;--> statement-breakpoint
CREATE INDEX "help_requests_assigned_idx" ON "help_requests" USING btree ("assigned_to","state");--> statement-breakpoint
CREATE INDEX "help_requests_asker_idx" ON "help_requests" USING btree ("asker_id");--> statement-breakpoint
CREATE INDEX "help_requests_closed_idx" ON "help_requests" USING btree ("closed_at") WHERE "help_requests"."anonymised_at" is null;