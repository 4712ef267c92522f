import Foundation
import PlanCore
import Yams

/// Reads an assessment scheme (YAML); see docs/assessment-scheme.md for the format.
public enum AssessmentSchemeFile {
    /// Parses `text`, checking every target against `plan`; throws every problem found.
    public static func read(_ text: String, file: String, plan: Plan) throws(CatalogError) -> AssessmentScheme {
        let log = ProblemLog()
        guard let root = parseYAML(text, file: file, log: log), var doc = YAMLEntry(root, file: file, what: "a scheme", log: log) else {
            throw CatalogError(problems: log.problems)
        }
        doc.rejectUnknownFields(allowed: [
            "name", "grades", "veto", "bonus", "qualitative", "qualitative_items", "diligence", "assessed", "unit_targets", "targets",
        ])
        let name = doc.requiredString("name") ?? ""
        doc.entry = nil
        var grades = AssessmentScheme.standardGrades
        if let nodes = doc.mapping["grades"]?.sequence {
            grades = nodes.compactMap { node in
                guard let g = YAMLEntry(node, file: file, what: "a grade", log: log) else { return nil }
                g.rejectUnknownFields(allowed: ["name", "name_en", "min"])
                guard let zh = g.requiredString("name"), let min = g.requiredDouble("min") else { return nil }
                return AssessmentScheme.Grade(nameZh: zh, nameEn: g.optionalString("name_en") ?? zh, minimum: min)
            }
            if grades.isEmpty || grades.map(\.minimum) != grades.map(\.minimum).sorted(by: >) {
                doc.problem("grades", "list grades from best to worst, with decreasing minimums")
            }
        }
        let veto = doc.mapping["veto"].map { _ in doc.requiredBool("veto") ?? true } ?? true
        var rate = 0.3
        var cap = 0.3
        if let node = doc.mapping["bonus"], let bonus = YAMLEntry(node, file: file, what: "the bonus", log: log) {
            bonus.rejectUnknownFields(allowed: ["rate", "cap"])
            rate = bonus.optionalDouble("rate") ?? rate
            cap = bonus.optionalDouble("cap") ?? cap
        }
        var qualitative: [String: Double] = [:]
        if let mapping = doc.mapping["qualitative"]?.mapping {
            for (key, value) in mapping {
                guard let code = key.string, let points = value.scalar.flatMap({ Double($0.string) }) else {
                    doc.problem("qualitative", "expected region code: points", at: key)
                    continue
                }
                qualitative[code] = points
            }
        }
        var qualitativeItems: [AssessmentScheme.QualitativeItem] = []
        for node in doc.mapping["qualitative_items"]?.sequence ?? [] {
            guard var e = YAMLEntry(node, file: file, what: "a qualitative item", log: log) else { continue }
            e.entry = e.optionalString("id")
            e.rejectUnknownFields(allowed: ["id", "name", "max"])
            guard let id = e.requiredString("id"), let name = e.requiredString("name"), let max = e.requiredDouble("max") else { continue }
            if id.isEmpty || !id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
                e.problem("id", "lower-case letters, digits and hyphens")
            }
            if !(max > 0 && max <= 100) { e.problem("max", "must be above 0 and at most 100") }
            qualitativeItems.append(.init(id: id, name: name, maximum: max))
        }
        if Set(qualitativeItems.map(\.id)).count != qualitativeItems.count { doc.problem("qualitative_items", "an item is listed twice") }
        var diligence: Double?
        if let node = doc.mapping["diligence"], let d = YAMLEntry(node, file: file, what: "the diligence component", log: log) {
            d.rejectUnknownFields(allowed: ["points"])
            diligence = d.requiredDouble("points")
            if let p = diligence, !(p > 0 && p <= 100) { d.problem("points", "must be above 0 and at most 100") }
        }
        let known = Set(plan.targets.map(\.id))
        var items: [AssessmentScheme.Item] = []
        for node in doc.mapping["targets"]?.sequence ?? [] {
            guard var e = YAMLEntry(node, file: file, what: "a scored target", log: log) else { continue }
            e.entry = e.optionalString("target")
            e.rejectUnknownFields(allowed: ["target", "points", "milestones", "units"])
            guard let id = e.requiredString("target"), let points = e.requiredDouble("points") else { continue }
            if !known.contains(id) { e.problem("target", "no target \(id) in the plan") }
            if points <= 0 { e.problem("points", "must be positive") }
            var milestones: [Int: Double] = [:]
            for (key, value) in e.mapping["milestones"]?.mapping ?? Node.Mapping([]) {
                guard let year = key.string.flatMap(Int.init), let v = value.scalar.flatMap({ Double($0.string) }) else {
                    e.problem("milestones", "expected year: value", at: key)
                    continue
                }
                milestones[year] = v
            }
            var unitValues: [String: Double] = [:]
            for (key, value) in e.mapping["units"]?.mapping ?? Node.Mapping([]) {
                guard let code = key.string, let v = value.scalar.flatMap({ Double($0.string) }) else {
                    e.problem("units", "expected region code: target value", at: key)
                    continue
                }
                if plan.region(code) == nil { e.problem("units", "no region \(code)", at: key) }
                unitValues[code] = v
            }
            items.append(.init(targetID: id, points: points, milestones: milestones, unitValues: unitValues))
        }
        if items.isEmpty { doc.problem("targets", "list at least one scored target") }
        var assessed = ["cities"]
        if let nodes = doc.mapping["assessed"]?.sequence {
            assessed = nodes.compactMap { $0.string?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if assessed.isEmpty || assessed.count != nodes.count { doc.problem("assessed", "list `cities` and/or units' codes") }
            if Set(assessed).count != assessed.count { doc.problem("assessed", "a unit is listed twice") }
        }
        var unitItems: [String: [String]] = [:]
        let scored = Set(items.map(\.targetID))
        for (key, value) in doc.mapping["unit_targets"]?.mapping ?? Node.Mapping([]) {
            guard let code = key.string, let ids = value.sequence?.compactMap(\.string), !ids.isEmpty else {
                doc.problem("unit_targets", "expected unit code: [target, …]", at: key)
                continue
            }
            for id in ids where !scored.contains(id) { doc.problem("unit_targets", "\(code): \(id) is not among the scheme's targets", at: key) }
            unitItems[code] = ids
        }
        let total = items.reduce(0) { $0 + $1.points }
        if !items.isEmpty, abs(total - 100) > 1e-9 {
            doc.problem("targets", "the points of the quantitative part add up to \(PlainNumber.format(total)), not 100")
        }
        if Set(items.map(\.targetID)).count != items.count { doc.problem("targets", "a target is listed twice") }
        guard log.problems.isEmpty else { throw CatalogError(problems: log.problems) }
        return AssessmentScheme(
            name: name, items: items, grades: grades, veto: veto, bonusRate: rate, bonusCap: cap, qualitative: qualitative,
            qualitativeItems: qualitativeItems, diligencePoints: diligence, assessed: assessed, unitItems: unitItems)
    }
}
