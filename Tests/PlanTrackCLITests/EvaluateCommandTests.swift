import Foundation
import PlanCatalog
import PlanCore
import Testing

@testable import PlanTrackCLI

@Suite struct EvaluateCommandTests {
    let plan: Plan
    let directory: URL

    init() throws {
        plan = try Catalog.bundled()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("evaluate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    private func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func evaluate(_ arguments: [String]) throws -> String {
        let command = try EvaluateCommand.parse(arguments)
        let (rows, index, _) = try command.inputs(plan: plan)
        return command.output(plan: plan, rows: rows, index: index)
    }

    private let header =
        "target_id,article,indicator_key,region_code,kind,value,value_high,unit,base_year,base_value,deadline,direction,form,binding,tolerance,quote\n"

    @Test func csvHasExactlyTheAgreedColumns() throws {
        let output = try evaluate(["--format", "csv"])
        let lines = output.split(separator: "\n")
        #expect(
            lines.first
                == "target_id,region_code,as_of,latest_period,latest_value,base_year,base_value,target_level,progress,time_elapsed,pace_ratio,status,trajectory_value,projection,projection_low,projection_high,likelihood,points_used"
        )
        #expect(lines.count == plan.targets.count + 1)
    }

    @Test func anyPlanCanBeEvaluatedFromCSV() throws {
        // Worked example (a) of the evaluation rules, and the same target replicated to Jinan.
        let targets = try file(
            "t.csv",
            header + """
                RD,1,rd,370000,floor,2.6,,%,2020,,2025,1,additive,false,,研发强度
                RD,1,rd,370100,floor,2.6,,%,2020,,2025,1,additive,false,,研发强度
                """)
        let observations = try file(
            "o.csv",
            """
            indicator_key,region_code,period,value,source
            rd,370000,2020,2.15,illustrative
            rd,370000,2022,2.31,illustrative
            rd,370100,2020,3.0,illustrative
            rd,370100,2022,3.2,illustrative
            """)
        let output = try evaluate(["--targets", targets, "--observations", observations, "--format", "csv"])
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[1] == "RD,370000,2022,2022,2.31,2020,2.15,2.6,0.355556,0.4,0.888889,behind,2.33,2.55,2.55,2.55,at_risk,2")
        #expect(lines[2].hasPrefix("RD,370100,2022,2022,3.2,2020,3,2.6,"))
        #expect(lines[2].contains(",achieved,"))
        let jinanOnly = try evaluate(["--targets", targets, "--observations", observations, "--format", "csv", "--region", "370100"])
        #expect(jinanOnly.split(separator: "\n").count == 2)
    }

    @Test func badObservationsFailWithEveryLine() throws {
        let observations = try file(
            "bad.csv",
            """
            indicator_key,region_code,period,value
            rd_intensity,370000,2022,2.49
            nope,370000,2022,1
            rd_intensity,370000,2023年,1
            rd_intensity,370000,2024,abc
            rd_intensity,370000,2022,2.5
            """)
        do {
            _ = try evaluate(["--observations", observations])
            Issue.record("expected a failure")
        } catch let error as CLIError {
            #expect(error.description.contains("bad.csv:3: indicator_key: unknown indicator \"nope\""))
            #expect(error.description.contains("bad.csv:4: period:"))
            #expect(error.description.contains("bad.csv:5: value:"))
            #expect(error.description.contains("bad.csv:6: period: duplicate of line 2"))
            #expect(error.description.contains("4 invalid rows"))
        }
        let command = try EvaluateCommand.parse(["--observations", observations, "--skip-invalid", "--format", "csv"])
        let (_, index, warnings) = try command.inputs(plan: plan)
        #expect(warnings.count == 4 && warnings.allSatisfy { $0.hasPrefix("skipped: \(observations):") }, "\(warnings)")
        #expect(index["rd_intensity", "370000"].count == 1)
    }

    @Test func badTargetRowsAreReported() throws {
        let targets = try file(
            "bad-targets.csv",
            header + "X,1,rd,370000,goal,2.6,,%,,,2025,1,additive,false,,q\nY,1,rd,370000,floor,two,,%,,,2025,1,additive,false,,q\n")
        #expect(throws: CLIError.self) { try evaluate(["--targets", targets]) }
    }

    @Test func readableTableSaysWhatIsAssessable() throws {
        let output = try evaluate([])
        #expect(output.contains("as of 2025:"))
        #expect(output.contains("targets assessable"))
        #expect(output.contains("无法评估的原因"))
        #expect(output.contains("A070-1"))
    }

    @Test func regionAllEvaluatesEveryRegionWithData() throws {
        let output = try evaluate(["--region", "all", "--format", "csv"])
        #expect(output.split(separator: "\n").count > plan.targets.count + 1)
    }
}

@Suite struct EncodingInputTests {
    @Test func gbkObservationFilesAreRead() throws {
        let plan = try Catalog.bundled()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gbk-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let gbkSource: [UInt8] = [0xC9, 0xBD, 0xB6, 0xAB, 0xCA, 0xA1, 0xCD, 0xB3, 0xBC, 0xC6, 0xBE, 0xD6]  // 山东省统计局
        let bytes =
            Array("indicator_key,region_code,period,value,source\nrd_intensity,370000,2022,2.49,".utf8) + gbkSource
            + Array("\nrd_intensity,370000,2024,2.6,".utf8) + gbkSource + [0x0A]
        try Data(bytes).write(to: url)
        let command = try EvaluateCommand.parse(["--observations", url.path, "--format", "csv"])
        let (rows, index, warnings) = try command.inputs(plan: plan)
        #expect(warnings.isEmpty)
        #expect(index["rd_intensity", "370000"].first?.provenance.source == "山东省统计局")
        let csv = command.output(plan: plan, rows: rows, index: index)
        #expect(csv.contains("\nC02-2,370000,2024,2024,2.6,2022,2.49,2.6,1,"))
    }

    @Test func binaryFilesGetAClearError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bin-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF]).write(to: url)
        let command = try EvaluateCommand.parse(["--observations", url.path])
        #expect(throws: CLIError.self) { try command.inputs(plan: try Catalog.bundled()) }
    }
}
