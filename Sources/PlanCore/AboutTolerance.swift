import Foundation

/// The default tolerance of an "about" (左右) target (evaluation rules §5): the smaller of half a
/// unit of the last significant digit written and 5% of |X|.
public enum AboutTolerance {
    /// The tolerance for a stated value. Trailing zeros of a whole number are not significant
    /// (300 → ±50 before the 5% cap, so ±15); decimals count as written (2.6 → ±0.05).
    public static func standard(for value: Double) -> Double {
        let magnitude = abs(value)
        guard magnitude > 0, magnitude.isFinite else { return 0 }
        return min(halfUnitOfLastDigit(magnitude), 0.05 * magnitude)
    }

    static func halfUnitOfLastDigit(_ x: Double) -> Double {
        if x == x.rounded() {
            var n = Int(x.rounded())
            var exponent = 0
            while n != 0, n % 10 == 0 {
                n /= 10
                exponent += 1
            }
            return 0.5 * pow(10, Double(exponent))
        }
        // The shortest decimal spelling Swift prints is the one a person would write (2.6, 0.05).
        let text = "\(x)"
        let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
        return 0.5 * pow(10, -Double(decimals))
    }
}
