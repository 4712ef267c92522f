import Foundation

/// The tables of the assessment (migration 15): schemes and their versions (the YAML as written),
/// rounds, each freezing of a round's data and the observations it kept.
enum AssessmentSchema {
    static let tables = [
        """
        CREATE TABLE assessment_schemes (id TEXT NOT NULL, version BIGINT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL,
          note TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (id, version))
        """,
        """
        CREATE TABLE assessment_rounds (id TEXT PRIMARY KEY, year BIGINT NOT NULL, seq BIGINT NOT NULL, scheme_id TEXT NOT NULL,
          scheme_version BIGINT NOT NULL, cutoff TEXT NOT NULL, state TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL,
          published_by TEXT, published_at TEXT, FOREIGN KEY (scheme_id, scheme_version) REFERENCES assessment_schemes (id, version))
        """,
        """
        CREATE TABLE round_snapshots (round_id TEXT NOT NULL REFERENCES assessment_rounds(id), seq BIGINT NOT NULL,
          data_version BIGINT NOT NULL, observations BIGINT NOT NULL, frozen_by TEXT NOT NULL, frozen_at TEXT NOT NULL, reason TEXT NOT NULL,
          PRIMARY KEY (round_id, seq))
        """,
        """
        CREATE TABLE round_observations (round_id TEXT NOT NULL, seq BIGINT NOT NULL, indicator_key TEXT NOT NULL, region_code TEXT NOT NULL,
          period TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, source TEXT NOT NULL, link TEXT NOT NULL, quote TEXT NOT NULL,
          qualifier TEXT NOT NULL, revision BIGINT NOT NULL, PRIMARY KEY (round_id, seq, indicator_key, region_code, period))
        """,
    ]

    /// Appeals against score-sheet lines, with the office's decision and the evidence files
    /// (migration 16).
    static func appeals(_ bytes: String) -> [String] {
        [
            """
            CREATE TABLE round_appeals (round_id TEXT NOT NULL REFERENCES assessment_rounds(id), seq BIGINT NOT NULL,
              unit_code TEXT NOT NULL, target_id TEXT NOT NULL, snapshot_seq BIGINT NOT NULL, reason TEXT NOT NULL, state TEXT NOT NULL,
              filed_by TEXT NOT NULL, filed_at TEXT NOT NULL, decided_by TEXT, decided_at TEXT, decision TEXT NOT NULL,
              corrected_value DOUBLE PRECISION, PRIMARY KEY (round_id, seq))
            """,
            """
            CREATE TABLE appeal_files (id TEXT PRIMARY KEY, round_id TEXT NOT NULL, appeal_seq BIGINT NOT NULL, file_name TEXT NOT NULL,
              content_type TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL,
              data \(bytes) NOT NULL, FOREIGN KEY (round_id, appeal_seq) REFERENCES round_appeals (round_id, seq))
            """,
        ]
    }

    /// Incentive pools of a round (the rule as JSON) and, once confirmed, each unit's allocation
    /// as computed then (migration 16).
    static let pools = [
        """
        CREATE TABLE incentive_pools (round_id TEXT NOT NULL REFERENCES assessment_rounds(id), id TEXT NOT NULL, name TEXT NOT NULL,
          resource TEXT NOT NULL, amount DOUBLE PRECISION NOT NULL, rule TEXT NOT NULL, floor DOUBLE PRECISION NOT NULL,
          cap DOUBLE PRECISION, vetoed TEXT NOT NULL, decimals BIGINT NOT NULL, state TEXT NOT NULL, created_by TEXT NOT NULL,
          created_at TEXT NOT NULL, confirmed_by TEXT, confirmed_at TEXT, PRIMARY KEY (round_id, id))
        """,
        """
        CREATE TABLE incentive_allocations (round_id TEXT NOT NULL, pool_id TEXT NOT NULL, position BIGINT NOT NULL, unit_code TEXT NOT NULL,
          total DOUBLE PRECISION NOT NULL, grade TEXT NOT NULL, vetoed BIGINT NOT NULL, weight DOUBLE PRECISION NOT NULL,
          floor_part DOUBLE PRECISION NOT NULL, exact DOUBLE PRECISION NOT NULL, amount DOUBLE PRECISION NOT NULL, capped BIGINT NOT NULL,
          note_zh TEXT NOT NULL, note_en TEXT NOT NULL, PRIMARY KEY (round_id, pool_id, unit_code),
          FOREIGN KEY (round_id, pool_id) REFERENCES incentive_pools (round_id, id))
        """,
    ]

    /// Qualitative points given per unit and item of a round, with the reason, and each unit's
    /// reporting-diligence score over the year as taken at a freezing (migration 17).
    static let qualitative = [
        """
        CREATE TABLE round_diligence (round_id TEXT NOT NULL, seq BIGINT NOT NULL, unit_code TEXT NOT NULL, score DOUBLE PRECISION NOT NULL,
          PRIMARY KEY (round_id, seq, unit_code), FOREIGN KEY (round_id, seq) REFERENCES round_snapshots (round_id, seq))
        """,
        """
        CREATE TABLE round_qualitative (round_id TEXT NOT NULL REFERENCES assessment_rounds(id), unit_code TEXT NOT NULL, item TEXT NOT NULL,
          points DOUBLE PRECISION NOT NULL, reason TEXT NOT NULL, entered_by TEXT NOT NULL, entered_at TEXT NOT NULL,
          PRIMARY KEY (round_id, unit_code, item))
        """,
    ]
}
