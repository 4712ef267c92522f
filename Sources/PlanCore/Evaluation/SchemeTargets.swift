import Foundation

/// Which target a scheme's item means for one unit (evaluation rules §8): the target itself for
/// its own region; the catalog's own target of the unit for the same indicator and kind where
/// there is one; for a level (an indicator summed over units, of a kind that states a level) the
/// unit's own value set in the scheme, or none; otherwise the provincial target (rates, shares,
/// intensities and relative changes apply to every unit). A unit's base is always its own.
public enum SchemeTargets {
    /// Whether `target` needs a unit's own value to be scored for another unit.
    public static func needsUnitValue(_ target: Target, indicator: Indicator?) -> Bool {
        guard indicator?.aggregation == .sum else { return false }
        switch target.kind {
        case .floor, .ceiling, .reach, .about, .annualCount, .cumulative: return true
        case .relativeChange, .multiple, .ppChange, .annualGrowth, .coverage: return false
        }
    }

    /// The target `item` means for `unit` (its id kept as the item's), or `nil` when the scheme
    /// must set the unit's value and does not.
    public static func resolve(_ item: AssessmentScheme.Item, unit: String, in index: Index) -> Target? {
        guard let target = index.targets[item.targetID] else { return nil }
        if target.regionCode == unit { return target }
        var own: Target
        if let catalog = index.own["\(target.indicatorKey)|\(target.kind.rawValue)|\(unit)"] {
            own = catalog
            own.id = target.id
            return own
        }
        own = target
        own.regionCode = unit
        // The provincial base is the province's: the unit's comes from its own observations.
        own.baseValue = nil
        if needsUnitValue(target, indicator: index.indicators[target.indicatorKey]) {
            guard let value = item.unitValues[unit] else { return nil }
            own.value = value
            own.valueHigh = nil
        }
        return own
    }

    /// The items whose target needs a unit value the scheme does not set, with the units
    /// lacking one (the scheme check).
    public static func missing(_ scheme: AssessmentScheme, units: [String], in index: Index) -> [(targetID: String, units: [String])] {
        scheme.items.compactMap { item in
            guard let target = index.targets[item.targetID] else { return nil }
            let lacking = units.filter { unit in target.regionCode != unit && resolve(item, unit: unit, in: index) == nil }
            return lacking.isEmpty ? nil : (item.targetID, lacking)
        }
    }

    /// The plan's targets and indicators, looked up by id, by indicator, kind and region.
    public struct Index: Sendable {
        var targets: [String: Target]
        var own: [String: Target]
        var indicators: [String: Indicator]

        public init(plan: Plan) {
            targets = Dictionary(plan.targets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            own = Dictionary(plan.targets.map { ("\($0.indicatorKey)|\($0.kind.rawValue)|\($0.regionCode)", $0) }, uniquingKeysWith: { a, _ in a })
            indicators = Dictionary(plan.indicators.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }
}
