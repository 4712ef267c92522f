import Foundation

/// Something observable that targets are stated in: a level, a share, an annual flow.
public struct Indicator: Sendable, Hashable, Identifiable, Codable {
    /// Stable snake_case key, e.g. `rd_intensity`.
    public var key: String
    public var nameZh: String
    public var nameEn: String
    /// The unit values are observed and stored in.
    public var unit: String
    /// Which way is better.
    public var polarity: Direction
    /// Additive or multiplicative progress.
    public var form: TargetForm
    /// How city values roll up to a province value.
    public var aggregation: Aggregation
    public var definitionZh: String
    public var definitionEn: String
    /// How the indicator is computed from others, for a computed indicator; `nil` for one that is
    /// reported.
    public var formula: Formula?

    public var id: String { key }

    /// Whether values are computed from other indicators rather than reported.
    public var isComputed: Bool { formula != nil }

    public init(
        key: String, nameZh: String, nameEn: String, unit: String, polarity: Direction,
        form: TargetForm, aggregation: Aggregation, definitionZh: String, definitionEn: String, formula: Formula? = nil
    ) {
        self.key = key
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.unit = unit
        self.polarity = polarity
        self.form = form
        self.aggregation = aggregation
        self.definitionZh = definitionZh
        self.definitionEn = definitionEn
        self.formula = formula
    }
}

/// How an indicator's values aggregate across regions.
public enum Aggregation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Counts and volumes: the province is the sum of its cities.
    case sum
    /// The province is the mean of its cities (e.g. an average of city air-quality ratios).
    case mean
    /// A share or intensity recomputed from its numerator and denominator, never summed.
    case ratio
    /// The province is its weakest city (a minimum every city must meet, e.g. reserve days).
    case min
    /// Meaningful at province level only.
    case provinceOnly = "province_only"
}
