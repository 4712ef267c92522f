import Foundation

/// The tables of supervision (migration 9): unit aliases, the responsibility list's work tasks
/// with their units and milestones, monthly progress reports, evidence files (stored with the
/// data, so that every server process on one database sees them) and each person's marks on
/// alerts.
enum SupervisionSchema {
    static let common = [
        "ALTER TABLE units ADD COLUMN aliases TEXT NOT NULL DEFAULT ''",
        """
        CREATE TABLE work_tasks (id TEXT PRIMARY KEY, year BIGINT NOT NULL, number TEXT NOT NULL, position BIGINT NOT NULL,
          title TEXT NOT NULL, article BIGINT, due TEXT, due_text TEXT NOT NULL, deliverable TEXT NOT NULL, target_ids TEXT NOT NULL,
          updated_by TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX work_tasks_by_year ON work_tasks (year, position)",
        """
        CREATE TABLE task_units (task_id TEXT NOT NULL REFERENCES work_tasks(id), unit_code TEXT NOT NULL REFERENCES units(code),
          role TEXT NOT NULL, position BIGINT NOT NULL, PRIMARY KEY (task_id, unit_code))
        """,
        "CREATE INDEX task_units_by_unit ON task_units (unit_code)",
        """
        CREATE TABLE task_milestones (task_id TEXT NOT NULL REFERENCES work_tasks(id), seq BIGINT NOT NULL, due TEXT NOT NULL,
          deliverable TEXT NOT NULL, done_on TEXT, done_by TEXT, PRIMARY KEY (task_id, seq))
        """,
        """
        CREATE TABLE task_progress (task_id TEXT NOT NULL REFERENCES work_tasks(id), unit_code TEXT NOT NULL REFERENCES units(code),
          period TEXT NOT NULL, status TEXT NOT NULL, confidence TEXT NOT NULL, narrative TEXT NOT NULL, state TEXT NOT NULL,
          reason TEXT, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL, submitted_by TEXT, reviewed_by TEXT,
          PRIMARY KEY (task_id, unit_code, period))
        """,
        "CREATE INDEX task_progress_by_unit ON task_progress (unit_code, period)",
        """
        CREATE TABLE alert_marks (alert_key TEXT NOT NULL, username TEXT NOT NULL REFERENCES users(username), mark TEXT NOT NULL,
          at TEXT NOT NULL, PRIMARY KEY (alert_key, username))
        """,
    ]

    private static func evidence(_ bytes: String) -> [String] {
        [
            """
            CREATE TABLE evidence_files (id TEXT PRIMARY KEY, task_id TEXT NOT NULL REFERENCES work_tasks(id),
              unit_code TEXT NOT NULL REFERENCES units(code), period TEXT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL,
              size BIGINT NOT NULL, sha256 TEXT NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL, data \(bytes) NOT NULL)
            """,
            "CREATE INDEX evidence_by_report ON evidence_files (task_id, unit_code, period)",
        ]
    }

    static let sqlite = evidence("BLOB")
    static let postgresql = evidence("BYTEA")

    /// Supervision orders (migration 10): the orders, each step of their history and the
    /// evidence of their answers. Issuing takes the supervision version's row first, so that two
    /// issuers on PostgreSQL number their orders in turn.
    static let orders = [
        """
        CREATE TABLE supervision_orders (id TEXT PRIMARY KEY, year BIGINT NOT NULL, seq BIGINT NOT NULL,
          unit_code TEXT NOT NULL REFERENCES units(code), subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL, matter TEXT NOT NULL,
          requirement TEXT NOT NULL, level TEXT NOT NULL, due TEXT NOT NULL, state TEXT NOT NULL, issued_by TEXT NOT NULL,
          issuer_unit TEXT NOT NULL, issued_on TEXT NOT NULL, closed_on TEXT, source TEXT, updated_at TEXT NOT NULL, UNIQUE (year, seq))
        """,
        "CREATE INDEX orders_by_unit ON supervision_orders (unit_code, state)",
        """
        CREATE TABLE order_events (order_id TEXT NOT NULL REFERENCES supervision_orders(id), seq BIGINT NOT NULL, at TEXT NOT NULL,
          actor TEXT NOT NULL, actor_unit TEXT NOT NULL, action TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY (order_id, seq))
        """,
        """
        INSERT INTO plan_meta (name, value) SELECT 'supervision_version', '0'
          WHERE NOT EXISTS (SELECT 1 FROM plan_meta WHERE name = 'supervision_version')
        """,
    ]

    private static func orderFiles(_ bytes: String) -> [String] {
        [
            """
            CREATE TABLE order_files (id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES supervision_orders(id),
              event_seq BIGINT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL,
              uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL, data \(bytes) NOT NULL)
            """,
            "CREATE INDEX order_files_by_order ON order_files (order_id, event_seq)",
        ]
    }

    static let ordersSQLite = orderFiles("BLOB")
    static let ordersPostgreSQL = orderFiles("BYTEA")

    /// The policy list (migration 11): one row per policy, its issuing units and articles as
    /// `|`-joined codes and numbers.
    static let policies = [
        """
        CREATE TABLE policies (id TEXT PRIMARY KEY, position BIGINT NOT NULL, title TEXT NOT NULL, issuers TEXT NOT NULL,
          document_number TEXT NOT NULL, articles TEXT NOT NULL, planned TEXT, planned_text TEXT NOT NULL, issued_on TEXT, status TEXT NOT NULL,
          link TEXT NOT NULL, note TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL)
        """
    ]

    /// Alert delivery (migration 12): subscriptions, the alerts each has taken, and the outbox.
    private static func delivery(_ bytes: String) -> [String] {
        [
            """
            CREATE TABLE subscriptions (id TEXT PRIMARY KEY, owner_kind TEXT NOT NULL, owner TEXT NOT NULL, channel TEXT NOT NULL,
              target TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE alert_deliveries (subscription_id TEXT NOT NULL, alert_key TEXT NOT NULL, at TEXT NOT NULL,
              PRIMARY KEY (subscription_id, alert_key))
            """,
            """
            CREATE TABLE delivery_outbox (id TEXT PRIMARY KEY, subscription_id TEXT NOT NULL, unit_code TEXT NOT NULL, channel TEXT NOT NULL,
              target TEXT NOT NULL, subject TEXT NOT NULL, body \(bytes) NOT NULL, state TEXT NOT NULL, attempts BIGINT NOT NULL,
              next_attempt_at TEXT NOT NULL, last_error TEXT NOT NULL, created_at TEXT NOT NULL, sent_at TEXT)
            """,
            "CREATE INDEX outbox_due ON delivery_outbox (state, next_attempt_at)",
        ]
    }

    static let deliverySQLite = delivery("BLOB")
    static let deliveryPostgreSQL = delivery("BYTEA")

    /// Stocktakes (migration 13): the meeting with its targets' statuses on the day, and its
    /// decisions with the order or task each became.
    static let stocktakes = [
        """
        CREATE TABLE stocktakes (id TEXT PRIMARY KEY, day TEXT NOT NULL, scope TEXT NOT NULL, statuses TEXT NOT NULL, created_by TEXT NOT NULL,
          created_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE stocktake_decisions (stocktake_id TEXT NOT NULL REFERENCES stocktakes(id), seq BIGINT NOT NULL, text TEXT NOT NULL,
          kind TEXT NOT NULL, unit_code TEXT, due TEXT, ref TEXT, decided_by TEXT NOT NULL, decided_at TEXT NOT NULL,
          PRIMARY KEY (stocktake_id, seq))
        """,
    ]

    /// Reporting diligence (migration 14): when a period of figures and a task report were first
    /// submitted, and the day a task entered the list. Rows from before are filled from the audit
    /// log (first submissions) and from the task's last change (the day listed).
    static let diligence = [
        "ALTER TABLE submissions ADD COLUMN first_submitted_at TEXT",
        "ALTER TABLE task_progress ADD COLUMN first_submitted_at TEXT",
        "ALTER TABLE work_tasks ADD COLUMN listed_on TEXT",
        """
        UPDATE submissions SET first_submitted_at = (SELECT MIN(a.at) FROM audit_log a WHERE a.unit_code = submissions.unit_code
          AND a.subject = submissions.period AND a.action IN ('submission.submit', 'submission.resubmit'))
        """,
        """
        UPDATE task_progress SET first_submitted_at = (SELECT MIN(a.at) FROM audit_log a WHERE a.unit_code = task_progress.unit_code
          AND a.subject = task_progress.task_id || ' ' || task_progress.period AND a.action = 'progress.submit')
        """,
        "UPDATE work_tasks SET listed_on = SUBSTR(updated_at, 1, 10)",
        "CREATE INDEX task_progress_by_period ON task_progress (period)",
        """
        CREATE INDEX task_progress_done ON task_progress (task_id, unit_code, period)
          WHERE status = 'done' AND state IN ('submitted', 'approved')
        """,
    ]
}
