import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client is too slow: the head of a request must arrive within
/// `header` of the connection's opening or of the previous response's end, and its body within
/// `body` of its head. An idle timeout alone would not do: a client sending one byte a second is
/// never idle. While the server is answering, no deadline runs.
///
/// Requests only move the deadline (a clock reading each); one timer per connection checks it
/// when it fires and, if the deadline moved on, waits again for the new one, so a busy
/// keep-alive connection schedules no timer per request.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let header: TimeAmount
    private let body: TimeAmount
    /// When the client must have sent what it owes; `nil` while the server answers.
    private var deadline: NIODeadline?
    private var timer: Scheduled<Void>?
    /// When the scheduled timer fires.
    private var timerAt: NIODeadline?
    /// Requests whose answer has not ended yet.
    private var answering = 0
    /// A request's body is still arriving.
    private var receiving = false

    init(header: TimeAmount, body: TimeAmount) {
        self.header = header
        self.body = body
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { owe(context, header) }
    }

    func channelActive(context: ChannelHandlerContext) {
        owe(context, header)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            answering += 1
            receiving = true
            owe(context, body)
        case .body: break
        case .end:
            receiving = false
            // Answered already (a refusal before the body ended): the next head is owed.
            if answering > 0 { deadline = nil } else { owe(context, header) }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            answering = max(answering - 1, 0)
            // The body still arriving keeps its own deadline.
            if answering == 0 && !receiving { owe(context, header) }
        }
        context.write(data, promise: promise)
    }

    private func owe(_ context: ChannelHandlerContext, _ amount: TimeAmount) {
        let due = NIODeadline.now() + amount
        deadline = due
        // A later deadline waits for the timer to find it; an earlier one needs an earlier timer.
        if let timerAt, timerAt <= due { return }
        timer?.cancel()
        wait(context, until: due)
    }

    private func wait(_ context: ChannelHandlerContext, until instant: NIODeadline) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timerAt = instant
        timer = context.eventLoop.scheduleTask(deadline: instant) {
            let (handler, context) = bound.value
            handler.timer = nil
            handler.timerAt = nil
            guard let deadline = handler.deadline else { return }
            if deadline <= .now() {
                context.close(promise: nil)
            } else {
                handler.wait(context, until: deadline)
            }
        }
    }

    private func stop() {
        timer?.cancel()
        timer = nil
        timerAt = nil
        deadline = nil
    }
}

@available(*, unavailable)
extension RequestDeadlineHandler: Sendable {}
