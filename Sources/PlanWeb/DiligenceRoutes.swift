import Foundation
import Hummingbird
import PlanCore
import PlanServices

/// Reporting diligence over the pages (`/diligence`, and a section of each unit's page) and the
/// API (`/api/v1/diligence`, `/api/v1/units/{code}/diligence`). Every rule is in
/// `SupervisionService`.
struct DiligenceRoutes {
    let services: Services
    let pages: ReportingPageRoutes

    var supervision: SupervisionService { services.supervision }

    func register(on router: Router<PlanRequestContext>) {
        router.get("/diligence") { request, context in
            let identity = try context.requireIdentity()
            let span = try span(request)
            let rows = try await supervision.diligence(from: span.from, through: span.through, identity: identity)
            let model = DiligencePage.model(rows: rows, span: span, language: Language.of(request))
            return pages.page(.diligence, model, title: model.heading, request, context)
        }
        router.get("/diligence.xlsx") { request, context in
            let span = try span(request)
            let rows = try await supervision.diligence(from: span.from, through: span.through, identity: try context.requireIdentity())
            return ReportingPageRoutes.download(
                try DiligenceFile.xlsx(rows), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                name: "reporting-diligence-\(span.label).xlsx")
        }

        let api = router.group("api/v1")
        api.get("diligence") { request, context in
            let span = try span(request)
            let rows = try await supervision.diligence(from: span.from, through: span.through, identity: try context.requireIdentity())
            return try JSONResponse.make(
                API.DiligenceTable(from: span.from.description, through: span.through.description, units: rows.map(API.DiligenceItem.init)),
                request: request)
        }
        api.get("units/:code/diligence") { request, context in
            let months = try Query(request: request).int("months", in: 1...36) ?? 12
            let code = try context.parameters.require("code")
            let result = try await supervision.unitDiligence(code, months: months, identity: context.identity)
            return try JSONResponse.make(
                result.map { API.DiligenceMonthItem(month: $0.month.description, diligence: API.DiligenceItem(unit: code, counts: $0.counts)) },
                request: request)
        }
    }

    /// The months a request asks about (``SupervisionService/diligenceSpan(month:year:)``).
    struct Span {
        var from, through: Period
        var label: String
        var month: String
        var year: Int?
    }

    func span(_ request: Request) throws -> Span {
        let q = Query(request: request)
        let year = try q.int("year", in: 2000...2100)
        let span = try supervision.diligenceSpan(month: q.string("month"), year: year)
        let label = year.map(String.init) ?? span.lowerBound.description
        return Span(from: span.lowerBound, through: span.upperBound, label: label, month: year == nil ? label : "", year: year)
    }
}

extension API {
    /// One unit's diligence: the counts behind every share, the shares and the score.
    struct DiligenceItem: Encodable {
        var unit: String
        var score: Double?
        var due, onTime, expected, present, values, revisedLate, flagged, reports, withEvidence: Int
        var timeliness, completeness, lateRevisionRate, outlierRate, evidenceRate: Double?

        init(unit: String, counts c: DiligenceCounts) {
            self.unit = unit
            score = c.score().map { ($0 * 10).rounded() / 10 }
            (due, onTime, expected, present, values) = (c.due, c.onTime, c.expected, c.present, c.values)
            (revisedLate, flagged, reports, withEvidence) = (c.revisedLate, c.flagged, c.reports, c.withEvidence)
            (timeliness, completeness, lateRevisionRate, outlierRate, evidenceRate) = (
                c.timeliness, c.completeness, c.lateRevisionRate, c.outlierRate, c.evidenceRate
            )
        }

        init(_ row: SupervisionService.DiligenceRow) { self.init(unit: row.unit.code, counts: row.counts) }
    }

    struct DiligenceTable: Encodable {
        var from, through: String
        var units: [DiligenceItem]
    }

    struct DiligenceMonthItem: Encodable {
        var month: String
        var diligence: DiligenceItem
    }
}
