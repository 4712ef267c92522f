import Foundation
import PlanCore

/// Plan fields stored as text: an indicator's formula as JSON (empty for a reported indicator),
/// a target's assumptions as their codes separated by `;`, the English titles as JSON in
/// `plan_meta` under `titles_en`.
enum StoredPlanFields {
    static func text(_ formula: Formula?) throws -> String {
        guard let formula else { return "" }
        return String(decoding: try JSONEncoder().encode(formula), as: UTF8.self)
    }

    static func formula(_ text: String) throws -> Formula? {
        guard !text.isEmpty else { return nil }
        do {
            return try JSONDecoder().decode(Formula.self, from: Data(text.utf8))
        } catch {
            throw StoreError("an indicator's formula is stored unreadably: \(error)")
        }
    }

    static func text(_ assumptions: [Assumption]) -> String {
        Assumption.joined(assumptions)
    }

    static func assumptions(_ text: String) -> [Assumption] {
        Assumption.read(joined: text).assumptions
    }

    static func text(_ titles: EnglishTitles) throws -> String {
        String(decoding: try JSONEncoder().encode(titles), as: UTF8.self)
    }

    static func titles(_ text: String?) throws -> EnglishTitles {
        guard let text, !text.isEmpty else { return EnglishTitles() }
        do {
            return try JSONDecoder().decode(EnglishTitles.self, from: Data(text.utf8))
        } catch {
            throw StoreError("the English titles are stored unreadably: \(error)")
        }
    }
}
