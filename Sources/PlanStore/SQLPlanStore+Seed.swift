import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
    public func seed(plan: Plan, observations: [Observation]) async throws {
        let now = timestamp()
        try await provider.transaction { db in
            if try await db.raw("SELECT value FROM plan_meta WHERE name = 'title'").first() != nil {
                throw StoreError("the store already holds a plan")
            }
            try await BatchInsert.insert(
                into: "plan_meta", columns: ["name", "value"],
                rows: [
                    ["title", plan.title], ["preamble", plan.preamble], ["data_version", "1"],
                    ["titles_en", try StoredPlanFields.text(plan.titlesEn)],
                ], on: db)
            try await BatchInsert.insert(
                into: "chapters", columns: ["number", "title", "introduction"],
                rows: plan.chapters.map { [$0.number, $0.title, $0.introduction] }, on: db)
            try await BatchInsert.insert(
                into: "sections", columns: ["chapter", "number", "title"],
                rows: plan.chapters.flatMap { c in c.sections.map { [c.number, $0.number, $0.title] } }, on: db)
            try await BatchInsert.insert(
                into: "articles", columns: ["number", "chapter", "section", "title", "body"],
                rows: plan.articles.map { [$0.number, $0.chapter, $0.section, $0.title, $0.text] }, on: db)
            try await BatchInsert.insert(
                into: "indicators",
                columns: [
                    "indicator_key", "position", "name_zh", "name_en", "unit", "polarity", "form", "aggregation", "definition_zh", "definition_en",
                    "formula",
                ],
                rows: try plan.indicators.enumerated().map { i, x in
                    [
                        x.key, i, x.nameZh, x.nameEn, x.unit, x.polarity.rawValue, x.form.rawValue, x.aggregation.rawValue, x.definitionZh,
                        x.definitionEn, try StoredPlanFields.text(x.formula),
                    ]
                }, on: db)
            try await BatchInsert.insert(
                into: "regions", columns: ["code", "position", "name_zh", "name_en", "level", "parent_code", "circle"],
                rows: plan.regions.enumerated().map { i, r in [r.code, i, r.nameZh, r.nameEn, r.level.rawValue, r.parentCode, r.circle] },
                on: db)
            try await BatchInsert.insert(
                into: "region_groups", columns: ["group_key", "position", "name_zh", "name_en"],
                rows: plan.regionGroups.enumerated().map { i, g in [g.key, i, g.nameZh, g.nameEn] }, on: db)
            try await BatchInsert.insert(
                into: "region_group_members", columns: ["group_key", "region_code", "position"],
                rows: plan.regionGroups.flatMap { g in g.memberCodes.enumerated().map { [g.key, $1, $0] } }, on: db)
            try await BatchInsert.insert(
                into: "targets",
                columns: [
                    "id", "position", "source", "indicator_key", "region_code", "kind", "value", "value_high", "unit",
                    "base_year", "base_value", "deadline", "direction", "form", "binding", "binding_reason", "tolerance",
                    "quote", "note", "tolerance_reason", "assumptions", "note_zh",
                ],
                rows: plan.targets.enumerated().map { i, t in
                    [
                        t.id, i, t.source.code, t.indicatorKey, t.regionCode, t.kind.code, t.value, t.valueHigh, t.unit,
                        t.baseYear, t.baseValue, t.deadline.code, t.direction.rawValue, t.form.rawValue, t.binding ? 1 : 0,
                        t.bindingReason, t.tolerance, t.quote, t.note, t.toleranceReason,
                        StoredPlanFields.text(t.assumptions), t.noteZh,
                    ]
                }, on: db)
            try await BatchInsert.insert(
                into: "observations",
                columns: ["indicator_key", "region_code", "period", "value", "source", "link", "quote", "qualifier", "revision", "updated_at"],
                rows: observations.map { o in
                    [
                        o.indicatorKey, o.regionCode, o.period.description, o.value, o.provenance.source, o.provenance.link,
                        o.provenance.quote, o.provenance.qualifier, 1, now,
                    ]
                }, on: db)
        }
    }
}
