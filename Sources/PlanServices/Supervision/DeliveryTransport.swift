import Foundation
import NIOCore
import NIOPosix
import PlanCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sends one outbox message; throws when it did not get through (a refused connection, a non-2xx
/// answer, a robot's non-zero `errcode`, an SMTP error reply).
public protocol DeliveryTransport: Sendable {
    func send(_ message: OutboxMessage) async throws
}

/// Why a message did not get through, fit for the outbox's last error.
public struct DeliveryError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The network: HTTP(S) POSTs for webhooks and robots, SMTP for e-mail.
public struct NetworkTransport: DeliveryTransport {
    public var settings: DeliverySettings

    public init(settings: DeliverySettings) { self.settings = settings }

    public func send(_ message: OutboxMessage) async throws {
        switch message.channel {
        case .webhook, .wecom, .dingtalk: try await post(message)
        case .email:
            guard let relay = settings.smtp else { throw DeliveryError("no SMTP relay is configured (PLANTRACK_SMTP)") }
            try await SMTPClient.send(
                host: relay.host, port: relay.port, from: settings.smtpFrom, to: message.target, subject: message.subject, body: message.body,
                timeout: .seconds(15))
        }
    }

    func post(_ message: OutboxMessage) async throws {
        guard let url = URL(string: message.target) else { throw DeliveryError("not an address: \(message.target)") }
        var request = URLRequest(url: url, timeoutInterval: 15)
        request.httpMethod = "POST"
        request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        request.setValue("PlanTrack", forHTTPHeaderField: "User-Agent")
        request.httpBody = message.body
        let (data, response): (Data, URLResponse) = try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: DeliveryError(error.localizedDescription))
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: DeliveryError("no response"))
                }
            }.resume()
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw DeliveryError("HTTP \(status): \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        // The robots answer 200 with an error code of their own.
        if message.channel != .webhook {
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            let code = (object?["errcode"] as? NSNumber)?.intValue ?? -1
            guard code == 0 else {
                throw DeliveryError(
                    "robot refused: errcode \(code) \(object?["errmsg"] as? String ?? String(decoding: data.prefix(200), as: UTF8.self))")
            }
        }
    }
}

/// A plain SMTP client for a relay inside the network (no TLS, no login): one message per
/// connection, UTF-8 text sent as base64.
enum SMTPClient {
    static func send(host: String, port: Int, from: String, to: String, subject: String, body: Data, timeout: TimeAmount) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await converse(host: host, port: port, from: from, to: to, subject: subject, body: body) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(timeout.nanoseconds))
                throw DeliveryError("SMTP: no answer from \(host):\(port) within \(timeout.nanoseconds / 1_000_000_000) s")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    static func message(from: String, to: String, subject: String, body: Data, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let text = body.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "From: PlanTrack <\(from)>", "To: <\(to)>", "Subject: \(encodedSubject)", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@plantrack>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64", "", text,
        ].joined(separator: "\r\n")
    }

    static func converse(host: String, port: Int, from: String, to: String, subject: String, body: Data) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = ReplyReader(inbound.makeAsyncIterator())
            func step(_ command: String?, expect code: Int) async throws {
                if let command { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
                let (got, text) = try await replies.next()
                guard got == code else { throw DeliveryError("SMTP: \(command.map { String($0.prefix(20)) } ?? "greeting") answered \(got) \(text)") }
            }
            try await step(nil, expect: 220)
            try await step("EHLO plantrack", expect: 250)
            try await step("MAIL FROM:<\(from)>", expect: 250)
            try await step("RCPT TO:<\(to)>", expect: 250)
            try await step("DATA", expect: 354)
            try await step(message(from: from, to: to, subject: subject, body: body) + "\r\n.", expect: 250)
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }

    /// Reads SMTP replies: lines `250-…` continue, `250 …` ends a reply.
    struct ReplyReader {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending = ""

        init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) { self.iterator = iterator }

        mutating func next() async throws -> (Int, String) {
            var text = ""
            while true {
                while let range = pending.range(of: "\r\n") {
                    let line = String(pending[..<range.lowerBound])
                    pending = String(pending[range.upperBound...])
                    text += line + " "
                    let chars = Array(line)
                    if chars.count < 4 || chars[3] != "-" { return (Int(String(chars.prefix(3))) ?? 0, text) }
                }
                guard var buffer = try await iterator.next() else { throw DeliveryError("SMTP: connection closed") }
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
            }
        }
    }
}
