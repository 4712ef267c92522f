import Foundation

/// A value to save: the indicator, period, value, comment, explanation and validation flags.
public struct ValueChange: Sendable, Hashable {
    public var indicatorKey: String
    public var period: Period
    public var value: Double
    public var comment: String
    public var explanation: String
    public var flags: [String]

    public init(indicatorKey: String, period: Period, value: Double, comment: String = "", explanation: String = "", flags: [String] = []) {
        self.indicatorKey = indicatorKey
        self.period = period
        self.value = value
        self.comment = comment
        self.explanation = explanation
        self.flags = flags
    }
}
