import Foundation
import PlanFiles

extension CSVTable {
    /// Parses `text`; a missing required column or a row of the wrong width is a problem in `log`.
    static func parse(_ text: String, file: String, required: [String], log: ProblemLog) -> CSVTable? {
        var records = parseRecords(text)
        guard !records.isEmpty else {
            log.add(file: file, "the file is empty: expected a header row")
            return nil
        }
        let header = records.removeFirst().values
        let missing = required.filter { !header.contains($0) }
        if !missing.isEmpty {
            log.add(
                file: file, line: 1,
                "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) (header: \(header.joined(separator: ",")))")
            return nil
        }
        for row in records where row.values.count != header.count {
            log.add(file: file, line: row.line, "expected \(header.count) fields, found \(row.values.count)")
        }
        return CSVTable(header: header, rows: records)
    }
}
