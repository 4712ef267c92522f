import Foundation
import PlanWeb
import Testing

/// Templates are loaded and checked when the server starts: a missing one is an error naming it,
/// not an empty page later.
@Suite struct TemplateLoadingTests {
    @Test func everyPageTemplateIsBundled() async throws {
        _ = try await PageRenderer.bundled()
        let files = try FileManager.default.contentsOfDirectory(atPath: PageRenderer.bundledDirectory)
        #expect(Set(PageTemplate.allCases.map { $0.rawValue + ".mustache" }) == Set(files.filter { $0.hasSuffix(".mustache") }))
    }

    @Test func aMissingTemplateStopsTheStartWithItsName() async throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(atPath: PageRenderer.bundledDirectory, toPath: copy.path)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("unit.mustache"))
        do {
            _ = try await PageRenderer.load(directory: copy.path)
            Issue.record("loading succeeded without unit.mustache")
        } catch let error as PageRenderer.TemplateError {
            #expect(error.description.contains("missing unit.mustache"))
        }
    }
}
