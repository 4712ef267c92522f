import Foundation
import XMLCoder
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

// MARK: - Workbook and relationships

extension XLSXReader {
    /// The workbook part: its sheets and relationships.
    struct Workbook {
        struct Sheet {
            var name: String
            var relationship: String?
        }

        let zip: ZipDirectory
        /// The workbook part's path, normally `xl/workbook.xml`.
        let path: String
        let sheets: [Sheet]

        init(_ zip: ZipDirectory) throws(XLSXError) {
            self.zip = zip
            var path = "xl/workbook.xml"
            if zip.contains("_rels/.rels"),
                let document = try Self.relationships(zip, "_rels/.rels").first(where: { $0.type.hasSuffix("/officeDocument") })
            {
                path = Self.resolve(document.target, from: "")
            }
            guard zip.contains(path) else { throw XLSXError(.missingPart(path)) }
            self.path = path
            sheets =
                try XLSXReader.decode(WorkbookXML.self, zip.read(path), part: path).sheets?.sheet?
                .map { Sheet(name: $0.name, relationship: $0.relationship) } ?? []
        }

        /// The path of a sheet's part.
        func partPath(of sheet: Sheet) throws(XLSXError) -> String {
            let relsPath = relationshipsPath
            guard zip.contains(relsPath) else { throw XLSXError(.missingPart(relsPath)) }
            guard let id = sheet.relationship,
                let relationship = try Self.relationships(zip, relsPath).first(where: { $0.id == id })
            else {
                let detail = "no relationship for sheet “\(sheet.name)” (\(sheet.relationship ?? "no r:id"))"
                throw XLSXError(.malformedXML(part: relsPath, detail: detail))
            }
            let target = Self.resolve(relationship.target, from: directory)
            guard zip.contains(target) else { throw XLSXError(.missingPart(target)) }
            return target
        }

        /// The path of the shared-strings part, or `nil` when the workbook has none.
        func sharedStringsPath() throws(XLSXError) -> String? {
            if zip.contains(relationshipsPath),
                let strings = try Self.relationships(zip, relationshipsPath).first(where: { $0.type.hasSuffix("/sharedStrings") })
            {
                let target = Self.resolve(strings.target, from: directory)
                guard zip.contains(target) else { throw XLSXError(.missingPart(target)) }
                return target
            }
            return zip.contains("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : nil
        }

        private var directory: String {
            path.split(separator: "/").dropLast().joined(separator: "/")
        }

        private var relationshipsPath: String {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return (directory.isEmpty ? "" : directory + "/") + "_rels/" + name + ".rels"
        }

        private static func relationships(_ zip: ZipDirectory, _ path: String) throws(XLSXError) -> [RelationshipsXML.Relationship] {
            let all = try XLSXReader.decode(RelationshipsXML.self, zip.read(path), part: path).relationship ?? []
            return all.filter { $0.targetMode?.lowercased() != "external" }
        }

        /// The part path a relationship target names: absolute (`/xl/worksheets/sheet1.xml`) or
        /// relative to `directory` (`worksheets/sheet1.xml`, `../xl/...`).
        static func resolve(_ target: String, from directory: String) -> String {
            let decoded = target.removingPercentEncoding ?? target
            let joined = decoded.hasPrefix("/") ? decoded : directory + "/" + decoded
            var parts: [Substring] = []
            for segment in joined.split(separator: "/") where segment != "." {
                if segment == ".." { _ = parts.popLast() } else { parts.append(segment) }
            }
            return parts.joined(separator: "/")
        }
    }

    private struct WorkbookXML: Decodable {
        struct Sheets: Decodable {
            var sheet: [Sheet]?
        }

        struct Sheet: Decodable {
            var name: String
            /// The `r:id` attribute, whatever prefix the file binds to the relationships namespace.
            var relationship: String?

            private struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Key.self)
                name = try container.decode(String.self, forKey: Key(stringValue: "name"))
                relationship = try container.allKeys.first { $0.stringValue.hasSuffix(":id") }
                    .map { try container.decode(String.self, forKey: $0) }
            }
        }

        var sheets: Sheets?
    }

    private struct RelationshipsXML: Decodable {
        struct Relationship: Decodable {
            var id: String
            var type: String
            var target: String
            var targetMode: String?

            enum CodingKeys: String, CodingKey {
                case id = "Id"
                case type = "Type"
                case target = "Target"
                case targetMode = "TargetMode"
            }
        }

        var relationship: [Relationship]?

        enum CodingKeys: String, CodingKey {
            case relationship = "Relationship"
        }
    }

    /// Decodes a small part with XMLCoder.
    static func decode<T: Decodable>(_ type: T.Type, _ data: Data, part: String) throws(XLSXError) -> T {
        try rejectDocumentType(data, part: part)
        guard data.count <= 8 << 20 else {
            throw XLSXError(.malformedXML(part: part, detail: "the part is larger than 8 MB"))
        }
        // XMLCoder decodes recursively: a part nested thousands of levels deep would overflow the
        // stack, so the depth is measured first.
        guard nestingDepth(data) <= maxNestingDepth else {
            throw XLSXError(.malformedXML(part: part, detail: "elements nested deeper than \(maxNestingDepth) levels"))
        }
        let decoder = XMLDecoder()
        decoder.shouldProcessNamespaces = true
        do {
            return try decoder.decode(type, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            throw XLSXError(.malformedXML(part: part, detail: "missing “\(key.stringValue)”"))
        } catch {
            throw XLSXError(.malformedXML(part: part, detail: "not well-formed XML or unexpected structure"))
        }
    }

    /// The deepest nesting a small part may have (workbooks and relationships need about five).
    static let maxNestingDepth = 64

    /// The deepest element nesting in `data`, counted from its tags without parsing: `<a>` opens,
    /// `</a>` closes, `<a/>`, `<?…?>` and `<!…>` neither. Quoted attribute values are skipped, so a
    /// `>` or `/>` inside one (`<a b="/>">`) cannot hide an element.
    static func nestingDepth(_ data: Data) -> Int {
        var depth = 0
        var deepest = 0
        var inTag = false
        var closing = false
        var special = false
        var quote: UInt8 = 0
        var previous: UInt8 = 0
        var first = false
        for byte in data {
            if !inTag {
                if byte == UInt8(ascii: "<") {
                    inTag = true
                    first = true
                    previous = byte
                }
                continue
            }
            if quote != 0 {
                if byte == quote { quote = 0 }
                previous = byte
                continue
            }
            if first {
                closing = byte == UInt8(ascii: "/")
                special = byte == UInt8(ascii: "?") || byte == UInt8(ascii: "!")
                first = false
            }
            if !special, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                inTag = false
                if special || previous == UInt8(ascii: "/") {
                } else if closing {
                    depth -= 1
                } else {
                    depth += 1
                    deepest = max(deepest, depth)
                }
            }
            previous = byte
        }
        return deepest
    }

    /// Refuses document type declarations, which spreadsheets never use, to rule out entity
    /// expansion attacks; and any part not in UTF-8 (a UTF-16 part could hide its declaration
    /// from the byte search).
    static func rejectDocumentType(_ data: Data, part: String) throws(XLSXError) {
        let head = Array(data.prefix(2))
        if head == [0xFE, 0xFF] || head == [0xFF, 0xFE] || (head.count == 2 && (head[0] == 0 || head[1] == 0)) {
            throw XLSXError(.malformedXML(part: part, detail: "only UTF-8 XML is accepted"))
        }
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil {
            throw XLSXError(.malformedXML(part: part, detail: "document type declarations are not allowed"))
        }
    }
}
