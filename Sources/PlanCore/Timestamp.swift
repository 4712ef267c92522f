import Foundation

/// The one form in which PlanTrack stores and compares instants: ISO 8601 in UTC to the
/// millisecond (`2026-03-01T08:00:00.000Z`), which sorts as text on both databases.
public enum Timestamp {
    /// `date` in the stored form.
    public static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// The instant of a stored time (with or without milliseconds), or `nil`.
    public static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The end of a calendar day given as `YYYY-MM-DD` (its last millisecond in UTC), or the text
    /// itself when it is already an instant: an `until` bound that includes the whole day.
    public static func endOfDay(_ text: String) -> String {
        isDay(text) ? text + "T23:59:59.999Z" : text
    }

    /// Whether `text` is a calendar day `YYYY-MM-DD`.
    public static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return text.count == 10 && parts.count == 3 && parts.map(\.count) == [4, 2, 2]
            && parts.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
