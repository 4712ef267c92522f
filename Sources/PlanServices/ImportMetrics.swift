import Metrics

/// Rows kept by imports, by kind (`values`, `project_reports`, `project_declarations`), for the
/// server's metrics.
enum ImportMetrics {
    static func count(_ rows: Int, kind: String) {
        Counter(label: "plantrack_import_rows_total", dimensions: [("kind", kind)]).increment(by: Int64(rows))
    }
}
