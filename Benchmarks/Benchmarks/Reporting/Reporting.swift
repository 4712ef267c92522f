import Benchmark
import Foundation
import PlanCatalog
import PlanCore
import PlanFiles
import PlanServices
import PlanStore

/// A large import: the province reporting 64 indicators monthly since 2000 — 20,608 rows, as CSV
/// and as XLSX — and the calendar that allows it.
struct ImportWorkload: @unchecked Sendable {
    let plan: Plan
    let setup: ReportingSetup
    let schedule: [ScheduleEntry]
    let csv: Data
    let xlsx: Data
    let rows: [ReportRow]

    static let large: ImportWorkload = {
        let plan = try! Catalog.bundled()
        let setup = try! Catalog.bundledReporting(plan: plan)
        let keys = plan.indicators.prefix(64).map(\.key)
        let schedule = keys.map {
            ScheduleEntry(unitCode: "370000", indicatorKey: $0, frequency: .monthly, firstYear: 2000, dueDays: 15, lockDays: 20000)
        }
        var csv = "indicator_key,period,value,comment\n"
        var cells: [[XLSXWriter.Cell]] = [[.text("indicator_key"), .text("period"), .text("value"), .text("comment")]]
        for (i, key) in keys.enumerated() {
            for year in 2000...2026 {
                for month in 1...12 where !(year == 2026 && month > 10) {
                    let period = "\(year)-\(month < 10 ? "0" : "")\(month)"
                    let value = Double(40 + (i + month) % 9)
                    csv += "\(key),\(period),\(Int(value)),月报\n"
                    cells.append([.text(key), .text(period), .number(value), .text("月报")])
                }
            }
        }
        let data = Data(csv.utf8)
        return ImportWorkload(
            plan: plan, setup: setup, schedule: schedule, csv: data, xlsx: try! XLSXWriter.workbook(sheetName: "填报", rows: cells),
            rows: try! ReportFile.parse(data).rows)
    }()

    var indicators: [String: Indicator] { Dictionary(plan.indicators.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }) }
}

let benchmarks: @Sendable () -> Void = {
    let workload = ImportWorkload.large
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 30)

    Benchmark("Read a 20,608-row CSV import (UTF-8)") { _ in
        blackHole(try ReportFile.parse(workload.csv))
    }

    Benchmark("Read a 20,608-row XLSX import") { _ in
        blackHole(try ReportFile.parse(workload.xlsx))
    }

    Benchmark("Check 20,608 rows (type, unit, range, calendar, history)") { _ in
        blackHole(
            ReportBatch.check(
                workload.rows, unit: "370000", indicators: workload.indicators, schedule: workload.schedule,
                today: Day(year: 2026, month: 11, day: 29)
            ) { _, _ in
                [40, 42, 44, 41]
            })
    }

    Benchmark("Save 20,608 values in one transaction (SQLite file, new values, revisions, audit)", configuration: .init(maxIterations: 8)) {
        benchmark in
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plantrack-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = SQLPlanStore(provider: try await SQLiteProvider(path: dir.appendingPathComponent("b.sqlite").path))
        try await store.migrate()
        try await store.seed(plan: workload.plan, observations: [])
        try await store.seedReporting(units: workload.setup.units, schedule: workload.schedule, tolerances: [:])
        let changes = ReportBatch.check(
            workload.rows, unit: "370000", indicators: workload.indicators, schedule: workload.schedule, today: Day(year: 2026, month: 11, day: 29)
        ) { _, _ in [] }
        .compactMap(\.change)
        let actor = Actor(username: "bench", unitCode: "370000", ip: "local", channel: "cli")
        benchmark.startMeasurement()
        blackHole(
            try await store.saveValues(unit: "370000", changes: changes, actor: actor, reason: "", dryRun: false, summary: nil, progress: nil) { _ in
                .draft
            })
        benchmark.stopMeasurement()
        try await store.shutdown()
    }
}
