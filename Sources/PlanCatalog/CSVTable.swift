import Foundation
import SwiftCSV

/// A CSV file read into a header and rows, each row remembering its line in the file.
struct CSVTable {
    var header: [String]
    var rows: [Row]

    struct Row {
        /// The 1-based line of the file the row starts on (the header is line 1).
        var line: Int
        var fields: [String: String]

        subscript(_ column: String) -> String {
            (fields[column] ?? "").trimmingCharacters(in: .whitespaces)
        }
    }

    /// Parses `text`; a missing required column or a malformed file is a problem in `log`.
    static func parse(_ text: String, file: String, required: [String], log: ProblemLog) -> CSVTable? {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: body, delimiter: .comma, loadColumns: false)
        } catch {
            log.add(file: file, "not a readable CSV file: \(error)")
            return nil
        }
        let header = csv.header.map { $0.trimmingCharacters(in: .whitespaces) }
        let missing = required.filter { !header.contains($0) }
        if !missing.isEmpty {
            log.add(
                file: file, line: 1,
                "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) (header: \(header.joined(separator: ",")))")
            return nil
        }
        var line = 2
        var rows: [Row] = []
        for values in csv.rows {
            var fields: [String: String] = [:]
            for (i, name) in header.enumerated() where i < values.count {
                fields[name] = values[i]
            }
            if values.count != header.count {
                log.add(file: file, line: line, "expected \(header.count) fields, found \(values.count)")
            }
            rows.append(Row(line: line, fields: fields))
            line += 1 + values.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
        }
        return CSVTable(header: header, rows: rows)
    }
}
