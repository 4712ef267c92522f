import Foundation

/// One published value of an indicator for a region and period, with where it came from.
public struct Observation: Sendable, Hashable {
    public var indicatorKey: String
    public var regionCode: String
    public var period: Period
    /// The value in the indicator's unit.
    public var value: Double
    public var provenance: Provenance

    public init(
        indicatorKey: String, regionCode: String, period: Period, value: Double,
        provenance: Provenance = Provenance()
    ) {
        self.indicatorKey = indicatorKey
        self.regionCode = regionCode
        self.period = period
        self.value = value
        self.provenance = provenance
    }
}

/// Where an observed value came from and how to read it.
public struct Provenance: Sendable, Hashable, Codable {
    /// The original publisher or release.
    public var source: String
    /// A link to the release, when one is known.
    public var link: String
    /// A short verbatim excerpt with the published figure.
    public var quote: String
    /// How to read the value: `exact`, `at_least`, `about`, `estimate`, `partial_year`, combined
    /// with `;`, optionally followed by `|` and a note.
    public var qualifier: String
    /// For a computed value, the observations it was computed from; empty for a reported one.
    public var inputs: [ObservationReference]

    public init(
        source: String = "", link: String = "", quote: String = "", qualifier: String = "", inputs: [ObservationReference] = []
    ) {
        self.source = source
        self.link = link
        self.quote = quote
        self.qualifier = qualifier
        self.inputs = inputs
    }

    /// Whether the value was computed from other indicators (never reported as such).
    public var isComputed: Bool { !inputs.isEmpty }

    /// The qualifier's tags (before any `|` note).
    public var qualifierTags: [String] {
        let head = qualifier.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return head.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Whether the source calls the value an estimate or a projection.
    public var isEstimate: Bool { qualifierTags.contains("estimate") }
}

/// One observation a computed value was computed from.
public struct ObservationReference: Sendable, Hashable, Codable {
    public var indicatorKey: String
    public var regionCode: String
    public var period: String
    /// The value used, in the indicator's unit.
    public var value: Double

    public init(indicatorKey: String, regionCode: String, period: String, value: Double) {
        self.indicatorKey = indicatorKey
        self.regionCode = regionCode
        self.period = period
        self.value = value
    }
}
