import ImpactDomain

/// The readers that take untrusted bytes, callable from the fuzz target (`Sources/CollectiveFuzz`).
/// Each must return (with diagnostics) for any input: never crash, hang or read out of bounds.
public enum FuzzEntryPoints {
    /// Every record and field of the bytes as CSV, plus a header check as results.csv would get.
    public static func csv(_ bytes: [UInt8]) {
        var reader = CSVReader(bytes: bytes, path: "fuzz.csv")
        var total = 0
        while reader.next() {
            for index in reader.fields.indices { total &+= reader.string(index).utf8.count }
            _ = reader.recordLocation
        }
        _ = reader.diagnostics.count &+ total
    }

    /// The bytes as a Markdown file with front matter, then the body through cmark (safe mode and raw).
    public static func frontMatter(_ bytes: [UInt8]) {
        let document = FrontMatter(bytes: bytes, path: "fuzz.md")
        _ = document.fields.scalars.count
        _ = Markdown.render(document.body, allowRawHTML: false)
    }

    /// Both, as the fuzz target calls them.
    public static func all(_ bytes: [UInt8]) {
        csv(bytes)
        frontMatter(bytes)
    }
}
