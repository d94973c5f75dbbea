-- Every change of what signing in reads (an account, its roles, its standing council seat, the
-- departments), by any writer (the API, the migrate step's bootstrap, hand-run SQL), tells the
-- listening API processes at commit, so they keep signed-in accounts in memory between changes
-- instead of reading the account at every request (api/auth/users.ts, db/change-notifications.ts).
CREATE FUNCTION notify_accounts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('accounts_changed', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_accounts_notify
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_accounts_changed();
CREATE TRIGGER user_roles_accounts_notify
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_roles
  FOR EACH STATEMENT EXECUTE FUNCTION notify_accounts_changed();
CREATE TRIGGER council_memberships_accounts_notify
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON council_memberships
  FOR EACH STATEMENT EXECUTE FUNCTION notify_accounts_changed();
CREATE TRIGGER departments_accounts_notify
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON departments
  FOR EACH STATEMENT EXECUTE FUNCTION notify_accounts_changed();
