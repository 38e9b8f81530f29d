import ImpactDomain

/// A link in a narrative to another page of the site, written as the content file that page comes from, so that an
/// author links what they see in the content folder and the link survives a change of page layout:
///
///     [last quarter](2026-Q2.md)                      from a report: that report's page
///     [the Bengali report](2026-Q2.bn.md)             its translation
///     [Nirapotta](../partners/nirapotta.md)           a partner's page (`../partners.csv#nirapotta` too)
///     [placements](../indicators.csv#placement-rate)  an indicator's page
///     [the agenda](../initiative.md)                  the initiative's overview (`initiative.bn.md`: in Bengali)
///     [what changed](../outcomes.csv)                 the systems-change page
///     [Saamuhika Shakti](../../saamuhika-shakti/initiative.md)   another initiative (its overview or a report)
///
/// Paths are relative to the narrative's own file, as in any Markdown editor. A relative link to anything the build
/// does not publish is an error at its line and column; external links (`https:`, `mailto:`) and links within the
/// page (`#section`) are left alone.
struct SiteLink: Hashable, Sendable {
    enum Target: Hashable, Sendable {
        case initiative(slug: String, language: String?)
        case report(slug: String, period: Period, language: String?)
        case partner(slug: String, id: String)
        case indicator(slug: String, id: String)
        case systemsChange(slug: String)
    }

    var target: Target
    /// The address as written in the narrative.
    var written: String
    var location: SourceLocation

    /// The published page, relative to the site root.
    var page: String {
        switch target {
        case .initiative(let slug, let language): SitePaths.initiative(slug, language: language)
        case .report(let slug, let period, let language): SitePaths.report(slug, period, language: language)
        case .partner(let slug, let id): SitePaths.partner(slug, id)
        case .indicator(let slug, let id): SitePaths.indicator(slug, id)
        case .systemsChange(let slug): SitePaths.systemsChange(slug)
        }
    }

    static let forms = "link a report as `2026-Q2.md`, a partner as `../partners/<id>.md`, an indicator as `../indicators.csv#<id>`, the initiative as `../initiative.md`, or give a full web address (https://…)"

