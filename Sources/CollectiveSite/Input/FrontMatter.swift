import ImpactDomain

/// A Markdown file split into its YAML front matter (between `---` lines at the very top) and its body.
public struct FrontMatter: Sendable {
    public var fields: YAMLFields
    /// The Markdown after the closing `---` (the whole file when there is no front matter).
    public var body: ArraySlice<UInt8>
    /// 1-based line of the file where the body begins.
    public var bodyLine: Int
    public var diagnostics: [Diagnostic]

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Splits and parses `bytes`, the contents of `path`. Never fails: problems land in `diagnostics`.
    public init(bytes: [UInt8], path: String) {
        fields = YAMLFields()
        diagnostics = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let (problem, readable) = UTF8Check.problem(in: bytes, path: path, hint: "save the file with UTF-8 encoding") {
            diagnostics.append(problem)
            if !readable {
                body = bytes[bytes.endIndex...]
                bodyLine = 1
                return
            }
        }
        var lines = LineScanner(bytes: bytes, start: start)
        guard let first = lines.next(), Self.isDelimiter(bytes[first.content], allowDots: false) else {
            body = bytes[start...]
            bodyLine = 1
            return
        }
        let yamlStart = first.next
        while let line = lines.next() {
            if Self.isDelimiter(bytes[line.content], allowDots: true) {
                let yaml = String(decoding: bytes[yamlStart..<line.content.lowerBound], as: UTF8.self)
                fields = YAMLFields(yaml: yaml, path: path, firstLine: 2, diagnostics: &diagnostics)
                body = bytes[line.next...]
                bodyLine = line.number + 1
                return
            }
        }
        diagnostics.append(.error(SourceLocation(path: path, line: 1, column: 1),
                                  "the front matter opened with `---` on line 1 is never closed",
                                  hint: "end the front matter with a line containing only `---`"))
        start = yamlStart
        body = bytes[start...]
        bodyLine = 2
    }

    /// `---` (or `...` to close, as YAML allows), with nothing after it but spaces.
    private static func isDelimiter(_ line: ArraySlice<UInt8>, allowDots: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed.removeLast() }
        return trimmed.elementsEqual("---".utf8) || (allowDots && trimmed.elementsEqual("...".utf8))
    }
}

/// Lines of a byte buffer: each line's content range (without the line ending), number, and where the next begins.
struct LineScanner {
    struct Line {
        var content: Range<Int>
        var number: Int
        var next: Int
    }

    let bytes: [UInt8]
    var position: Int
    var number = 0

    init(bytes: [UInt8], start: Int) {
        self.bytes = bytes
        self.position = start
    }

    mutating func next() -> Line? {
        guard position < bytes.count else { return nil }
        let start = position
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        position = end < bytes.count ? end + 1 : end
        number += 1
        let contentEnd = end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
        return Line(content: start..<contentEnd, number: number, next: position)
    }
}
