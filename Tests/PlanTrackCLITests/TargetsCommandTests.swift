import PlanCatalog
import PlanCore
import Testing

@testable import PlanTrackCLI

@Suite struct TargetsCommandTests {
    let plan: Plan

    init() throws {
        plan = try Catalog.bundled()
    }

    @Test func csvHasExactlyTheAgreedColumns() throws {
        let output = try TargetsCommand.parse(["--format", "csv"]).output(plan: plan)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.first
                == "target_id,article,indicator_key,region_code,kind,value,value_high,unit,base_year,base_value,deadline,direction,form,binding,tolerance,quote,assumptions"
        )
        #expect(lines.count == plan.targets.count + 2)  // header, rows, final empty line
    }

    @Test func csvRowsCarryTheCatalogValues() throws {
        let output = try TargetsCommand.parse(["--format", "csv", "--chapter", "5"]).output(plan: plan)
        #expect(output.contains("\nA066-2,66,water_use_per_10k_gdp,370000,relative_change,-16,,%,2020,,2025,-1,multiplicative,true,,"))
        #expect(output.contains("\nC05-1,ch5-intro,non_fossil_energy_share,370000,about,13,,%,,,2025,1,additive,false,0.5,"))
        #expect(!output.contains("\nC02-"))
    }

    @Test func jsonListsEveryTargetWithTypedValues() throws {
        let output = try TargetsCommand.parse(["--format", "json"]).output(plan: plan)
        #expect(output.hasPrefix("[\n  {\"target_id\": \"C02-1\", \"article\": \"ch2-intro\""))
        #expect(output.components(separatedBy: "\"target_id\"").count - 1 == plan.targets.count)
        #expect(output.contains("\"value\": 2.6, \"value_high\": null, \"unit\": \"%\""))
    }

    @Test func tableAlignsChineseColumns() throws {
        let output = try TargetsCommand.parse(["--chapter", "2"]).output(plan: plan)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == plan.targets(inChapter: 2).count + 2)
        // Every row puts its kind column at the same display column as the header.
        let header = lines[0]
        let kindColumn = TerminalText.width(header[..<header.range(of: "kind")!.lowerBound])
        for line in lines.dropFirst(2) {
            let id = line.prefix { $0 != " " }
            let target = try #require(plan.targets.first { $0.id == id })
            let range = try #require(line.range(of: "  " + target.kind.code + " "))
            #expect(TerminalText.width(line[..<range.lowerBound]) + 2 == kindColumn, "\(id)")
        }
    }

    @Test func unknownChapterIsRefused() {
        #expect(throws: (any Error).self) { try TargetsCommand.parse(["--chapter", "13"]).output(plan: plan) }
        #expect(throws: (any Error).self) { try TargetsCommand.parse(["--format", "xml"]) }
    }
}
