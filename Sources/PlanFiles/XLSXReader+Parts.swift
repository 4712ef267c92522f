import Foundation
import XMLCoder
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

// MARK: - Streaming parts

/// A delegate that records the first failure and stops the parser.
protocol StreamingPart: XMLParserDelegate {
    var failure: XLSXError? { get }
}

extension XLSXReader {
    /// Runs `delegate` over `data` with Foundation's streaming parser.
    static func stream(_ data: Data, part: String, into delegate: some StreamingPart) throws(XLSXError) {
        try rejectDocumentType(data, part: part)
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = true
        parser.delegate = delegate
        let parsed = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard parsed else {
            let detail = "not well-formed XML near line \(parser.lineNumber), column \(parser.columnNumber)"
            throw XLSXError(.malformedXML(part: part, detail: detail))
        }
    }

    /// The 0-based column of a cell reference such as `"B3"` (`A`…`XFD`), or `nil` if malformed.
    static func columnIndex(of reference: String) -> Int? {
        var column = 0
        var letters = 0
        var digits = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                digits += 1
            default:
                return nil
            }
            if letters > 3 { return nil }
        }
        guard digits > 0, column <= 16_384 else { return nil }
        return column - 1
    }

    /// The letters of a 0-based column: 0 → `A`, 26 → `AA`.
    static func columnName(_ index: Int) -> String {
        var number = index + 1
        var scalars: [Unicode.Scalar] = []
        while number > 0 {
            scalars.append(Unicode.Scalar(UInt8(ascii: "A") + UInt8((number - 1) % 26)))
            number = (number - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// Decodes the `_xHHHH_` escapes spreadsheet strings use for characters XML cannot hold.
    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
                scalars[index + 2...index + 5].allSatisfy(\.properties.isASCIIHexDigit),
                let value = UInt32(String(String.UnicodeScalarView(scalars[index + 2...index + 5])), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                result.append(scalar)
                index += 7
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }
}

/// Collects the strings of `xl/sharedStrings.xml`: each `<si>` is its `<t>` text, or its rich-text
/// runs' `<t>` texts joined; phonetic runs (`<rPh>`) are left out.
final class SharedStringsParser: NSObject, StreamingPart {
    private(set) var strings: [String] = []
    let failure: XLSXError? = nil
    var current: String?
    var capturing = false
    var phoneticDepth = 0

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        switch elementName {
        case "si":
            current = ""
            phoneticDepth = 0
        case "rPh": phoneticDepth += 1
        case "t": capturing = current != nil && phoneticDepth == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch elementName {
        case "t": capturing = false
        case "rPh": phoneticDepth -= 1
        case "si":
            strings.append(XLSXReader.unescape(current ?? ""))
            current = nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if capturing { current?.append(string) }
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase

    // The parameter name is XMLParserDelegate's.

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if capturing { current?.append(String(decoding: CDATABlock, as: UTF8.self)) }
    }
}

/// Turns a worksheet's `<sheetData>` into rows, refusing formulas and collecting merged ranges.