    /// Whether `address` is ASCII and external by the first rules of `resolve` (empty, `#…`, `//…`, or a scheme
    /// before any `/` or `#`), read over its bytes: most links of a narrative are web addresses, and the general
    /// path (Characters, trimming by Unicode properties) cost thousands of instructions per link. For ASCII text,
    /// bytes are Characters, and the spaces `trimmingSpaces` removes are tab, line breaks and space.
    static func isExternalASCII(_ address: String) -> Bool {
        var address = address
        return address.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            var start = 0, end = bytes.count
            while start < end, bytes[start] == 0x20 || (0x09...0x0D).contains(bytes[start]) { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || (0x09...0x0D).contains(bytes[end - 1]) { end -= 1 }
            if start == end || bytes[start] == UInt8(ascii: "#") { return true }
            if end - start >= 2, bytes[start] == UInt8(ascii: "/"), bytes[start + 1] == UInt8(ascii: "/") { return true }
            for byte in bytes[start..<end] {
                if byte == UInt8(ascii: ":") { return true }
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "#") { return false }
            }
            return false
        }
    }

    /// What a narrative's link means. `slug` is the narrative's initiative and `documentFolder` where the narrative
    /// sits in it (`""` for initiative.md, `reports`, `partners`).
    enum Resolution {
        /// Not a link into the site (a web address, an e-mail, an anchor on the same page): left as written.
        case external
        /// A page of the site; the address to publish is `Narrative.siteRoot + page` (+ `#fragment`).
        case page(Target, fragment: String?)
        /// A file of the initiative's `images/` folder.
        case image
        case problem(ValueParsing.Problem)
    }

    static func resolve(_ address: String, slug: String, from documentFolder: String, defaultLanguage: String) -> Resolution {
        if isExternalASCII(address) { return .external }
        let trimmed = address.trimmingSpaces
        if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("//") { return .external }
        // A scheme (`https:`, `mailto:`, `tel:`) comes before any slash.
        // (Characters, not substrings: Foundation's substring search costs more than the rest of the link.)
        if let colon = trimmed.firstIndex(of: ":"), !trimmed[..<colon].contains(where: { $0 == "/" || $0 == "#" }) {
            return .external
        }
        if trimmed.hasPrefix("/") {
            return .problem(.init(message: "link `\(address)` starts at the web server's root, and breaks when the site is opened from disk or from a sub-folder",
                                  hint: forms))
        }
        let parts = trimmed.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let fragment = parts.count == 2 ? String(parts[1]) : nil
        let pathPart = String(parts[0]).split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        // Folders from the content's `initiatives/` folder down: [slug, …].
        var path = [slug] + (documentFolder.isEmpty ? [] : documentFolder.split(separator: "/").map(String.init))
        for component in pathPart.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case ".", "": continue
            case "..":
                guard !path.isEmpty else {
                    return .problem(.init(message: "link `\(address)` points outside the content folder", hint: forms))
                }
                path.removeLast()
            default: path.append(String(removingPercentEncoding(component)))
            }
        }
        guard path.count >= 2 else {
            return .problem(.init(message: "link `\(address)` points at a folder, not a page", hint: forms))
        }
        let target = path[0], file = Array(path.dropFirst())
        let unpublished = ValueParsing.Problem(message: "link `\(address)` points at a file the site does not publish as a page",
                                               hint: forms)
        func languageOf(_ name: String, stem: String) -> (ok: Bool, language: String?) {
            // `initiative.md` / `initiative.bn.md`, `2026-Q2.md` / `2026-Q2.bn.md`.
            let rest = name.dropFirst(stem.count)
            if rest == ".md" { return (true, nil) }
            guard rest.hasPrefix("."), rest.hasSuffix(".md") else { return (false, nil) }
            let language = String(rest.dropFirst().dropLast(3))
            guard NarrativeLoader.isLanguageCode(language) else { return (false, nil) }
            return (true, language == defaultLanguage ? nil : language)
        }
        switch file.count {
        case 1:
            let name = file[0]
            if name.hasPrefix("initiative.") {
                let (ok, language) = languageOf(name, stem: "initiative")
                return ok ? .page(.initiative(slug: target, language: language), fragment: fragment) : .problem(unpublished)
            }
            if name == "indicators.csv" || name == "partners.csv" {
                let what = name == "indicators.csv" ? "indicator" : "partner"
                guard let id = fragment, ValueParsing.isValidID(id) else {
                    return .problem(.init(message: "link `\(address)` names no \(what)",
                                          hint: "add the \(what)'s id after `#`: `\(pathPart)#<id>`"))
                }
                return .page(what == "indicator" ? .indicator(slug: target, id: id) : .partner(slug: target, id: id), fragment: nil)
            }
            if name == "outcomes.csv" { return .page(.systemsChange(slug: target), fragment: fragment) }
            return .problem(unpublished)
        case 2 where file[0] == "reports":
            let name = file[1]
            let stem = String(name.prefix { $0 != "." })
            guard let period = ValueParsing.period(stem) else { return .problem(unpublished) }
            let (ok, language) = languageOf(name, stem: stem)
            return ok ? .page(.report(slug: target, period: period, language: language), fragment: fragment) : .problem(unpublished)
        case 2 where file[0] == "partners" && file[1].hasSuffix(".md"):
            return .page(.partner(slug: target, id: String(file[1].dropLast(3))), fragment: fragment)
        case 2 where file[0] == "images" && target == slug:
            return .image
        default:
            return .problem(unpublished)
        }
    }

    /// `%20` → space, for names written as a browser would encode them; a malformed escape is kept as written.
    private static func removingPercentEncoding(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What a narrative's site links may point at: the pages an initiative publishes, and the other initiatives.
struct SiteLinkTargets {
    var slug: String
    var languages: Set<String>
    var reports: Set<ReportKey>
    var partners: Set<String>
    var indicators: Set<String>
    /// Other initiatives of the site, with the report files each has (`2026-Q2.md`, `2026-Q2.bn.md`).
    var others: [String: OtherInitiative]

    struct ReportKey: Hashable { var period: Period; var language: String? }
    struct OtherInitiative { var reportFiles: Set<String> }

    /// The other initiatives for `others`: every folder's name (for the check that a linked one exists, and the
    /// hint when it does not), with report files only for those a link names. Nothing is listed when no link
    /// leaves the initiative. Listing every initiative's reports for each initiative that has a link cost
    /// N × N folder listings: on a site of 250 initiatives, 62,000 listings and 2.5 million `lstat` calls.
    static func otherInitiatives(linkedFrom links: [SiteLink], slug: String, folders: () -> [String],
                                 reportFiles: (String) -> [String]) -> [String: OtherInitiative] {
        let linked = Set(links.lazy.map(\.target.slug).filter { $0 != slug })
        guard !linked.isEmpty else { return [:] }
        var others: [String: OtherInitiative] = [:]
        for name in folders() where name != slug {
            others[name] = OtherInitiative(reportFiles: linked.contains(name) ? Set(reportFiles(name)) : [])
        }
        return others
    }

    /// Nil when the target exists; else what is wrong and how to fix it.
    func problem(with link: SiteLink) -> ValueParsing.Problem? {
        let here = link.target.slug == slug
        if !here, others[link.target.slug] == nil {
            let hint = closestMatch(to: link.target.slug, in: Array(others.keys)).map { "did you mean `\($0)`?" }
                ?? "the initiatives of this site are in `initiatives/`; check the folder name"
            return .init(message: "link `\(link.written)` names an initiative `\(link.target.slug)` that the site does not have", hint: hint)
        }
        switch link.target {
        case .initiative(_, let language):
            guard let language else { return nil }
            guard here else {
                return .init(message: "link `\(link.written)` points at a translation of another initiative, which cannot be checked from here",
                             hint: "link its overview, `../../\(link.target.slug)/initiative.md`: it offers its languages")
            }
            return languages.contains(language) ? nil
                : .init(message: "link `\(link.written)` points at the initiative in `\(language)`, which it is not published in",
                        hint: "link `initiative.md`, or add `\(language)` to the initiative's `languages:`")
        case .report(let target, let period, let language):
            if here ? reports.contains(ReportKey(period: period, language: language))
                    : others[target]?.reportFiles.contains("\(period)\(language.map { ".\($0)" } ?? "").md") == true {
                return nil
            }
            let existing = here ? reports.filter { $0.language == language }.map { "\($0.period)" } : []
            let hint = closestMatch(to: "\(period)", in: existing).map { "did you mean `\($0)`? " } ?? ""
            return .init(message: "link `\(link.written)` points at a report for \(period)\(language.map { " in `\($0)`" } ?? "") that does not exist",
                         hint: hint + "write that report (`reports/\(period)\(language.map { ".\($0)" } ?? "").md`) or correct the period")
        case .partner(_, let id), .indicator(_, let id):
            let isPartner = if case .partner = link.target { true } else { false }
            let what = isPartner ? "partner" : "indicator"
            guard here else {
                return .init(message: "link `\(link.written)` points at a \(what) of another initiative",
                             hint: "link that initiative's overview (`../../\(link.target.slug)/initiative.md`) or one of its reports")
            }
            let known = isPartner ? partners : indicators
            if known.contains(id) { return nil }
            let hint = closestMatch(to: id, in: Array(known)).map { "did you mean `\($0)`?" }
                ?? "use an id from \(isPartner ? "partners.csv" : "indicators.csv")"
            return .init(message: "link `\(link.written)` names no \(what) `\(id)`", hint: hint)
        case .systemsChange:
            return nil
        }
    }
}

extension SiteLink.Target {
    var slug: String {
        switch self {
        case .initiative(let slug, _), .report(let slug, _, _), .partner(let slug, _), .indicator(let slug, _),
             .systemsChange(let slug): slug
        }
    }
}
