import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
    public func loadPlan() async throws -> Plan {
        try await provider.withDatabase { db in
            func text(_ row: any SQLRow, _ column: String) throws -> String { try row.decode(column: column, as: String.self) }
            func int(_ row: any SQLRow, _ column: String) throws -> Int { try row.decode(column: column, as: Int.self) }
            func optionalInt(_ row: any SQLRow, _ column: String) throws -> Int? { try row.decode(column: column, as: Int?.self) }
            func double(_ row: any SQLRow, _ column: String) throws -> Double? { try row.decode(column: column, as: Double?.self) }
            func optionalText(_ row: any SQLRow, _ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }

            var meta: [String: String] = [:]
            for row in try await db.raw("SELECT name, value FROM plan_meta").all() {
                meta[try text(row, "name")] = try text(row, "value")
            }
            guard let title = meta["title"] else { throw StoreError("the store holds no plan: run the server once to load it") }
            var sections: [Int: [Section]] = [:]
            for row in try await db.raw("SELECT chapter, number, title FROM sections ORDER BY chapter, number").all() {
                sections[try int(row, "chapter"), default: []].append(Section(number: try int(row, "number"), title: try text(row, "title")))
            }
            let chapters = try await db.raw("SELECT number, title, introduction FROM chapters ORDER BY number").all().map { row in
                Chapter(
                    number: try int(row, "number"), title: try text(row, "title"), introduction: try text(row, "introduction"),
                    sections: sections[try int(row, "number")] ?? [])
            }
            let articles = try await db.raw("SELECT number, chapter, section, title, body FROM articles ORDER BY number").all().map { row in
                Article(
                    number: try int(row, "number"), chapter: try int(row, "chapter"), section: try optionalInt(row, "section"),
                    title: try text(row, "title"), text: try text(row, "body"))
            }
            let indicators = try await db.raw("SELECT * FROM indicators ORDER BY position").all().map { row in
                Indicator(
                    key: try text(row, "indicator_key"), nameZh: try text(row, "name_zh"), nameEn: try text(row, "name_en"),
                    unit: try text(row, "unit"), polarity: Direction(rawValue: try int(row, "polarity")) ?? .band,
                    form: TargetForm(rawValue: try text(row, "form")) ?? .additive,
                    aggregation: Aggregation(rawValue: try text(row, "aggregation")) ?? .sum,
                    definitionZh: try text(row, "definition_zh"), definitionEn: try text(row, "definition_en"),
                    formula: try StoredPlanFields.formula(try text(row, "formula")))
            }
            let regions = try await db.raw("SELECT * FROM regions ORDER BY position").all().map { row in
                Region(
                    code: try text(row, "code"), nameZh: try text(row, "name_zh"), nameEn: try text(row, "name_en"),
                    level: RegionLevel(rawValue: try text(row, "level")) ?? .county, parentCode: try optionalText(row, "parent_code"),
                    circle: try optionalText(row, "circle"))
            }
            var members: [String: [String]] = [:]
            for row in try await db.raw("SELECT group_key, region_code FROM region_group_members ORDER BY group_key, position").all() {
                members[try text(row, "group_key"), default: []].append(try text(row, "region_code"))
            }
            let groups = try await db.raw("SELECT * FROM region_groups ORDER BY position").all().map { row in
                RegionGroup(
                    key: try text(row, "group_key"), nameZh: try text(row, "name_zh"), nameEn: try text(row, "name_en"),
                    memberCodes: members[try text(row, "group_key")] ?? [])
            }
            let targets = try await db.raw("SELECT * FROM targets ORDER BY position").all().map { row -> Target in
                let id = try text(row, "id")
                guard let source = TargetSource(code: try text(row, "source")), let kind = TargetKind(rawValue: try text(row, "kind")),
                    let deadline = Deadline(code: try text(row, "deadline")),
                    let direction = Direction(rawValue: try int(row, "direction")),
                    let form = TargetForm(rawValue: try text(row, "form")), let value = try double(row, "value")
                else { throw StoreError("target \(id) is stored with an unreadable field") }
                return Target(
                    id: id, source: source, indicatorKey: try text(row, "indicator_key"), regionCode: try text(row, "region_code"),
                    kind: kind, value: value, valueHigh: try double(row, "value_high"), unit: try text(row, "unit"),
                    baseYear: try optionalInt(row, "base_year"), baseValue: try double(row, "base_value"), deadline: deadline,
                    direction: direction, form: form, binding: try int(row, "binding") != 0,
                    bindingReason: try text(row, "binding_reason"), tolerance: try double(row, "tolerance"),
                    toleranceReason: try optionalText(row, "tolerance_reason"),
                    assumptions: StoredPlanFields.assumptions(try text(row, "assumptions")),
                    quote: try text(row, "quote"), note: try optionalText(row, "note"), noteZh: try optionalText(row, "note_zh"))
            }
            return Plan(
                title: title, preamble: meta["preamble"] ?? "", chapters: chapters, articles: articles, targets: targets,
                indicators: indicators, regions: regions, regionGroups: groups,
                titlesEn: try StoredPlanFields.titles(meta["titles_en"]))
        }
    }

    /// Every observation, decoded row by row as the database hands them over (a few hundred
    /// thousand rows are never all held as database rows at once).
    public func observations() async throws -> [StoredObservation] {
        let order = orderByKey
        return try await provider.withDatabase { db in
            let collected = Collected()
            try await db.raw(
                SQLQueryString("SELECT indicator_key, region_code, period, value, source, link, quote, qualifier, revision FROM observations" + order)
            ).run { row in collected.add { try Self.storedObservation(row) } }
            return try collected.result()
        }
    }

    public func observationChanges(since version: Int) async throws -> (version: Int, changed: [StoredObservation]) {
        try await provider.consistentRead { db in
            let current = try await Self.dataVersion(db)
            let rows = try await db.raw(
                """
                SELECT indicator_key, region_code, period, value, source, link, quote, qualifier, revision FROM observations
                WHERE data_version > \(bind: version)
                """
            ).all().map(Self.storedObservation)
            return (current, rows)
        }
    }

    /// Byte order on both databases (PostgreSQL would otherwise sort by its locale).
    var orderByKey: String {
        provider.dialectName == "postgresql"
            ? " ORDER BY indicator_key COLLATE \"C\", region_code COLLATE \"C\", period COLLATE \"C\""
            : " ORDER BY indicator_key, region_code, period"
    }

    public func observations(indicator: String?, region: String?, offset: Int, limit: Int) async throws -> (items: [StoredObservation], total: Int) {
        let order = orderByKey
        return try await provider.withDatabase { db in
            var filter = SQLQueryString(" WHERE 1 = 1")
            if let indicator {
                filter.appendInterpolation(unsafeRaw: " AND indicator_key = ")
                filter.appendInterpolation(bind: indicator)
            }
            if let region {
                filter.appendInterpolation(unsafeRaw: " AND region_code = ")
                filter.appendInterpolation(bind: region)
            }
            var count = SQLQueryString("SELECT COUNT(*) AS n FROM observations")
            count.appendInterpolation(filter)
            let total = try await db.raw(count).first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
            var page = SQLQueryString("SELECT indicator_key, region_code, period, value, source, link, quote, qualifier, revision FROM observations")
            page.appendInterpolation(filter)
            page.appendLiteral(order + " LIMIT ")
            page.appendInterpolation(bind: limit)
            page.appendLiteral(" OFFSET ")
            page.appendInterpolation(bind: offset)
            return (try await db.raw(page).all().map(Self.storedObservation), total)
        }
    }

    @Sendable static func storedObservation(_ row: any SQLRow) throws -> StoredObservation {
        let periodText = try row.decode(column: "period", as: String.self)
        guard let period = Period(periodText) else { throw StoreError("an observation has an unreadable period \(periodText)") }
        let observation = Observation(
            indicatorKey: try row.decode(column: "indicator_key", as: String.self),
            regionCode: try row.decode(column: "region_code", as: String.self), period: period,
            value: try row.decode(column: "value", as: Double.self),
            provenance: Provenance(
                source: try row.decode(column: "source", as: String.self), link: try row.decode(column: "link", as: String.self),
                quote: try row.decode(column: "quote", as: String.self),
                qualifier: try row.decode(column: "qualifier", as: String.self)))
        return StoredObservation(observation: observation, revision: try row.decode(column: "revision", as: Int.self))
    }
}

/// Rows decoded as they arrive, from whatever thread the driver calls back on; the first decoding
/// error is kept and thrown at the end.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [StoredObservation] = []
    private var failure: (any Error)?

    func add(_ decode: () throws -> StoredObservation) {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return }
        do { items.append(try decode()) } catch { failure = error }
    }

    func result() throws -> [StoredObservation] {
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        return items
    }
}
