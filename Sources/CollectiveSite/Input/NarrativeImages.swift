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

    init(slug: String, files: [String: [UInt8]]) {
        self.slug = slug
        self.files = files
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
            if bytes.count > Self.largeBytes {
                let megabytes = (Double(bytes.count) / 1_000_000 * 10).rounded() / 10
                diagnostics.append(.warning(SourceLocation(path: entry.path), "`\(entry.name)` is \(megabytes) MB: slow to open on a phone",
                                            hint: "resize it to at most 2,000 pixels wide, or save it as JPEG at 80 % quality"))
            }
            files[entry.name] = bytes
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
}
