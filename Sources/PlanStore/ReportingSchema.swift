import Foundation

/// The tables of data collection: reporting units and accounts (migration 3), the calendar,
/// submissions, values and their revisions (4), and the append-only audit log (5).
enum ReportingSchema {
    static let accounts = [
        """
        CREATE TABLE units (code TEXT PRIMARY KEY, position BIGINT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
          kind TEXT NOT NULL, parent_code TEXT, region_code TEXT NOT NULL)
        """,
        """
        CREATE TABLE users (username TEXT PRIMARY KEY, display_name TEXT NOT NULL, unit_code TEXT NOT NULL REFERENCES units(code),
          role TEXT NOT NULL, password_hash TEXT NOT NULL, disabled BIGINT NOT NULL, created_at TEXT NOT NULL,
          password_changed_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users(username),
          csrf_token TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, ip TEXT NOT NULL)
        """,
        "CREATE INDEX sessions_by_user ON sessions (username)",
        """
        CREATE TABLE api_tokens (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users(username),
          label TEXT NOT NULL, created_at TEXT NOT NULL, revoked BIGINT NOT NULL)
        """,
    ]

    static let reporting = [
        """
        CREATE TABLE schedule (unit_code TEXT NOT NULL REFERENCES units(code), indicator_key TEXT NOT NULL
          REFERENCES indicators(indicator_key), frequency TEXT NOT NULL, first_year BIGINT NOT NULL, due_days BIGINT NOT NULL,
          lock_days BIGINT NOT NULL, PRIMARY KEY (unit_code, indicator_key, frequency))
        """,
        "CREATE TABLE reconciliation_tolerances (indicator_key TEXT PRIMARY KEY, tolerance DOUBLE PRECISION NOT NULL)",
        """
        CREATE TABLE submissions (unit_code TEXT NOT NULL REFERENCES units(code), period TEXT NOT NULL, status TEXT NOT NULL,
          reopened BIGINT NOT NULL, submitted_by TEXT, reviewed_by TEXT, reason TEXT, updated_at TEXT NOT NULL,
          PRIMARY KEY (unit_code, period))
        """,
        """
        CREATE TABLE report_values (unit_code TEXT NOT NULL REFERENCES units(code), indicator_key TEXT NOT NULL,
          period TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, comment TEXT NOT NULL, explanation TEXT NOT NULL,
          flags TEXT NOT NULL, approved_value DOUBLE PRECISION, revision BIGINT NOT NULL, updated_by TEXT NOT NULL,
          updated_at TEXT NOT NULL, PRIMARY KEY (unit_code, period, indicator_key))
        """,
        """
        CREATE TABLE value_revisions (unit_code TEXT NOT NULL, indicator_key TEXT NOT NULL, period TEXT NOT NULL,
          revision BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL, comment TEXT NOT NULL, explanation TEXT NOT NULL,
          changed_by TEXT NOT NULL, changed_at TEXT NOT NULL, reason TEXT NOT NULL, channel TEXT NOT NULL,
          PRIMARY KEY (unit_code, period, indicator_key, revision))
        """,
    ]

    private static let auditColumns = """
        at TEXT NOT NULL, actor TEXT NOT NULL, actor_unit TEXT NOT NULL, ip TEXT NOT NULL, action TEXT NOT NULL,
          unit_code TEXT NOT NULL, subject TEXT NOT NULL, before_value TEXT NOT NULL, after_value TEXT NOT NULL, detail TEXT NOT NULL
        """

    /// The audit log refuses updates and deletes: a trigger aborts them.
    static let auditSQLite = [
        "CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, \(auditColumns))",
        "CREATE INDEX audit_by_action ON audit_log (action, subject, at)",
        "CREATE INDEX audit_by_unit ON audit_log (unit_code, id)",
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    ]

    static let auditPostgreSQL = [
        "CREATE TABLE audit_log (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, \(auditColumns))",
        "CREATE INDEX audit_by_action ON audit_log (action, subject, at)",
        "CREATE INDEX audit_by_unit ON audit_log (unit_code, id)",
        """
        CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
        """,
        """
        CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
          FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()
        """,
        """
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
          FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()
        """,
    ]
}
