import Foundation

/// Which way is better for an indicator or target: `d` in the evaluation rules.
public enum Direction: Int, Sendable, Hashable, Codable, CaseIterable {
    /// Higher is better (d = +1).
    case higher = 1
    /// Lower is better (d = −1).
    case lower = -1
    /// Neither: a band to stay inside (d = 0).
    case band = 0

    /// The sign as a number, for formulas.
    public var sign: Double { Double(rawValue) }
}

/// Additive (shares, counts, sums) or multiplicative (volumes and intensities judged by growth
/// rates) form of progress (evaluation rules §3).
public enum TargetForm: String, Sendable, Hashable, Codable, CaseIterable {
    case additive
    case multiplicative
}
