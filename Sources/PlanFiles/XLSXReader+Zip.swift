import Foundation
import XMLCoder
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

// MARK: - ZIP container

extension XLSXReader {
    /// The entries of a ZIP archive, read from its central directory, and a budget of bytes that
    /// may still be inflated.
    ///
    /// Entries are inflated with ZIPFoundation's `Data.decompress` from a provider that serves only
    /// the entry's own compressed bytes: on Linux, ZIPFoundation 0.9.20's inflate loop never ends
    /// when its input runs dry before the deflate stream does (weichsel/ZIPFoundation#389), which
    /// `Archive.extract` lets a damaged or hostile archive trigger.
    final class ZipDirectory {
        struct Entry {
            var flags: UInt16
            var method: UInt16
            var crc32: UInt32
            var compressedSize: Int
            var uncompressedSize: Int
            var headerOffset: Int
        }

        private let data: Data
        private let limit: Int
        private var spent = 0
        /// Entries by lowercased path (part names are case-insensitive); the first of duplicates.
        private var entries: [String: Entry] = [:]

        init(_ data: Data, limits: Limits) throws(XLSXError) {
            self.data = data
            self.limit = limits.maxUncompressedBytes
            let localHeader: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
            let damaged = XLSXError(data.starts(with: localHeader) ? .truncated : .notZip)
            guard let end = findEndOfCentralDirectory() else { throw damaged }

            guard var count = uint(end + 10, 2), var offset = uint(end + 16, 4) else { throw damaged }
            if count == 0xFFFF || offset == 0xFFFF_FFFF {
                // ZIP64: a locator just before the end record points at the ZIP64 end record.
                guard end >= 20, uint(end - 20, 4) == 0x0706_4B50,
                    let record = uint(end - 12, 8).flatMap({ Int(exactly: $0) }),
                    uint(record, 4) == 0x0606_4B50,
                    let count64 = uint(record + 32, 8), let offset64 = uint(record + 48, 8)
                else { throw XLSXError(.truncated) }
                (count, offset) = (count64, offset64)
            }
            guard count <= UInt64(limits.maxEntries) else { throw XLSXError(.tooManyEntries(limits.maxEntries)) }
            guard var position = Int(exactly: offset) else { throw XLSXError(.truncated) }

            var declared = 0
            for _ in 0..<Int(count) {
                guard uint(position, 4) == 0x0201_4B50,
                    let flags = uint(position + 8, 2), let method = uint(position + 10, 2),
                    let crc = uint(position + 16, 4),
                    var compressed = uint(position + 20, 4), var uncompressed = uint(position + 24, 4),
                    let nameLength = uint(position + 28, 2).map(Int.init),
                    let extraLength = uint(position + 30, 2).map(Int.init),
                    let commentLength = uint(position + 32, 2).map(Int.init),
                    var headerOffset = uint(position + 42, 4),
                    let name = bytes(position + 46, nameLength)
                else { throw XLSXError(.truncated) }
                if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || headerOffset == 0xFFFF_FFFF {
                    // The ZIP64 extra field holds, in this order, the fields saturated above.
                    guard var field = zip64Field(at: position + 46 + nameLength, length: extraLength)
                    else { throw XLSXError(.truncated) }
                    func widen(_ value: inout UInt64) throws(XLSXError) {
                        guard value == 0xFFFF_FFFF else { return }
                        guard let wide = uint(field, 8) else { throw XLSXError(.truncated) }
                        value = wide
                        field += 8
                    }
                    try widen(&uncompressed)
                    try widen(&compressed)
                    try widen(&headerOffset)
                }
                guard uncompressed <= UInt64(limit), declared + Int(uncompressed) <= limit else {
                    throw XLSXError(.tooLarge(limitBytes: limit))
                }
                declared += Int(uncompressed)
                guard let compressedSize = Int(exactly: compressed), let offset = Int(exactly: headerOffset)
                else { throw XLSXError(.truncated) }
                let path = String(decoding: name, as: UTF8.self).lowercased()
                if entries[path] == nil {
                    entries[path] = Entry(
                        flags: UInt16(flags), method: UInt16(method), crc32: UInt32(crc),
                        compressedSize: compressedSize, uncompressedSize: Int(uncompressed), headerOffset: offset)
                }
                position += 46 + nameLength + extraLength + commentLength
            }
        }

