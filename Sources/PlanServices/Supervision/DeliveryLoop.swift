import Foundation
import Logging
import PlanCore
import ServiceLifecycle

/// Sends alerts on every `intervalSeconds` while the server runs: digests of new alerts are
/// enqueued and due messages sent. A run that fails is logged and the next one tries again; the
/// outbox keeps what was not sent.
public struct DeliveryLoop: Service {
    let delivery: DeliveryService
    let logger: Logger

    public init(delivery: DeliveryService, logger: Logger) {
        self.delivery = delivery
        self.logger = logger
    }

    public func run() async throws {
        let interval = UInt64(max(1, delivery.settings.intervalSeconds)) * 1_000_000_000
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(nanoseconds: interval)
                } catch {
                    return
                }
                do {
                    let run = try await delivery.deliver()
                    if run != DeliveryService.Run() {
                        logger.info(
                            "alert delivery: \(run.enqueued) enqueued, \(run.sent) sent, \(run.retrying) to retry, \(run.failed) failed")
                    }
                } catch {
                    logger.warning("alert delivery failed: \(String(describing: error))")
                }
            }
        }
    }
}
