import Foundation
import PlanCore
import PlanFiles

/// A table of typed cells with named columns: the one shape PlanTrack exchanges lists in, written
/// as CSV (for Excel and other tools) or JSON (for programs) from the same rows.
public struct DataTable: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[Cell]]

    public init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    /// One value of a table.
    public enum Cell: Sendable, Hashable {
        case text(String)
        case number(Double?)
        case integer(Int?)
        case bool(Bool)

        /// The cell as plain text: numbers by `PlainNumber`, empty for missing values.
        public var text: String {
            switch self {
            case .text(let s): s
            case .number(let x): PlainNumber.format(x)
            case .integer(let n): n.map(String.init) ?? ""
            case .bool(let b): b ? "true" : "false"
            }
        }

        /// The cell as a CSV field's text: text that a spreadsheet would take for a formula is
        /// neutralized (``SpreadsheetText``); numbers are written as they are.
        public var csvText: String {
            if case .text(let s) = self { return SpreadsheetText.neutralized(s) }
            return text
        }

        /// Whether the cell holds a number (for right-aligned display).
        public var isNumeric: Bool {
            switch self {
            case .number, .integer: true
            default: false
            }
        }
    }
}

extension DataTable {
    /// RFC 4180 CSV with a header row, `\n` line ends, fields quoted only where needed.
    public func csv() -> String {
        let header = columns.map(Self.csvField).joined(separator: ",") + "\n"
        // Large tables are written in parts, side by side on the processor's cores.
        let parts = stride(from: 0, to: rows.count, by: 1_000).map { rows[$0..<min(rows.count, $0 + 1_000)] }
            .parallelMap(minimumChunk: 4) { part in
                var out = ""
                for row in part {
                    for (i, cell) in row.enumerated() {
                        if i > 0 { out += "," }
                        out += Self.csvField(cell.csvText)
                    }
                    out += "\n"
                }
                return out
            }
        return header + parts.joined()
    }

    static func csvField(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A JSON array of objects whose keys are the columns, in column order; numbers are JSON
    /// numbers, missing values `null`.
    public func json() -> String {
        let objects = rows.map { row in
            let fields = zip(columns, row).map { column, cell in
                Self.jsonString(column) + ": " + Self.jsonValue(cell)
            }
            return "  {" + fields.joined(separator: ", ") + "}"
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    static func jsonValue(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): jsonString(s)
        case .number(let x): x.map { PlainNumber.format($0) } ?? "null"
        case .integer(let n): n.map(String.init) ?? "null"
        case .bool(let b): b ? "true" : "false"
        }
    }

    static func jsonString(_ s: String) -> String { JSONText.quoted(s) }
}
