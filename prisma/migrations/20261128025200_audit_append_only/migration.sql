-- Hand-written: the audit trail is append-only in the database itself, not only in the code.
-- UPDATE, DELETE and TRUNCATE on "audit_events" raise an error, whoever the caller is (a superuser
-- can still drop the triggers deliberately; that act is then visible in the DDL history).
-- schema.prisma cannot express triggers; the drift test ignores the objects created here.

-- CreateFunction
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
        USING HINT = 'Record a correction as a new audit event instead.';
END;
$$;

-- CreateTrigger
CREATE TRIGGER "audit_events_no_update_or_delete"
    BEFORE UPDATE OR DELETE ON "audit_events"
    FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();

-- CreateTrigger
CREATE TRIGGER "audit_events_no_truncate"
    BEFORE TRUNCATE ON "audit_events"
    FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_append_only"();
