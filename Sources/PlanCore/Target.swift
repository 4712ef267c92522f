import Foundation

/// One quantified goal the plan states, as curated in the catalog.
///
/// Values are as written in the plan: `value` is in `unit` (which may be a larger or smaller
/// scale than the indicator's unit, e.g. 1 亿千瓦 for an indicator in 万千瓦); changes
/// (`relativeChange`, `ppChange`) are signed (下降16% → −16).
public struct Target: Sendable, Hashable, Identifiable {
    /// Stable id: `A003-1` (article 3, first target) or `C02-1` (chapter 2 introduction).
    public var id: String
    /// The article or chapter introduction that states it.
    public var source: TargetSource
    /// The indicator it measures.
    public var indicatorKey: String
    /// A 6-digit region code, or an economic circle's key.
    public var regionCode: String
    /// How the stated value becomes a level.
    public var kind: TargetKind
    /// The stated value (the first number of a range).
    public var value: Double
    /// The other end of a range (下降2—3个百分点 → −3), if the text gives one.
    public var valueHigh: Double?
    /// The unit as written in the text.
    public var unit: String
    /// The base year, when the text names one (比2020年 → 2020).
    public var baseYear: Int?
    /// The base value, when the text states one.
    public var baseValue: Double?
    /// When it is due.
    public var deadline: Deadline
    /// Which way is better for this target.
    public var direction: Direction
    /// Additive or multiplicative progress.
    public var form: TargetForm
    /// Binding (约束性) rather than expected (预期性).
    public var binding: Bool
    /// Why it is binding or expected.
    public var bindingReason: String
    /// Half-width of the band of an "about" target, in `unit`.
    public var tolerance: Double?
    /// Why the tolerance departs from the standard one (evaluation rules §5), when it does.
    public var toleranceReason: String?
    /// What the reading of the text had to assume (a window, a base, a proxy indicator).
    public var assumptions: [Assumption]
    /// The verbatim phrase of the plan that states it.
    public var quote: String
    /// A curator's note on how an ambiguous phrase was read (English).
    public var note: String?
    /// The same note in Chinese, for Chinese pages.
    public var noteZh: String?

    public init(
        id: String, source: TargetSource, indicatorKey: String, regionCode: String,
        kind: TargetKind, value: Double, valueHigh: Double? = nil, unit: String,
        baseYear: Int? = nil, baseValue: Double? = nil, deadline: Deadline,
        direction: Direction, form: TargetForm, binding: Bool, bindingReason: String,
        tolerance: Double? = nil, toleranceReason: String? = nil, assumptions: [Assumption] = [],
        quote: String, note: String? = nil, noteZh: String? = nil
    ) {
        self.noteZh = noteZh
        self.id = id
        self.source = source
        self.indicatorKey = indicatorKey
        self.regionCode = regionCode
        self.kind = kind
        self.value = value
        self.valueHigh = valueHigh
        self.unit = unit
        self.baseYear = baseYear
        self.baseValue = baseValue
        self.deadline = deadline
        self.direction = direction
        self.form = form
        self.binding = binding
        self.bindingReason = bindingReason
        self.tolerance = tolerance
        self.toleranceReason = toleranceReason
        self.assumptions = assumptions
        self.quote = quote
        self.note = note
    }
}
