import Foundation

/// Runs the built `plantrack` executable as a person would: arguments, standard input, and the
/// environment (with cheap bcrypt for tests).
enum CommandRunner {
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    static var executable: URL { ExecutableTests.productsDirectory.appendingPathComponent("plantrack") }

    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["PLANTRACK_BCRYPT_COST"] = "4"
        env["DATABASE_URL"] = nil
        return env
    }

    @discardableResult
    static func run(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment.merging(extra) { _, b in b }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes while the process runs, so neither can fill up and block it.
        let errors = ReadAll(err.fileHandleForReading)
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self), errors: errors.text())
    }

    /// A fresh temporary folder.
    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plantrack-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Reads a pipe to its end on a background thread.
final class ReadAll: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
