import Foundation

extension Array where Element: Sendable {
    /// `map(transform)` spread over the processor's cores in contiguous chunks, results in order.
    /// Arrays shorter than `minimumChunk` twice over are mapped on the calling thread: splitting
    /// small work costs more than it saves.
    public func parallelMap<T: Sendable>(minimumChunk: Int = 2_000, _ transform: @Sendable (Element) -> T) -> [T] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let chunks = Swift.min(cores, count / Swift.max(1, minimumChunk))
        guard chunks > 1 else { return map(transform) }
        let size = (count + chunks - 1) / chunks
        var parts = [[T]](repeating: [], count: chunks)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            self.withUnsafeBufferPointer { input in
                nonisolated(unsafe) let input = input
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let range = (chunk * size)..<Swift.min(input.count, (chunk + 1) * size)
                    // Each chunk writes only its own slot.
                    output[chunk] = input[range].map(transform)
                }
            }
        }
        return parts.flatMap { $0 }
    }
}
