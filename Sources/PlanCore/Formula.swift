import Foundation

/// How a computed indicator is computed from others, as DHIS2 indicators are: a sum, a
/// difference, a ratio (times a factor) or a growth over some years, each input optionally fixed
/// to one region (`gdp@370000`: a city's value over the province's).
public struct Formula: Sendable, Hashable, Codable {
    public enum Operation: String, Sendable, Hashable, Codable, CaseIterable {
        /// The inputs added (each converted to the computed indicator's unit).
        case sum
        /// The first input less the second.
        case difference
        /// The first input over the second (converted to the first's unit), times `factor`.
        case ratio
        /// The average annual growth of the one input over `periods` years, in %.
        case growth

        /// How many inputs the operation takes: an exact count, or at least two for a sum.
        public var arity: ClosedRange<Int> {
            switch self {
            case .sum: 2...Int.max
            case .difference, .ratio: 2...2
            case .growth: 1...1
            }
        }
    }

    /// An indicator, in the computed value's own region or in a fixed one.
    public struct Input: Sendable, Hashable, Codable, CustomStringConvertible {
        public var indicatorKey: String
        public var regionCode: String?

        public init(indicatorKey: String, regionCode: String? = nil) {
            self.indicatorKey = indicatorKey
            self.regionCode = regionCode
        }

        /// Reads `key` or `key@region`.
        public init(_ text: String) {
            let parts = text.split(separator: "@", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            indicatorKey = parts.first ?? ""
            regionCode = parts.count > 1 ? parts[1] : nil
        }

        public var description: String { regionCode.map { "\(indicatorKey)@\($0)" } ?? indicatorKey }
    }

    public var operation: Operation
    public var inputs: [Input]
    /// Multiplies the result (100 makes a ratio a percentage); 1 when not given.
    public var factor: Double
    /// The years a growth spans; 1 when not given.
    public var periods: Int

    public init(operation: Operation, inputs: [Input], factor: Double = 1, periods: Int = 1) {
        self.operation = operation
        self.inputs = inputs
        self.factor = factor
        self.periods = periods
    }

    /// The formula as a reader sees it: `gdp ÷ gdp@370000 × 100`.
    public var description: String {
        let names = inputs.map(\.description)
        var text: String
        switch operation {
        case .sum: text = names.joined(separator: " + ")
        case .difference: text = names.joined(separator: " − ")
        case .ratio: text = names.joined(separator: " ÷ ")
        case .growth: text = "growth(\(names.first ?? ""), \(periods))"
        }
        if factor != 1 { text += " × " + PlainNumber.format(factor) }
        return text
    }
}

/// The computed indicators of a plan, in an order where each comes after the computed
/// indicators it uses, and the way to compute their values from an observation index.
///
/// Values are computed from what the index holds (the approved, published observations on the
/// server), never stored: a snapshot computes them afresh, so a revised input changes them and a
/// missing one removes them. A missing input gives no value, never a guess.
public struct ComputedIndicators: Sendable {
    /// Computed indicators, each after those it uses.
    public let ordered: [Indicator]
    /// The unit of every indicator of the plan.
    let units: [String: String]

    /// The computed indicators among `indicators`, ordered by dependency. A cycle (refused when a
    /// catalog is checked) leaves its members out.
    public init(indicators: [Indicator]) {
        units = Dictionary(indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a })
        let computed = Dictionary(indicators.compactMap { i in i.formula.map { _ in (i.key, i) } }, uniquingKeysWith: { a, _ in a })
        var ordered: [Indicator] = []
        var done: Set<String> = []
        var visiting: Set<String> = []
        func visit(_ key: String) -> Bool {
            if done.contains(key) { return true }
            guard let indicator = computed[key] else { return true }
            guard visiting.insert(key).inserted else { return false }
            defer { visiting.remove(key) }
            for input in indicator.formula!.inputs where !visit(input.indicatorKey) { return false }
            done.insert(key)
            ordered.append(indicator)
            return true
        }
        for indicator in indicators where indicator.formula != nil { _ = visit(indicator.key) }
        self.ordered = ordered
    }

    public var isEmpty: Bool { ordered.isEmpty }

