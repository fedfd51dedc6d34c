ALTER TYPE "public"."audit_operation" ADD VALUE 'action';--> statement-breakpoint
ALTER TYPE "public"."audit_operation" ADD VALUE 'retry';--> statement-breakpoint
ALTER TYPE "public"."audit_operation" ADD VALUE 'cancel';