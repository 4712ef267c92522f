import Foundation
import Logging
import PlanCore

/// The server's logs on standard error: one JSON object per line (`time`, `level`, `label`,
/// `message`, then the metadata: `request_id` (Hummingbird's `hb.request.id`) and `route` on a
/// request's lines), or swift-log's
/// plain text.
public enum ServerLogging {
    /// Bootstraps swift-log for the process (once).
    public static func bootstrap(format: String, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                format == "text" ? StreamLogHandler.standardError(label: label) : JSONLogHandler(label: label, write: JSONLogHandler.standardError)
            handler.logLevel = level
            return handler
        }
    }
}

/// A log handler writing each entry as one line of JSON.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let write: @Sendable (String) -> Void

    public init(label: String, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String,
        line number: UInt
    ) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra { merged.merge(extra) { _, new in new } }
        var line =
            "{\"time\":" + Self.quoted(Timestamp.string(Date())) + ",\"level\":" + Self.quoted(level.rawValue) + ",\"label\":"
            + Self.quoted(label) + ",\"message\":" + Self.quoted(message.description)
        if let id = merged.removeValue(forKey: "hb.request.id") { merged["request_id"] = id }
        for key in merged.keys.sorted() where !["time", "level", "label", "message"].contains(key) {
            line += "," + Self.quoted(key) + ":" + Self.json(merged[key]!)
        }
        write(line + "}\n")
    }

    static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): quoted(s)
        case .stringConvertible(let c): quoted(c.description)
        case .array(let items): "[" + items.map(json).joined(separator: ",") + "]"
        case .dictionary(let d): "{" + d.keys.sorted().map { quoted($0) + ":" + json(d[$0]!) }.joined(separator: ",") + "}"
        }
    }

    /// `text` as a JSON string.
    static func quoted(_ text: String) -> String { JSONText.quoted(text) }

    /// Whole lines on standard error: one write at a time, so that long lines from several
    /// threads never interleave.
    public static let standardError: @Sendable (String) -> Void = { line in
        writing.lock()
        defer { writing.unlock() }
        FileHandle.standardError.write(Data(line.utf8))
    }

    private static let writing = NSLock()
}
