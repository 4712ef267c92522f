import PlanCatalog
import PlanCore
import Testing

@testable import PlanTrackCLI

@Suite struct RegionsCommandTests {
    @Test func csvListsAll153Divisions() throws {
        let plan = try Catalog.bundled()
        let output = try RegionsCommand.parse(["--format", "csv"]).output(plan: plan)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "code,name_zh,name_en,level,parent_code,circle")
        #expect(lines.count == 154)
        #expect(lines.contains("370000,山东省,Shandong Province,province,,"))
        #expect(lines.contains("370100,济南市,Jinan,city,370000,capital_circle"))
        #expect(lines.contains { $0.hasPrefix("370212,崂山区,") && $0.hasSuffix(",county,370200,jiaodong_circle") })
    }

    @Test func jsonAndTable() throws {
        let plan = try Catalog.bundled()
        let json = try RegionsCommand.parse(["--format", "json"]).output(plan: plan)
        #expect(json.components(separatedBy: "\"code\"").count - 1 == 153)
        let table = try RegionsCommand.parse([]).output(plan: plan)
        #expect(table.split(separator: "\n").count == 155)
    }
}
