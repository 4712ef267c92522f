import Foundation

/// Finds reporting units by the names lists use: the code (`dept-drc`, `370100`), the full name
/// (山东省发展和改革委员会), an alias (省发展改革委), the name with 山东省 shortened to 省
/// (省生态环境厅), a city without 市 (济南), or a county under its city (济南市市中区) when the
/// county's name alone is ambiguous.
public struct UnitMatcher: Sendable {
    /// What a name matched.
    public enum Match: Sendable, Equatable {
        case unit(String)
        case unknown
        /// Several units have this name.
        case ambiguous([String])
    }

    private let names: [String: Set<String>]

    public init(_ units: [ReportingUnit]) {
        var names: [String: Set<String>] = [:]
        func add(_ name: String, _ code: String) {
            let key = Self.normalized(name)
            if !key.isEmpty { names[key, default: []].insert(code) }
        }
        let byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for unit in units {
            add(unit.code, unit.code)
            add(unit.nameZh, unit.code)
            add(unit.nameEn, unit.code)
            for alias in unit.aliases { add(alias, unit.code) }
            if unit.nameZh.hasPrefix("山东省") { add("省" + unit.nameZh.dropFirst(3), unit.code) }
            if unit.nameZh.hasPrefix("山东"), !unit.nameZh.hasPrefix("山东省") { add(String(unit.nameZh.dropFirst(2)), unit.code) }
            if unit.kind == .region, unit.nameZh.count > 2, unit.nameZh.hasSuffix("市"), byCode[unit.parentCode ?? ""]?.parentCode == nil {
                add(String(unit.nameZh.dropLast()), unit.code)
            }
            if unit.kind == .region, let parent = unit.parentCode.flatMap({ byCode[$0] }), parent.parentCode != nil {
                add(parent.nameZh + unit.nameZh, unit.code)
            }
        }
        self.names = names
    }

    /// Full-width letters and digits made half-width, spaces and 山东省 shorthand kept as written,
    /// letters lowercased.
    static func normalized(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            if scalar.value >= 0xFF01 && scalar.value <= 0xFF5E {
                result.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            } else if !CharacterSet.whitespacesAndNewlines.contains(scalar) && scalar != "\u{3000}" {
                result.unicodeScalars.append(scalar)
            }
        }
        return result.lowercased()
    }

    public func match(_ name: String) -> Match {
        guard let codes = names[Self.normalized(name)] else { return .unknown }
        return codes.count == 1 ? .unit(codes.first!) : .ambiguous(codes.sorted())
    }

    /// Splits a cell naming several units (`省发展改革委、省能源局`; also `,` `，` `;` `；` `/` and
    /// line breaks).
    public static func split(_ cell: String) -> [String] {
        cell.components(separatedBy: CharacterSet(charactersIn: "、,，;；/\n\r")).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }.filter { !$0.isEmpty }
    }
}
