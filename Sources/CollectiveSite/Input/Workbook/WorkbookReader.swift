import Foundation
import ImpactDomain
import ZIPFoundation

/// An initiative's `data.xlsx`, opened: which sheet holds which table, its shared strings and which cell styles
/// are dates or percentages. Each sheet is then read on demand (`sheet(_:)`) into the same CSV bytes the
/// table readers take from a `.csv` file, so every rule and every message is the CSV form's.
struct WorkbookReader {
    static let fileName = WorkbookTables.fileName

    let path: String
    private let archive: Archive
    /// Sheets in workbook order: name as written, and the zip part that holds it.
    let sheets: [(name: String, part: String)]
    private let strings: SharedStrings
    private let styles: [CellStyle]
    /// Workbooks made on old Macs count days from 1904-01-01.
    private let date1904: Bool

    /// Nil, with a located error, when the file is not a workbook that can be read.
    init?(bytes: [UInt8], path: String, _ diagnostics: inout [Diagnostic]) {
        self.path = path
        let here = SourceLocation(path: path)
        let resave = "open it in Excel or LibreOffice and save it as \"Excel Workbook (.xlsx)\""
        if bytes.isEmpty {
            diagnostics.append(.error(here, "empty file", hint: "write `collective new initiative` to get a template workbook, or delete it"))
            return nil
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An OLE compound file: an encrypted workbook keeps its real zip inside a stream of this name.
            let encrypted = bytes.firstRange(of: Array("EncryptedPackage".utf16.flatMap { [UInt8($0), 0] })) != nil
            diagnostics.append(encrypted
                ? .error(here, "the workbook is protected with a password, so it cannot be read",
                         hint: "remove the password (in Excel: File → Info → Protect Workbook → Encrypt with Password, clear it; in LibreOffice: Save As without \"Save with password\"); the published site shows the figures anyway")
                : .error(here, "this is an Excel 97–2003 workbook (.xls), not an .xlsx workbook", hint: resave))
            return nil
        }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), let archive = try? Archive(data: Data(bytes), accessMode: .read, pathEncoding: nil) else {
            diagnostics.append(.error(here, "not an Excel workbook: the file is damaged or in another format", hint: resave))
            return nil
        }
        self.archive = archive
        guard let workbook = Self.part(archive, "xl/workbook.xml") else {
            diagnostics.append(.error(here, "not an Excel workbook: it has no xl/workbook.xml part", hint: resave))
            return nil
        }
        let relations = Self.part(archive, "xl/_rels/workbook.xml.rels").map(Self.relationships) ?? [:]
        var sheets: [(name: String, part: String)] = []
        var date1904 = false
        workbook.withUnsafeBufferPointer { p in
            var i = 0
            while let lt = XMLBytes.nextTag(p, from: i), let tag = XMLBytes.tag(p, at: lt) {
                i = tag.end
                guard !tag.isClosing else { continue }
                if XMLBytes.name(p, tag, is: "workbookPr") {
                    let value = XMLBytes.attributeText(p, tag, "date1904")
                    date1904 = value == "1" || value == "true"
                } else if XMLBytes.name(p, tag, is: "sheet"), let name = XMLBytes.attributeText(p, tag, "name"),
                          let id = XMLBytes.attributeText(p, tag, "id"), let target = relations[id]?.target {
                    sheets.append((name, Self.partPath(target)))
                }
            }
        }
        self.sheets = sheets
        self.date1904 = date1904
        let sharedStringsPart = relations.values.first { $0.type.hasSuffix("/sharedStrings") }.map { Self.partPath($0.target) }
        let stylesPart = relations.values.first { $0.type.hasSuffix("/styles") }.map { Self.partPath($0.target) }
        strings = SharedStrings(Self.part(archive, sharedStringsPart ?? "xl/sharedStrings.xml") ?? [])
        styles = CellStyle.read(Self.part(archive, stylesPart ?? "xl/styles.xml") ?? [])
    }

    /// The sheet whose name is `table` (any case, surrounding spaces ignored), as written in the workbook.
    func sheetName(for table: String) -> String? {
        sheets.first { CSVHeader.normalized($0.name) == table }?.name
    }

    /// A sheet read into CSV bytes, or nil (with a located error) when its part is missing or damaged.
    /// - Parameter pipelineAbove: sheets larger than this (inflated) are inflated on a second thread.
    func sheet(_ name: String, headerOnly: Bool = false, pipelineAbove: Int64 = 8 << 20,
               _ diagnostics: inout [Diagnostic]) -> SheetCSV? {
        guard let part = sheets.first(where: { $0.name == name })?.part, let entry = archive[part] else {
            diagnostics.append(.error(SourceLocation(path: path), "the sheet `\(name)` has no data in the workbook (part missing)",
                                      hint: "open the workbook in Excel or LibreOffice and save it again"))
            return nil
        }
        var scanner = SheetScanner(sheet: name, path: path, strings: strings, styles: styles, date1904: date1904,
                                   expectedBytes: Int(clamping: entry.uncompressedSize))
        scanner.headerOnly = headerOnly
        struct Enough: Error {}
        do {
            // No CRC: ZIPFoundation computes it in Swift on Linux, which took longer than inflating; a damaged
            // stream still fails to inflate.
            if headerOnly || Int64(entry.uncompressedSize) <= pipelineAbove {
                _ = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: true) { data in
                    data.withUnsafeBytes { raw in scanner.feed(raw.assumingMemoryBound(to: UInt8.self)) }
                    if scanner.done { throw Enough() }
                }
            } else {
                // A large sheet (the results of a big initiative): inflated on a second thread while this one scans.
                try ChunkPipe.run(producing: { put in
                    _ = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: true) { data in
                        if !put(data) { throw Enough() }
                    }
                }, consuming: { data in
                    data.withUnsafeBytes { raw in scanner.feed(raw.assumingMemoryBound(to: UInt8.self)) }
                    return !scanner.done
                })
            }
        } catch is Enough {
        } catch {
            diagnostics.append(.error(SourceLocation(path: path), "the sheet `\(name)` is damaged and cannot be read (\(error))",
                                      hint: "open the workbook in Excel or LibreOffice, let it repair the file, and save it again"))
            return nil
        }
        return scanner.finish(&diagnostics)
    }

    // MARK: - Parts

    /// A whole (small) part of the zip, or nil when it is not there or cannot be inflated.
    static func part(_ archive: Archive, _ path: String) -> [UInt8]? {
        guard let entry = archive[path] else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(clamping: entry.uncompressedSize))
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 20) { bytes.append(contentsOf: $0) }
        } catch { return nil }
        return bytes
    }

    /// `worksheets/sheet1.xml` or `/xl/worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`.
    static func partPath(_ target: String) -> String {
        target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    /// Relationship id → (type, target) of a `.rels` part.
    static func relationships(_ bytes: [UInt8]) -> [String: (type: String, target: String)] {
        var found: [String: (type: String, target: String)] = [:]
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            while let lt = XMLBytes.nextTag(p, from: i), let tag = XMLBytes.tag(p, at: lt) {
                i = tag.end
                if !tag.isClosing, XMLBytes.name(p, tag, is: "Relationship"), let id = XMLBytes.attributeText(p, tag, "Id"),
                   let target = XMLBytes.attributeText(p, tag, "Target") {
                    found[id] = (XMLBytes.attributeText(p, tag, "Type") ?? "", target)
                }
            }
        }
        return found
    }
}

