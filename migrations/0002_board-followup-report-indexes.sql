DROP INDEX "reminders_created_idx";--> statement-breakpoint
DROP INDEX "touchpoints_occurred_idx";--> statement-breakpoint
CREATE INDEX "contacts_owner_board_idx" ON "contacts" USING btree ("workspace_id","owner_id","stage","attention_at","last_touch_sort","id") WHERE "contacts"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_next_touch_idx" ON "contacts" USING btree ("workspace_id","next_touch_at") WHERE "contacts"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "contacts_created_idx" ON "contacts" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "reminders_due_idx" ON "reminders" USING btree ("workspace_id","due_at","id");--> statement-breakpoint
CREATE INDEX "reminders_assignee_due_idx" ON "reminders" USING btree ("workspace_id","assignee_id","due_at","id");--> statement-breakpoint
CREATE INDEX "touchpoints_occurred_idx" ON "touchpoints" USING btree ("workspace_id","occurred_at","id","channel","logged_by_id");