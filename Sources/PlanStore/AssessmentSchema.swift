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
}
