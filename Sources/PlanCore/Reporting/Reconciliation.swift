import Foundation

/// One comparison of a region's figure with the sum of its subordinate regions' figures.
public struct ReconciliationRow: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        /// Every subordinate region reported and the sum is within tolerance.
        case consistent
        /// The sum differs from the parent beyond tolerance (or, with regions missing, already
        /// exceeds it).
        case mismatch
        /// Some subordinate regions have not reported; no mismatch yet.
        case incomplete
    }

    public var indicatorKey: String
    public var parentCode: String
    public var parentValue: Double
    public var childrenSum: Double
    public var childrenReported: [String]
    public var childrenMissing: [String]
    public var tolerance: Double
    public var status: Status

    /// Children's sum minus the parent's value.
    public var difference: Double { childrenSum - parentValue }
    /// The difference relative to the parent's value.
    public var relativeDifference: Double? { parentValue == 0 ? nil : difference / abs(parentValue) }
}

/// Vertical reconciliation: a city's counties against the city, the cities against the province,
/// for indicators whose values add up across regions.
public enum Reconciliation {
    /// Compares every region in `tree` that has a value and reporting subregions. `values` holds
    /// one indicator's values for one period by region code; `tolerance` is relative to the
    /// parent's value. A parent whose subregions have all reported is consistent within the
    /// tolerance and a mismatch beyond it; with some missing, only a sum that already exceeds the
    /// parent by more than the tolerance is a mismatch.
    public static func check(indicatorKey: String, values: [String: Double], tree: UnitTree, tolerance: Double) -> [ReconciliationRow] {
        var rows: [ReconciliationRow] = []
        for (code, unit) in tree.units.sorted(by: { $0.key < $1.key }) where unit.kind == .region {
            guard let parentValue = values[code] else { continue }
            let children = tree.children(of: code).filter { tree[$0]?.kind == .region }
            let reported = children.filter { values[$0] != nil }
            guard !reported.isEmpty else { continue }
            let sum = reported.reduce(0) { $0 + (values[$1] ?? 0) }
            let allowed = tolerance * abs(parentValue)
            let status: ReconciliationRow.Status
            if reported.count == children.count {
                status = abs(sum - parentValue) <= allowed ? .consistent : .mismatch
            } else {
                status = sum - parentValue > allowed ? .mismatch : .incomplete
            }
            rows.append(
                ReconciliationRow(
                    indicatorKey: indicatorKey, parentCode: code, parentValue: parentValue, childrenSum: sum, childrenReported: reported,
                    childrenMissing: children.filter { values[$0] == nil }, tolerance: tolerance, status: status))
        }
        return rows
    }
}
