import ImpactDomain

/// The photos and figures of one initiative: `initiatives/<slug>/images/`, published as `<slug>/images/` and shown
/// in its narratives with ordinary Markdown (`![Women at the bootcamp](../images/bootcamp.jpg)` from a report).
///
/// Every image a narrative shows is checked when the narrative is read: it must be a file of `images/` (a
/// misspelt name, a file elsewhere or an address on another website is an error at the image's line, since the
/// published page would show a broken image: the site's Content-Security-Policy loads images only from the site
/// itself). The address is rewritten to one relative to the site root (`Narrative.siteRoot`), which each page
/// that shows the narrative resolves for its own depth.
struct NarrativeImages: Sendable {
    /// File types a browser shows in `<img>`. No SVG: an SVG file opened on its own runs its scripts.
    static let extensions = ["png", "jpg", "jpeg", "gif", "webp", "avif"]
    /// Larger images are published, with a warning: a report should open quickly on a phone.
    static let largeBytes = 2_000_000

    let slug: String
    /// File name → bytes.
    private(set) var files: [String: [UInt8]] = [:]
    /// File name → width and height from its header (`size(of:)`), read once when the file is.
    private var sizes: [String: (width: Int, height: Int)] = [:]

    init(slug: String, files: [String: [UInt8]]) {
        self.slug = slug
        self.files = files
        sizes = files.compactMapValues(Self.size(of:))
    }

    /// Reads `images/` (nil: the initiative has none), refusing what cannot be published as an image.
    init(slug: String, folder: ContentDirectory.Entry?, content: ContentDirectory, _ diagnostics: inout [Diagnostic]) {
        self.slug = slug
        guard let folder else { return }
        for entry in content.list(folder.path, &diagnostics) {
            let parts = entry.name.split(separator: ".", omittingEmptySubsequences: false)
            let stem = parts.dropLast().joined(separator: ".")
            let type = parts.count > 1 ? parts.last!.lowercased() : ""
            guard entry.kind == .file, parts.count == 2, Self.extensions.contains(type), ValueParsing.isValidID(stem) else {
                let hint = type == "svg"
                    ? "an SVG file can carry scripts; export it as PNG"
                    : "images are \(Self.extensions.map { ".\($0)" }.joined(separator: ", ")) files named with letters, digits, `-` and `_`, like `bootcamp-2025.jpg`"
                diagnostics.append(.warning(SourceLocation(path: entry.path), "`\(entry.name)` is not an image the site can publish; it will be ignored",
                                            hint: hint))
                continue
            }
            guard let bytes = content.read(entry.path, &diagnostics) else { continue }
            let size = Self.size(of: bytes)
            if type != "avif", size == nil {
                diagnostics.append(.warning(SourceLocation(path: entry.path), "`\(entry.name)` does not read as a \(type == "jpg" ? "JPEG" : type.uppercased()) image",
                                            hint: "open it in an image editor and save it again as .\(type); browsers may not show it"))
            }
            if bytes.count > Self.largeBytes {
                let megabytes = (Double(bytes.count) / 1_000_000 * 10).rounded() / 10
                diagnostics.append(.warning(SourceLocation(path: entry.path), "`\(entry.name)` is \(megabytes) MB: slow to open on a phone",
                                            hint: "resize it to at most 2,000 pixels wide, or save it as JPEG at 80 % quality"))
            }
            files[entry.name] = bytes
            sizes[entry.name] = size
        }
    }

