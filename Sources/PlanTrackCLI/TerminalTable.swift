import Foundation
import PlanServices

extension DataTable {
    /// The table for a terminal: aligned columns (Chinese counted as two columns), numbers right
    /// aligned, cells longer than `maxColumnWidth` cut with ….
    func terminalText(maxColumnWidth: Int = 40) -> String {
        // Control characters (escape sequences from a hostile user name, say) are shown, never sent.
        let texts = rows.map { $0.map { TerminalText.truncate(TextInput.visible($0.text), to: maxColumnWidth) } }
        let widths = columns.indices.map { i in
            max(TerminalText.width(columns[i]), texts.map { TerminalText.width($0[i]) }.max() ?? 0)
        }
        func line(_ cells: [String], numeric: [Bool]) -> String {
            cells.indices.map { TerminalText.pad(cells[$0], to: widths[$0], right: numeric[$0]) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        let numeric = columns.indices.map { i in rows.contains { $0[i].isNumeric } && !rows.contains { !$0[i].isNumeric } }
        var out = [line(columns, numeric: numeric), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += texts.map { line($0, numeric: numeric) }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