        /// Whether the archive holds the part at `path` (no leading slash).
        func contains(_ path: String) -> Bool {
            entries[path.lowercased()] != nil
        }

        /// The inflated bytes of the part at `path`, charged against the byte budget.
        func read(_ path: String) throws(XLSXError) -> Data {
            guard let entry = entries[path.lowercased()] else { throw XLSXError(.missingPart(path)) }
            let header = entry.headerOffset
            guard entry.flags & 1 == 0,  // encrypted
                uint(header, 4) == 0x0403_4B50,
                let nameLength = uint(header + 26, 2), let extraLength = uint(header + 28, 2)
            else { throw XLSXError(.truncated) }
            let start = header + 30 + Int(nameLength) + Int(extraLength)
            let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
            guard !overflow, end <= data.count else { throw XLSXError(.truncated) }

            let output: Data
            let checksum: CRC32
            switch entry.method {
            case 0:
                guard entry.compressedSize <= limit - spent else { throw XLSXError(.tooLarge(limitBytes: limit)) }
                spent += entry.compressedSize
                output = data.subdata(in: data.startIndex + start..<data.startIndex + end)
                checksum = output.crc32(checksum: 0)
            case 8:
                (output, checksum) = try inflate(start..<end)
            default:
                throw XLSXError(.truncated)
            }
            guard output.count == entry.uncompressedSize, checksum == entry.crc32 else { throw XLSXError(.truncated) }
            return output
        }

        private enum InflateFailure: Error { case overBudget, inputExhausted }

        private func inflate(_ range: Range<Int>) throws(XLSXError) -> (Data, CRC32) {
            let chunkSize = 64 << 10
            var cursor = range.lowerBound
            var output = Data()
            var remaining = limit - spent
            defer { spent = limit - remaining }
            do {
                let checksum = try Data.decompress(
                    size: Int64(range.count), bufferSize: chunkSize, skipCRC32: false,
                    provider: { _, size in
                        // Always hand over `size` bytes (inflate is told the chunk is that long),
                        // zero-padding the last chunk; fail once the entry's bytes are used up.
                        guard cursor < range.upperBound else { throw InflateFailure.inputExhausted }
                        let count = min(size, range.upperBound - cursor)
                        var chunk = self.data.subdata(
                            in: self.data.startIndex + cursor..<self.data.startIndex + cursor + count)
                        cursor += count
                        if count < size { chunk.append(Data(count: size - count)) }
                        return chunk
                    },
                    consumer: { chunk in
                        guard chunk.count <= remaining else { throw InflateFailure.overBudget }
                        remaining -= chunk.count
                        output.append(chunk)
                    })
                return (output, checksum)
            } catch InflateFailure.overBudget {
                throw XLSXError(.tooLarge(limitBytes: limit))
            } catch {
                throw XLSXError(.truncated)
            }
        }

        /// The offset of the end-of-central-directory record, searched back from the end over
        /// the longest possible archive comment.
        private func findEndOfCentralDirectory() -> Int? {
            guard data.count >= 22 else { return nil }
            var position = data.count - 22
            let lowest = max(0, position - 0xFFFF)
            while position >= lowest {
                if uint(position, 4) == 0x0605_4B50 { return position }
                position -= 1
            }
            return nil
        }

        /// The offset of the data of the ZIP64 extended-information extra field, if present.
        private func zip64Field(at start: Int, length: Int) -> Int? {
            var position = start
            while position + 4 <= start + length {
                guard let id = uint(position, 2), let size = uint(position + 2, 2) else { return nil }
                if id == 1 { return position + 4 }
                position += 4 + Int(size)
            }
            return nil
        }

        /// The little-endian unsigned integer of `size` bytes at `offset`, if within the data.
        private func uint(_ offset: Int, _ size: Int) -> UInt64? {
            guard offset >= 0, offset <= data.count - size else { return nil }
            var value: UInt64 = 0
            for index in (0..<size).reversed() {
                value = value << 8 | UInt64(data[data.startIndex + offset + index])
            }
            return value
        }

        private func bytes(_ offset: Int, _ count: Int) -> Data? {
            guard offset >= 0, offset <= data.count - count else { return nil }
            return data.subdata(in: data.startIndex + offset..<data.startIndex + offset + count)
        }
    }
}
