import Foundation
import PlanCore

/// A pool as typed in a form, a JSON body or on the command line, read into an
/// `IncentivePool`: the rule's kind (`above-mark`, `tiers`, `attribute`), the pass mark, grade
/// weights as `优秀=3,良好=2,合格=1`, and attribute values as `370100=941.5` per line or comma.
public struct PoolInput: Sendable {
    public var id, name, resource, amount, rule: String
    public var mark, weights, attribute, values, floor, cap, vetoed, decimals: String

    public init(
        id: String, name: String, resource: String, amount: String, rule: String, mark: String = "", weights: String = "", attribute: String = "",
        values: String = "", floor: String = "", cap: String = "", vetoed: String = "", decimals: String = ""
    ) {
        (self.id, self.name, self.resource, self.amount, self.rule) = (id, name, resource, amount, rule)
        (self.mark, self.weights, self.attribute, self.values) = (mark, weights, attribute, values)
        (self.floor, self.cap, self.vetoed, self.decimals) = (floor, cap, vetoed, decimals)
    }

    static func number(_ name: String, _ text: String, default value: Double? = nil) throws -> Double {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty, let value { return value }
        guard let x = Double(t), x.isFinite else { throw ServiceError.badParameter(name: name, message: "a number, not \"\(text)\"") }
        return x
    }

    /// `key=number` pairs separated by commas, semicolons or new lines (full-width ones too).
    static func pairs(_ name: String, _ text: String) throws -> [String: Double] {
        var out: [String: Double] = [:]
        let separators: Set<Character> = [",", "，", ";", "；", "\n", "\r", "、"]
        for item in text.split(whereSeparator: { separators.contains($0) }) {
            let part = item.replacingOccurrences(of: "＝", with: "=").split(separator: "=", maxSplits: 1)
            let key = part.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard part.count == 2, !key.isEmpty else {
                throw ServiceError.badParameter(name: name, message: "key=number pairs such as 优秀=3, not \"\(item)\"")
            }
            out[key] = try number(name, String(part[1]))
        }
        return out
    }

    /// The pool for round `roundID`; a field that cannot be read is a 400 naming it.
    public func pool(roundID: String) throws -> IncentivePool {
        guard let resource = IncentiveResource(rawValue: resource.trimmingCharacters(in: .whitespaces)) else {
            throw ServiceError.badParameter(name: "resource", message: "funds, land or energy")
        }
        let rule: IncentiveRule
        switch self.rule.trimmingCharacters(in: .whitespaces) {
        case "above-mark", "": rule = .aboveMark(mark: try Self.number("mark", mark, default: 60))
        case "tiers": rule = .tiers(try Self.pairs("weights", weights))
        case "attribute":
            rule = .attribute(
                name: attribute.trimmingCharacters(in: .whitespaces), mark: try Self.number("mark", mark, default: 60),
                values: try Self.pairs("values", values))
        default: throw ServiceError.badParameter(name: "rule", message: "above-mark, tiers or attribute")
        }
        guard let vetoed = VetoedShare(rawValue: vetoed.isEmpty ? "nothing" : vetoed) else {
            throw ServiceError.badParameter(name: "vetoed", message: "nothing or floor-only")
        }
        let decimals = try Self.number("decimals", decimals, default: 0)
        guard decimals == decimals.rounded(), (0...2).contains(decimals) else {
            throw ServiceError.badParameter(name: "decimals", message: "0, 1 or 2")
        }
        return IncentivePool(
            roundID: roundID, id: id.trimmingCharacters(in: .whitespaces), name: name, resource: resource, amount: try Self.number("amount", amount),
            rule: rule, floor: try Self.number("floor", floor, default: 0),
            cap: cap.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try Self.number("cap", cap), vetoed: vetoed, decimals: Int(decimals))
    }
}
