-- Every change of the working-day calendar, by any writer (the API, the seed, hand-run SQL), tells the
-- listening API processes at commit, so they keep the calendar index in memory between changes
-- instead of checking the administrators' overrides at every request (db/calendar-notifications.ts).
CREATE FUNCTION notify_calendar_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('calendar_changed', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER calendar_entries_notify
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_entries
  FOR EACH STATEMENT EXECUTE FUNCTION notify_calendar_changed();
