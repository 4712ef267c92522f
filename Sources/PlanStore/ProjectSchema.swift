import Foundation

/// The major-project library (migration 18). A project's fields are kept as one JSON document
/// beside the columns lists filter on; every approved change keeps the version before it.
/// Monthly reports are rows of their own (a year's dispatch is tens of thousands of them).
enum ProjectSchema {
    static let tables = [
        """
        CREATE TABLE projects (code TEXT PRIMARY KEY, unit_code TEXT NOT NULL, city_code TEXT NOT NULL, sector TEXT NOT NULL,
          stage TEXT NOT NULL, window_year BIGINT NOT NULL, version BIGINT NOT NULL, body TEXT NOT NULL, declared_by TEXT NOT NULL,
          declared_at TEXT NOT NULL, updated_at TEXT NOT NULL)
        """,
        "CREATE INDEX projects_by_window ON projects (window_year, stage)",
        """
        CREATE TABLE project_versions (code TEXT NOT NULL REFERENCES projects(code), version BIGINT NOT NULL, body TEXT NOT NULL,
          changed_by TEXT NOT NULL, changed_at TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (code, version))
        """,
        """
        CREATE TABLE project_transitions (code TEXT NOT NULL REFERENCES projects(code), seq BIGINT NOT NULL, from_stage TEXT,
          to_stage TEXT NOT NULL, on_day TEXT NOT NULL, by_user TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (code, seq))
        """,
        """
        CREATE TABLE project_windows (year BIGINT PRIMARY KEY, opens TEXT NOT NULL, closes TEXT NOT NULL, criteria TEXT NOT NULL,
          opened_by TEXT NOT NULL, published_at TEXT)
        """,
        """
        CREATE TABLE project_reviews (code TEXT NOT NULL REFERENCES projects(code), reviewer TEXT NOT NULL, score DOUBLE PRECISION NOT NULL,
          comment TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (code, reviewer))
        """,
        """
        CREATE TABLE project_adjustments (id BIGINT PRIMARY KEY, code TEXT NOT NULL REFERENCES projects(code), kind TEXT NOT NULL,
          proposed TEXT NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL, requested_by TEXT NOT NULL, requested_at TEXT NOT NULL,
          decided_by TEXT, decided_at TEXT, decision_note TEXT NOT NULL, version BIGINT)
        """,
        "CREATE INDEX project_adjustments_by_code ON project_adjustments (code)",
        """
        CREATE TABLE project_reports (code TEXT NOT NULL REFERENCES projects(code), month TEXT NOT NULL,
          investment_month DOUBLE PRECISION NOT NULL, investment_to_date DOUBLE PRECISION NOT NULL, investment_year DOUBLE PRECISION NOT NULL,
          progress DOUBLE PRECISION NOT NULL, milestones TEXT NOT NULL, status TEXT NOT NULL, submitted_by TEXT NOT NULL,
          submitted_at TEXT NOT NULL, first_submitted_at TEXT NOT NULL, reviewed_by TEXT, review_note TEXT NOT NULL,
          PRIMARY KEY (code, month))
        """,
        "CREATE INDEX project_reports_by_month ON project_reports (month, status)",
        "CREATE INDEX project_reports_by_status ON project_reports (status, month)",
        // Each project's latest approved report: read from the index alone.
        "CREATE INDEX project_reports_approved ON project_reports (status, code, month)",
        """
        CREATE TABLE project_problems (id BIGINT PRIMARY KEY, code TEXT NOT NULL REFERENCES projects(code), month TEXT NOT NULL,
          text TEXT NOT NULL, help TEXT NOT NULL, owner_unit TEXT NOT NULL, due TEXT NOT NULL, closed_on TEXT, closed_by TEXT,
          closing_note TEXT NOT NULL)
        """,
        "CREATE INDEX project_problems_by_code ON project_problems (code)",
        "CREATE TABLE project_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        INSERT INTO plan_meta (name, value) SELECT 'projects_version', '0'
          WHERE NOT EXISTS (SELECT 1 FROM plan_meta WHERE name = 'projects_version')
        """,
    ]
}