    /// The published address of the image a narrative in `documentFolder` (`""` for initiative.md, `reports`,
    /// `partners`) shows as `address`: unchanged for a `data:` image, else `Narrative.siteRoot` + `<slug>/images/<name>`;
    /// a problem when it would not show.
    func publish(_ address: String, from documentFolder: String) -> Result<String, ValueParsing.Problem> {
        let example = documentFolder.isEmpty ? "images/photo.jpg" : "../images/photo.jpg"
        let here = "the initiative's `images/` folder"
        let lowered = address.lowercased()
        if lowered.hasPrefix("data:") { return .success(address) }
        if address.isEmpty {
            return .failure(.init(message: "an image without an address", hint: "write `![what it shows](\(example))`"))
        }
        if lowered.hasPrefix("//") || lowered.contains("://") {
            return .failure(.init(message: "image `\(address)` is on another website, and the site only shows images it publishes itself",
                                  hint: "save the image into \(here) and show it as `\(example)`, with the owner's permission"))
        }
        var path = documentFolder.isEmpty ? [] : documentFolder.split(separator: "/").map(String.init)
        let written = address.split(separator: "#", maxSplits: 1).first.map(String.init) ?? address
        for component in written.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case ".", "": continue
            case "..":
                guard !path.isEmpty else {
                    return .failure(.init(message: "image `\(address)` is outside the initiative's folder",
                                          hint: "keep images in \(here) and show them as `\(example)`"))
                }
                path.removeLast()
            default: path.append(String(component))
            }
        }
        guard path.count == 2, path[0] == "images" else {
            return .failure(.init(message: "image `\(address)` is outside \(here)",
                                  hint: "move it into \(here) and show it as `\(example)`"))
        }
        let name = path[1]
        guard files[name] != nil else {
            let hint = closestMatch(to: name, in: Array(files.keys)).map { "did you mean `\($0)`?" }
                ?? "put the file into \(here), or correct the name"
            return .failure(.init(message: "there is no image `\(name)` in \(here) (`\(address)`)", hint: hint))
        }
        return .success(Narrative.siteRoot + SitePaths.image(slug, name))
    }

    /// `width`, `height` and lazy loading for the `<img>` of an image this narrative showed (`published` as
    /// `publish` returned it): the browser reserves the space before the image arrives, so the text does not jump
    /// on a phone, and loads it only when the reader scrolls near it.
    func attributes(for published: String) -> String {
        var attributes = " loading=\"lazy\" decoding=\"async\""
        if published.hasPrefix(Narrative.siteRoot), let name = published.split(separator: "/").last,
           let size = sizes[String(name)] {
            attributes = " width=\"\(size.width)\" height=\"\(size.height)\"" + attributes
        }
        return attributes
    }

    /// Width and height in pixels from the file's header: PNG, GIF, JPEG and WebP (nil for AVIF, whose size sits
    /// deep in its boxes, and for a file that is not what its header should be).
    static func size(of bytes: [UInt8]) -> (width: Int, height: Int)? {
        func be16(_ i: Int) -> Int { Int(bytes[i]) << 8 | Int(bytes[i + 1]) }
        func le16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func be32(_ i: Int) -> Int { be16(i) << 16 | be16(i + 2) }
        func le24(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2]) << 16 }
        func starts(_ text: String, at i: Int) -> Bool {
            let expected = Array(text.utf8)
            return bytes.count >= i + expected.count && Array(bytes[i..<(i + expected.count)]) == expected
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), bytes.count >= 24, starts("IHDR", at: 12) {
            return (be32(16), be32(20))
        }
        if starts("GIF87a", at: 0) || starts("GIF89a", at: 0), bytes.count >= 10 { return (le16(6), le16(8)) }
        if starts("RIFF", at: 0), starts("WEBP", at: 8), bytes.count >= 30 {
            if starts("VP8 ", at: 12) { return (le16(26) & 0x3FFF, le16(28) & 0x3FFF) }
            if starts("VP8L", at: 12), bytes[20] == 0x2F {
                let (b1, b2, b3, b4) = (Int(bytes[21]), Int(bytes[22]), Int(bytes[23]), Int(bytes[24]))
                return (1 + ((b2 & 0x3F) << 8 | b1), 1 + ((b4 & 0x0F) << 10 | b3 << 2 | (b2 & 0xC0) >> 6))
            }
            if starts("VP8X", at: 12) { return (1 + le24(24), 1 + le24(27)) }
            return nil
        }
        if bytes.starts(with: [0xFF, 0xD8]) {
            // JPEG: walk the segments to the frame header (SOF0–SOF15, which are not DHT, JPG or DAC).
            var i = 2
            while i + 9 < bytes.count {
                guard bytes[i] == 0xFF else { return nil }
                let marker = bytes[i + 1]
                if marker == 0xFF { i += 1; continue }
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) { return (be16(i + 7), be16(i + 5)) }
                if (0xD0...0xD9).contains(marker) || marker == 0x01 { i += 2; continue }
                i += 2 + be16(i + 2)
            }
        }
        return nil
    }
}
