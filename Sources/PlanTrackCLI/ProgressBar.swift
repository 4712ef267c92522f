import Foundation

/// A progress bar on standard error, redrawn in place, when standard error is a terminal (or
/// when forced); silent otherwise.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private let label: String
    private var lastDrawn = -1

    init(label: String, force: Bool = false) {
        self.label = label
        enabled = force || isatty(STDERR_FILENO) != 0
    }

    /// Draws `done` of `total` (redrawn only when the shown percentage changes).
    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        lock.lock()
        defer { lock.unlock() }
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% \(done)/\(total)".utf8))
        if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
