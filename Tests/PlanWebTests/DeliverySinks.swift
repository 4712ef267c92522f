import Foundation
import NIOCore
import NIOPosix

/// A local SMTP server for tests: it accepts every message and keeps what it was sent.
final class SMTPSink: Sendable {
    let port: Int
    private let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
    private let received = Received()

    actor Received {
        var messages: [(from: String, to: String, data: String)] = []
        func add(_ m: (from: String, to: String, data: String)) { messages.append(m) }
    }

    private init(server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>) {
        self.server = server
        port = server.channel.localAddress?.port ?? 0
    }

    /// Starts the sink on a free port of 127.0.0.1 and runs `body` with it.
    static func with<R: Sendable>(_ body: (SMTPSink) async throws -> R) async throws -> R {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
        let sink = SMTPSink(server: server)
        let serving = Task {
            try await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        group.addTask { try? await sink.serve(connection) }
                    }
                }
            }
        }
        defer { serving.cancel() }
        let result = try await body(sink)
        try? await server.channel.close()
        return result
    }

    var messages: [(from: String, to: String, data: String)] {
        get async { await received.messages }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await connection.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "220 sink ready\r\n"))
            var pending = ""
            var from = ""
            var to = ""
            var inData = false
            for try await var buffer in inbound {
                pending += buffer.readString(length: buffer.readableBytes) ?? ""
                while true {
                    if inData {
                        guard let end = pending.range(of: "\r\n.\r\n") else { break }
                        await received.add((from, to, String(pending[..<end.lowerBound])))
                        pending = String(pending[end.upperBound...])
                        inData = false
                        try await outbound.write(ByteBuffer(string: "250 queued\r\n"))
                        continue
                    }
                    guard let line = pending.range(of: "\r\n") else { break }
                    let command = String(pending[..<line.lowerBound])
                    pending = String(pending[line.upperBound...])
                    let verb = command.prefix(4).uppercased()
                    switch verb {
                    case "EHLO", "HELO": try await outbound.write(ByteBuffer(string: "250-sink\r\n250 8BITMIME\r\n"))
                    case "MAIL":
                        from = command
                        try await outbound.write(ByteBuffer(string: "250 ok\r\n"))
                    case "RCPT":
                        to = command
                        try await outbound.write(ByteBuffer(string: "250 ok\r\n"))
                    case "DATA":
                        inData = true
                        try await outbound.write(ByteBuffer(string: "354 go ahead\r\n"))
                    case "QUIT":
                        try await outbound.write(ByteBuffer(string: "221 bye\r\n"))
                        return
                    default: try await outbound.write(ByteBuffer(string: "502 not here\r\n"))
                    }
                }
            }
        }
    }
}
