import Foundation

/// Prints a page to PDF with headless Chromium, when it is installed (Debian's `chromium`, or the
/// program `PLANTRACK_CHROMIUM` names). The page is written to a temporary file with its
/// stylesheet inline, printed on A4 by the page's print rules, and the file removed.
public enum PDFPrinter {
    /// The Chromium to run, or nil when none is installed.
    public static func chromium(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let candidates =
            [environment["PLANTRACK_CHROMIUM"]].compactMap { $0 } + [
                "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable",
            ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public struct Unavailable: Error, Sendable {
        public let zh = "服务器未安装 Chromium，无法生成 PDF。请安装 Debian 的 chromium 软件包（apt-get install chromium fonts-noto-cjk），或用浏览器的“打印”另存为 PDF。"
        public let en =
            "Chromium is not installed on the server, so no PDF can be made: install Debian's chromium package (apt-get install chromium fonts-noto-cjk), or print the page to PDF from the browser."
    }

    public struct Failed: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// `html` as a PDF; `Unavailable` without Chromium, `Failed` when it does not print.
    public static func pdf(html: String, timeoutSeconds: Double = 90) async throws -> Data {
        guard let program = chromium() else { throw Unavailable() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plantrack-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("page.html")
        let output = dir.appendingPathComponent("page.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-pdf-header-footer",
            "--user-data-dir=\(dir.appendingPathComponent("profile").path)", "--print-to-pdf=\(output.path)", page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: Failed(description: "cannot run \(program): \(error.localizedDescription)"))
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds) { if process.isRunning { process.terminate() } }
        }
        guard let data = try? Data(contentsOf: output), data.starts(with: Data("%PDF".utf8)) else {
            throw Failed(description: "Chromium did not print (exit status \(status))")
        }
        return data
    }

    /// A rendered page made to stand alone: its stylesheet inline instead of linked.
    static func standalone(_ html: String) -> String {
        html.replacingOccurrences(
            of: #"<link rel="stylesheet" href="/static/style.css">"#, with: "<style>\n\(PageRoutes.stylesheet)\n</style>")
    }
}