    /// `index` with every computed indicator's values computed from it (any values it held for
    /// them before are replaced).
    public func apply(to index: ObservationIndex) -> ObservationIndex {
        var result = index
        for indicator in ordered {
            result.replace(indicator: indicator.key, with: values(of: indicator, from: result))
        }
        return result
    }

    /// The values of one computed indicator, from the inputs `index` holds.
    func values(of indicator: Indicator, from index: ObservationIndex) -> [Observation] {
        guard let formula = indicator.formula, !formula.inputs.isEmpty else { return [] }
        // The regions to compute for: where every input in the value's own region has data, or
        // the fixed region of the first input when every input is fixed.
        let free = formula.inputs.filter { $0.regionCode == nil }
        var regions: [String]
        if free.isEmpty {
            regions = [formula.inputs[0].regionCode!]
        } else {
            regions = index.regions(for: free[0].indicatorKey)
            for input in free.dropFirst() {
                let other = Set(index.regions(for: input.indicatorKey))
                regions = regions.filter { other.contains($0) }
            }
        }
        var out: [Observation] = []
        for region in regions {
            let series = formula.inputs.map { input in
                Dictionary(
                    index[input.indicatorKey, input.regionCode ?? region].map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
            }
            for period in series[0].keys.sorted() {
                if let o = value(of: indicator, formula: formula, region: region, period: period, series: series) { out.append(o) }
            }
        }
        return out
    }

    private func value(
        of indicator: Indicator, formula: Formula, region: String, period: Period, series: [[Period: Observation]]
    ) -> Observation? {
        var used: [Observation] = []
        var converted: [Double] = []
        for (input, values) in zip(formula.inputs, series) {
            guard let o = values[period] else { return nil }
            used.append(o)
            converted.append(o.value * conversion(of: input, formula: formula, into: indicator))
        }
        var result: Double
        switch formula.operation {
        case .sum: result = converted.reduce(0, +)
        case .difference: result = converted[0] - converted[1]
        case .ratio:
            guard converted[1] != 0 else { return nil }
            result = converted[0] / converted[1]
        case .growth:
            let n = max(1, formula.periods)
            guard let base = series[0][Period(year: period.year - n, span: period.span)], base.value > 0, converted[0] >= 0 else { return nil }
            used.insert(base, at: 0)
            result = (pow(converted[0] / base.value, 1 / Double(n)) - 1) * 100
        }
        result *= formula.factor
        guard result.isFinite else { return nil }
        let references = used.map {
            ObservationReference(indicatorKey: $0.indicatorKey, regionCode: $0.regionCode, period: $0.period.description, value: $0.value)
        }
        // Tags the inputs carry beyond `exact` (a partial year, an estimate) carry over.
        var tags = ["computed"]
        for o in used {
            for tag in o.provenance.qualifierTags where tag != "exact" && tag != "computed" && !tags.contains(tag) { tags.append(tag) }
        }
        let quote = references.map { r in
            "\(r.indicatorKey)@\(r.regionCode) \(r.period) = \(PlainNumber.format(r.value)) \(units[r.indicatorKey] ?? "")"
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "; ")
        let provenance = Provenance(
            source: "计算值 computed: \(indicator.key) = \(formula.description)", quote: quote,
            qualifier: tags.joined(separator: ";"), inputs: references)
        return Observation(indicatorKey: indicator.key, regionCode: region, period: period, value: result, provenance: provenance)
    }

    /// The factor that brings an input into the unit the operation works in: the computed
    /// indicator's for a sum or difference, the first input's for a ratio's denominator; none for
    /// a growth (a ratio of one indicator's own values).
    private func conversion(of input: Formula.Input, formula: Formula, into indicator: Indicator) -> Double {
        let unit = units[input.indicatorKey] ?? ""
        switch formula.operation {
        case .sum, .difference: return MeasurementUnit.factor(from: unit, to: indicator.unit) ?? 1
        case .ratio:
            return MeasurementUnit.factor(from: unit, to: units[formula.inputs[0].indicatorKey] ?? unit) ?? 1
        case .growth: return 1
        }
    }
}