/// xl/sharedStrings.xml: the text of every string cell (a cell holds its index), decoded, one flat buffer.
struct SharedStrings: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init(_ part: [UInt8]) {
        part.withUnsafeBufferPointer { p in
            var i = 0
            var inItem = false, inText = false, inPhonetic = false
            while let lt = XMLBytes.nextTag(p, from: i) {
                // Text runs end at the next tag (a `<` inside text is always escaped).
                if inText, !inPhonetic { XMLBytes.appendDecoded(UnsafeBufferPointer(rebasing: p[i..<lt]), to: &bytes) }
                guard let tag = XMLBytes.tag(p, at: lt) else { break }
                i = tag.end
                if XMLBytes.name(p, tag, is: "si") {
                    if tag.isClosing || tag.isEmpty {
                        ends.append(bytes.count)
                        inItem = false
                    } else {
                        inItem = true
                    }
                } else if XMLBytes.name(p, tag, is: "t") {
                    inText = inItem && !tag.isClosing && !tag.isEmpty
                } else if XMLBytes.name(p, tag, is: "rPh") {
                    // Phonetic guides (furigana) are not part of the text.
                    inPhonetic = !tag.isClosing && !tag.isEmpty
                }
            }
        }
    }

    var count: Int { ends.count }

    func withBuffers<T>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) -> T) -> T {
        bytes.withUnsafeBufferPointer { text in ends.withUnsafeBufferPointer { body(text, $0) } }
    }

}

