import Foundation

/// The reporting hierarchy: who reports to whom. Permissions are scoped to a unit and the units
/// below it.
public struct UnitTree: Sendable {
    public let units: [String: ReportingUnit]
    private let childCodes: [String: [String]]

    public init(_ units: [ReportingUnit]) {
        self.units = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var children: [String: [String]] = [:]
        for unit in units {
            if let parent = unit.parentCode { children[parent, default: []].append(unit.code) }
        }
        childCodes = children
    }

    /// The unit with no parent (the province).
    public var root: String { units.values.first { $0.parentCode == nil }?.code ?? "370000" }

    /// The unit with `code`.
    public subscript(code: String) -> ReportingUnit? { units[code] }

    /// The units reporting directly to `code`, in the order given.
    public func children(of code: String) -> [String] { childCodes[code] ?? [] }

    /// `code`'s parent, its parent's parent, … up to the root (not `code` itself).
    public func ancestors(of code: String) -> [String] {
        var result: [String] = []
        var current = units[code]?.parentCode
        while let c = current, !result.contains(c) {
            result.append(c)
            current = units[c]?.parentCode
        }
        return result
    }

    /// Whether `code` is `root` or lies below it.
    public func contains(_ code: String, within root: String) -> Bool {
        code == root || ancestors(of: code).contains(root)
    }

    /// `root` and every unit below it, parents before children.
    public func subtree(of root: String) -> [String] {
        var result = [root]
        var i = 0
        while i < result.count {
            result.append(contentsOf: children(of: result[i]))
            i += 1
        }
        return result
    }
}
