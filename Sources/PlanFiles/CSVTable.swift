import Foundation

/// A CSV file (RFC 4180: comma-separated, fields optionally in double quotes with `""` for a
/// quote, CRLF or LF line ends, an optional UTF-8 byte-order mark) read into a header and rows,
/// each row remembering the line it starts on.
///
/// Parsed over UTF-8 bytes in one pass: observation files run to hundreds of thousands of rows.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [Row]
    /// Column positions by name.
    public private(set) var columnIndex: [String: Int]

    public struct Row: Sendable {
        /// The 1-based line of the file the row starts on (the header is line 1).
        public var line: Int
        public var values: [String]
        /// Column positions by name (shared by every row of a table).
        var columns: [String: Int] = [:]

        /// The value at a column position, or empty when the row is short or the column absent.
        public func at(_ position: Int?) -> String {
            guard let position, position < values.count else { return "" }
            return values[position]
        }

        /// The value of `column`, without surrounding spaces; empty when absent.
        public subscript(_ column: String) -> String {
            guard let i = columns[column], i < values.count else { return "" }
            return values[i]
        }
    }

    /// A table of a header and its rows; every row learns the column positions.
    public init(header: [String], rows: [Row]) {
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
        self.header = header
        self.rows = rows.map {
            var r = $0
            r.columns = index
            return r
        }
        columnIndex = index
    }

    /// Splits `text` into records; blank lines are skipped, unquoted fields are trimmed of spaces
    /// and tabs.
    public static func parseRecords(_ text: String) -> [Row] {
        var rows: [Row] = []
        scan(text) { line, values in rows.append(Row(line: line, values: values)) }
        return rows
    }

    /// Calls `body` with each record's first line and its fields, in order, without keeping the
    /// records: for files too large to hold as rows.
    public static func scan(_ text: String, _ body: (Int, [String]) -> Void) {
        var strings: [String] = []
        scanFields(text) { line, fields in
            strings.removeAll(keepingCapacity: true)
            for i in 0..<fields.count { strings.append(fields.string(i)) }
            body(line, strings)
        }
    }

    /// Calls `body` with each record's first line and a view of its fields' bytes, valid only
    /// during the call: the fastest way through a large file, with no string made for a field the
    /// caller does not need.
    public static func scanFields(_ text: String, _ body: (Int, Fields) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            let n = bytes.count
            var line = 1
            var rowLine = 1
            // Each field as a range of `bytes`, or (quoted) of `unquoted`, which holds the field
            // without its quotes and with `""` read as `"`.
            var ranges: [Fields.Span] = []
            var unquoted: [UInt8] = []
            func isEnd(_ b: UInt8) -> Bool { b == UInt8(ascii: ",") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") }
            func emit() {
                if !(ranges.count == 1 && ranges[0].isEmpty) {
                    unquoted.withUnsafeBufferPointer { scratch in
                        body(rowLine, Fields(bytes: bytes, unquoted: scratch, spans: ranges))
                    }
                }
                ranges.removeAll(keepingCapacity: true)
                unquoted.removeAll(keepingCapacity: true)
            }
            while i < n {
                // One field.
                if bytes[i] == UInt8(ascii: "\"") {
                    let start = unquoted.count
                    i += 1
                    while i < n {
                        let b = bytes[i]
                        if b == UInt8(ascii: "\"") {
                            if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\"") {
                                unquoted.append(b)
                                i += 2
                                continue
                            }
                            i += 1
                            break
                        }
                        if b == UInt8(ascii: "\n") { line += 1 }
                        unquoted.append(b)
                        i += 1
                    }
                    ranges.append(Fields.Span(start: start, end: unquoted.count, quoted: true))
                    while i < n, !isEnd(bytes[i]) { i += 1 }
                } else {
                    let start = i
                    while i < n, !isEnd(bytes[i]) { i += 1 }
                    var lo = start
                    var hi = i
                    while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
                    while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
                    ranges.append(Fields.Span(start: lo, end: hi, quoted: false))
                }
                // The separator after it.
                if i < n, bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    if i == n { ranges.append(Fields.Span(start: n, end: n, quoted: false)) }
                    continue
                }
                if i < n, bytes[i] == UInt8(ascii: "\r") { i += 1 }
                if i < n, bytes[i] == UInt8(ascii: "\n") { i += 1 }
                emit()
                line += 1
                rowLine = line
            }
            // A last record ended by a comma and the end of the text.
            if !ranges.isEmpty { emit() }
        }
    }

    /// The fields of one record, as bytes of the text being scanned.
    public struct Fields {
        struct Span {
            var start: Int
            var end: Int
            var quoted: Bool
            var isEmpty: Bool { start == end }
        }

        let bytes: UnsafeBufferPointer<UInt8>
        let unquoted: UnsafeBufferPointer<UInt8>
        let spans: [Span]

        /// How many fields the record has.
        public var count: Int { spans.count }

        /// The bytes of field `i` (unquoted fields without surrounding spaces and tabs).
        public func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            let s = spans[i]
            return UnsafeBufferPointer(rebasing: (s.quoted ? unquoted : bytes)[s.start..<s.end])
        }

        /// Field `i` as text; empty when the record is shorter.
        public func string(_ i: Int?) -> String {
            guard let i, i < spans.count else { return "" }
            return String(decoding: bytes(i), as: UTF8.self)
        }

        /// Whether field `i` holds exactly `other`'s bytes; false when the record is shorter.
        public func field(_ i: Int?, equals other: [UInt8]) -> Bool {
            guard let i, i < spans.count else { return other.isEmpty }
            return bytes(i).elementsEqual(other)
        }
    }
}