/// What a cell's style says about its number: a date (Excel stores dates as day numbers) or a percentage
/// (stored as a fraction: 35 % is 0.35).
enum CellStyle: UInt8, Sendable {
    case plain, date, percent

    /// One entry per `<xf>` of `<cellXfs>`, the list a cell's `s` attribute points into.
    static func read(_ part: [UInt8]) -> [CellStyle] {
        var formats: [Int: CellStyle] = [:]
        var styles: [CellStyle] = []
        part.withUnsafeBufferPointer { p in
            var i = 0
            var inCellFormats = false
            while let lt = XMLBytes.nextTag(p, from: i), let tag = XMLBytes.tag(p, at: lt) {
                i = tag.end
                if XMLBytes.name(p, tag, is: "numFmt"), !tag.isClosing, let id = XMLBytes.attributeInt(p, tag, "numFmtId") {
                    formats[id] = classify(XMLBytes.attributeText(p, tag, "formatCode") ?? "")
                } else if XMLBytes.name(p, tag, is: "cellXfs") {
                    inCellFormats = !tag.isClosing && !tag.isEmpty
                } else if inCellFormats, !tag.isClosing, XMLBytes.name(p, tag, is: "xf") {
                    let id = XMLBytes.attributeInt(p, tag, "numFmtId") ?? 0
                    styles.append(formats[id] ?? builtIn(id))
                }
            }
        }
        return styles
    }

    /// Excel's built-in number formats: 9 and 10 are percentages; 14–22, 27–36, 45–47 and 50–58 dates and times.
    static func builtIn(_ id: Int) -> CellStyle {
        switch id {
        case 9, 10: .percent
        case 14...22, 27...36, 45...47, 50...58: .date
        default: .plain
        }
    }

    /// A custom format code: a date when it has day, month, year, hour or second parts outside quoted text and
    /// brackets (`[Red]`, `[$-409]`); a percentage when it has `%`.
    static func classify(_ code: String) -> CellStyle {
        var visible = ""
        var inQuote = false, inBracket = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            if inQuote { if character == "\"" { inQuote = false }; continue }
            if inBracket { if character == "]" { inBracket = false }; continue }
            switch character {
            case "\\", "_", "*": escaped = true
            case "\"": inQuote = true
            case "[": inBracket = true
            default: visible.append(character)
            }
        }
        let lower = visible.lowercased()
        if lower.contains("general") { return .plain }
        if lower.contains(where: { "dmyhs".contains($0) }) { return .date }
        if lower.contains("%") { return .percent }
        return .plain
    }
}

/// Chunks handed from a producing thread to the calling one, at most a few at a time (memory stays at a few MB).
final class ChunkPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [Data] = []
    private var finished = false
    private var stopped = false
    private var failure: Error?

    /// Runs `produce` on a new thread (its `put` returns false once the consumer wants no more) and `consume` on
    /// this one until it returns false or the chunks end; rethrows the producer's error. The producer has ended
    /// when this returns, so nothing it uses is touched afterwards.
    static func run(producing produce: @escaping (_ put: (Data) -> Bool) throws -> Void,
                    consuming consume: (Data) -> Bool) throws {
        let pipe = ChunkPipe()
        let ended = DispatchSemaphore(value: 0)
        let work = UncheckedBox(produce)
        let thread = Thread {
            do {
                try work.value { pipe.put($0) }
                pipe.finish(nil)
            } catch {
                pipe.finish(error)
            }
            ended.signal()
        }
        thread.start()
        while let data = pipe.take() {
            if !consume(data) { pipe.stop(); break }
        }
        pipe.stop()
        ended.wait()
        if let failure = pipe.failure, !pipe.stoppedEarly { throw failure }
    }

    private var stoppedEarly = false

    private func put(_ data: Data) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= 4, !stopped { condition.wait() }
        guard !stopped else { return false }
        chunks.append(data)
        condition.broadcast()
        return true
    }

    private func take() -> Data? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty, !finished { condition.wait() }
        guard !chunks.isEmpty else { return nil }
        let data = chunks.removeFirst()
        condition.broadcast()
        return data
    }

    private func finish(_ error: Error?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    private func stop() {
        condition.lock()
        if !finished { stoppedEarly = true }
        stopped = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// Hands a value that is used by one thread at a time to another thread.
private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
