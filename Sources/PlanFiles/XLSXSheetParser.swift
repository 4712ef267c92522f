import Foundation
import XMLCoder
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

final class SheetParser: NSObject, StreamingPart {
    struct Cell {
        var reference: String
        var column: Int
        var type: String
        var value = ""
        var inline = ""
    }

    enum Capture { case none, value, inline }

    let part: String
    let sharedStrings: [String]
    let limits: XLSXReader.Limits
    private(set) var rows: [XLSXRow] = []
    private(set) var merged: [String] = []
    private(set) var failure: XLSXError?

    private var inSheetData = false
    var rowNumber = 0
    var cells: [String] = []
    var cellCount = 0
    var textBytes = 0
    var nextColumn = 0
    var cell: Cell?
    var inInlineString = false
    var phoneticDepth = 0
    var capture = Capture.none

    init(part: String, sharedStrings: [String], limits: XLSXReader.Limits) {
        self.part = part
        self.sharedStrings = sharedStrings
        self.limits = limits
    }

    private func fail(_ kind: XLSXError.Kind, _ parser: XMLParser) {
        guard failure == nil else { return }
        failure = XLSXError(kind)
        parser.abortParsing()
    }

    private func malformed(_ detail: String, _ parser: XMLParser) {
        fail(.malformedXML(part: part, detail: detail), parser)
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        switch elementName {
        case "sheetData":
            inSheetData = true
        case "row" where inSheetData:
            if let number = attributeDict["r"] {
                guard let value = Int(number), (1...XLSXReader.maxSheetRows).contains(value) else {
                    return malformed("row number “\(number)”", parser)
                }
                rowNumber = value
            } else {
                guard rowNumber < XLSXReader.maxSheetRows else { return malformed("a row beyond Excel's last row", parser) }
                rowNumber += 1
            }
            cells = []
            nextColumn = 0
        case "c" where inSheetData:
            var column = nextColumn
            if let reference = attributeDict["r"] {
                guard let index = XLSXReader.columnIndex(of: reference) else {
                    return malformed("cell reference “\(reference)”", parser)
                }
                column = index
            }
            guard column < 16_384 else { return malformed("a cell beyond column XFD in row \(rowNumber)", parser) }
            let reference = attributeDict["r"] ?? XLSXReader.columnName(column) + String(rowNumber)
            cell = Cell(reference: reference, column: column, type: attributeDict["t"] ?? "n")
        case "f" where cell != nil:
            fail(.formula(cell: cell?.reference ?? ""), parser)
        case "v" where cell != nil:
            capture = .value
        case "is" where cell != nil:
            inInlineString = true
            phoneticDepth = 0
        case "rPh" where inInlineString:
            phoneticDepth += 1
        case "t" where inInlineString && phoneticDepth == 0:
            capture = .inline
        case "mergeCell":
            if let range = attributeDict["ref"] { merged.append(range) }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard failure == nil else { return }
        switch elementName {
        case "v", "t":
            capture = .none
        case "rPh" where inInlineString:
            phoneticDepth -= 1
        case "is":
            inInlineString = false
        case "c":
            if let cell { finish(cell, parser) }
            cell = nil
        case "row" where inSheetData:
            guard !cells.isEmpty else { return }
            rows.append(XLSXRow(number: rowNumber, cells: cells))
            if rows.count > limits.maxRows { fail(.tooManyRows(limit: limits.maxRows), parser) }
        case "sheetData":
            inSheetData = false
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        switch capture {
        case .none: break
        case .value: cell?.value.append(string)
        case .inline: cell?.inline.append(string)
        }
    }

    // swift-format-ignore: AlwaysUseLowerCamelCase

    // The parameter name is XMLParserDelegate's.

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }

    /// `text` without surrounding whitespace (a fast path for the usual value that has none).
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Places a finished cell's text in the current row.
    func finish(_ cell: Cell, _ parser: XMLParser) {
        nextColumn = cell.column + 1
        let value = Self.trimmed(cell.value)
        let text: String
        switch cell.type {
        case "s":
            guard let index = Int(value), sharedStrings.indices.contains(index) else {
                let detail = "cell \(cell.reference) refers to shared string “\(value)” of \(sharedStrings.count)"
                return malformed(detail, parser)
            }
            text = sharedStrings[index]
        case "inlineStr":
            text = XLSXReader.unescape(cell.inline.isEmpty ? cell.value : cell.inline)
        case "str":
            text = XLSXReader.unescape(cell.value)
        case "b":
            switch value.lowercased() {
            case "1", "true": text = "TRUE"
            case "0", "false": text = "FALSE"
            case "": text = ""
            default: return malformed("cell \(cell.reference) holds “\(value)” as a boolean", parser)
            }
        default:
            text = value
        }
        guard !text.isEmpty else { return }
        if text.utf8.count > limits.maxCellCharacters, text.count > limits.maxCellCharacters {
            let kind = XLSXError.Kind.cellTooLong(cell: cell.reference, length: text.count, limit: limits.maxCellCharacters)
            return fail(kind, parser)
        }
        textBytes += text.utf8.count
        guard textBytes <= limits.maxTextBytes else { return fail(.tooMuchText(limit: limits.maxTextBytes), parser) }
        if cell.column < cells.count {
            cells[cell.column] = text
            return
        }
        cellCount += cell.column + 1 - cells.count
        guard cellCount <= limits.maxCells else { return fail(.tooManyCells(limit: limits.maxCells), parser) }
        cells.append(contentsOf: repeatElement("", count: cell.column - cells.count))
        cells.append(text)
    }
}
