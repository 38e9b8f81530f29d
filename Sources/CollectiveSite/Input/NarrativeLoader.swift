import ImpactDomain

/// Markdown files with front matter → `Narrative`s: initiative.md, reports/<period>.md, partners/<id>.md.
enum NarrativeLoader {
    /// Splits front matter, renders the body with cmark, and hashes the file. Images it shows are checked
    /// against the initiative's `images/` and given their published address (`folder`: where the file is in the
    /// initiative, `""`, `reports` or `partners`).
    ///
    /// Within an initiative (`images` given), links to other pages written as content files (`2026-Q2.md`,
    /// `../partners/<id>.md`: `SiteLink`) get their published address too, and are kept in `Narrative.links` to be
    /// checked once every page of the initiative is known; any other relative link is an error.
    static func narrative(_ bytes: [UInt8], path: String, allowRawHTML: Bool, images: NarrativeImages? = nil,
                          in folder: String = "", defaultLanguage: String = "en",
                          _ diagnostics: inout [Diagnostic]) -> (Narrative, YAMLFields) {
        let split = FrontMatter(bytes: bytes, path: path)
        diagnostics += split.diagnostics
        var problems: [Diagnostic] = []
        var published: Set<String> = []
        var links: [SiteLink] = []
        func location(_ found: Markdown.Image) -> SourceLocation {
            SourceLocation(path: path, line: split.bodyLine + found.line - 1,
                           column: characterColumn(found.column, line: found.line, in: split.body))
        }
        let link: ((Markdown.Image) -> String?)? = images.map { images in { found in
            switch SiteLink.resolve(found.address, slug: images.slug, from: folder, defaultLanguage: defaultLanguage) {
            case .external:
                return nil
            case .page(let target, let fragment):
                let siteLink = SiteLink(target: target, written: found.address, location: location(found))
                links.append(siteLink)
                return Narrative.siteRoot + siteLink.page + (fragment.map { "#" + $0 } ?? "")
            case .image:
                switch images.publish(found.address, from: folder) {
                case .success(let address):
                    published.insert(address)
                    return address
                case .failure(let problem):
                    problems.append(.error(location(found), problem.message, hint: problem.hint))
                    return nil
                }
            case .problem(let problem):
                problems.append(.error(location(found), problem.message, hint: problem.hint))
                return nil
            }
        } }
        var rendered = Markdown.render(split.body, allowRawHTML: allowRawHTML, link: link) { image in
            guard let images else { return nil }
            let location = location(image)
            if image.description.trimmingSpaces.isEmpty {
                problems.append(.warning(location, "image `\(image.address)` has no description",
                                         hint: "say what it shows between the brackets, `![Women at the bootcamp in Gazipur](\(image.address))`: it is what screen readers read, and what shows when the image does not load"))
            }
            switch images.publish(image.address, from: folder) {
            case .success(let address):
                published.insert(address)
                return address
            case .failure(let problem):
                problems.append(.error(location, problem.message, hint: problem.hint))
                return nil
            }
        }
        diagnostics += problems
        if let images {
            for address in published.sorted() {
                let tag = "<img src=\"\(address)\""
                rendered.html = rendered.html.replacingOccurrences(of: tag, with: tag + images.attributes(for: address))
            }
        }
        var narrative = Narrative(path: path, frontMatter: split.fields.scalars, html: rendered.html,
                                  plainSummary: rendered.plainSummary)
        narrative.links = links
        narrative.hasSiteAddresses = !links.isEmpty || published.contains { $0.hasPrefix(Narrative.siteRoot) }
        narrative.bodyLine = split.bodyLine
        return (narrative, split.fields)
    }

    /// cmark counts columns in bytes; an editor counts characters (a Bengali letter is three bytes).
    static func characterColumn(_ byteColumn: Int, line: Int, in body: ArraySlice<UInt8>) -> Int {
        var start = body.startIndex
        var remaining = line - 1
        while remaining > 0, let newline = body[start...].firstIndex(of: UInt8(ascii: "\n")) {
            start = newline + 1
            remaining -= 1
        }
        let end = min(body.endIndex, start + max(0, byteColumn - 1))
        // Continuation bytes (10xxxxxx) do not start a character.
        return 1 + body[start..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }

    /// The front matter fields a report has.
    static let reportFields = ["title", "period", "summary"]

    /// `reports/`: `<period>.md`, or `<period>.<language>.md` for a translation. Sorted by period, then language.
    static func reports(in folder: ContentDirectory.Entry, content: ContentDirectory, defaultLanguage: String,
                        allowRawHTML: Bool, images: NarrativeImages? = nil, _ diagnostics: inout [Diagnostic]) -> [ReportNarrative] {
        var reports: [ReportNarrative] = []
        // The file that gave each (period, language) its report: `2025-Q3.md` and `2025-Q3.en.md` (with English the
        // initiative's language) would both be the English report for 2025-Q3, written to the same page.
        var files: [String: String] = [:]
        for entry in content.list(folder.path, &diagnostics) {
            guard entry.kind == .file, entry.name.hasSuffix(".md") else {
                diagnostics.append(.warning(SourceLocation(path: entry.path), "not a report narrative; it will be ignored",
                                            hint: "reports are Markdown files named after their period, like `2025-Q3.md`"))
                continue
            }
            let stem = entry.name.dropLast(3).split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(stem.count), let period = ValueParsing.period(String(stem[0])),
                  stem.count == 1 || isLanguageCode(String(stem[1])) else {
                var hint = "name a report after its period: `2025-Q3.md`, or `2025-Q3.bn.md` for a translation"
                if let first = stem.first {
                    hint = ValueParsing.periodProblem(String(first), column: "file name").hint ?? hint
                }
                diagnostics.append(.error(SourceLocation(path: entry.path),
                                          "`\(entry.name)` is not named after a period", hint: hint))
                continue
            }
            let language = stem.count == 2 ? String(stem[1]) : defaultLanguage
            if let first = files["\(period) \(language)"] {
                diagnostics.append(.error(SourceLocation(path: entry.path),
                                          "`\(entry.name)` is a second report for \(period) in `\(language)`: `\(first)` is that report too",
                                          hint: "keep one of the two files: `\(period).md` is the report in the initiative's language (`\(defaultLanguage)`), `\(period).<language>.md` its translation into another language"))
                continue
            }
            files["\(period) \(language)"] = entry.name
            guard let bytes = content.read(entry.path, &diagnostics) else { continue }
            let errorsBefore = diagnostics.errorCount
            let (narrative, fields) = self.narrative(bytes, path: entry.path, allowRawHTML: allowRawHTML, images: images,
                                                     in: "reports", defaultLanguage: defaultLanguage, &diagnostics)
            // Front matter that does not parse has been reported; every field would then look missing too.
            let parsed = diagnostics.errorCount == errorsBefore
            let fallback = SourceLocation(path: entry.path)
            let title = fields.text("title", required: parsed, at: fallback, &diagnostics) ?? ""
            if let written = fields.text("period", required: parsed, at: fallback, &diagnostics), !written.isEmpty,
               ValueParsing.period(written) != period {
                diagnostics.append(.error(fields.location(of: "period") ?? fallback,
                                          "front matter says period `\(written)` but the file is named for `\(period)`",
                                          hint: "make them agree: a report's period is the one in its file name"))
            }
            let summary = fields.text("summary", at: fallback, &diagnostics) ?? ""
            // A misspelt `sumary:` would otherwise leave the report with the first paragraph as its summary.
            fields.warnUnknownKeys(known: reportFields, &diagnostics)
            reports.append(ReportNarrative(period: period, title: title,
                                           summary: summary.isEmpty ? narrative.plainSummary : summary,
                                           language: language, narrative: narrative))
        }
        return reports.sorted { ($0.period, $0.language) < ($1.period, $1.language) }
    }

    /// `partners/<id>.md`, by partner id; every id must be a partner of the initiative (checked only when
    /// `checkIDs`: after partners.csv failed to read, every narrative would look orphaned).
    static func partnerNarratives(in folder: ContentDirectory.Entry, content: ContentDirectory, partners: [Partner],
                                  checkIDs: Bool, allowRawHTML: Bool, images: NarrativeImages? = nil,
                                  defaultLanguage: String = "en", _ diagnostics: inout [Diagnostic]) -> [String: Narrative] {
        var narratives: [String: Narrative] = [:]
        let ids = partners.map(\.id)
        for entry in content.list(folder.path, &diagnostics) {
            guard entry.kind == .file, entry.name.hasSuffix(".md") else {
                diagnostics.append(.warning(SourceLocation(path: entry.path), "not a partner narrative; it will be ignored",
                                            hint: "partner narratives are Markdown files named after the partner's id, like `caif.md`"))
                continue
            }
            let id = String(entry.name.dropLast(3))
            guard ValueParsing.isValidID(id) else {
                let problem = ValueParsing.idProblem(id, what: "partner id")
                diagnostics.append(.error(SourceLocation(path: entry.path), problem.message, hint: problem.hint))
                continue
            }
            guard ids.contains(id) || !checkIDs else {
                var hint = "the file name must be the id of a partner in partners.csv"
                if let close = closestMatch(to: id, in: ids) { hint = "did you mean `\(close).md`? " + hint }
                diagnostics.append(.error(SourceLocation(path: entry.path), "no partner with id `\(id)`", hint: hint))
                continue
            }
            guard let bytes = content.read(entry.path, &diagnostics) else { continue }
            narratives[id] = narrative(bytes, path: entry.path, allowRawHTML: allowRawHTML, images: images, in: "partners",
                                       defaultLanguage: defaultLanguage, &diagnostics).0
        }
        return narratives
    }

    /// A locale as number formatting reads it (BCP 47): a language of 2 or 3 letters, an optional script of 4
    /// letters, an optional region of 2 letters or 3 digits: `en`, `en-IN`, `bn-BD`, `sr-Latn-RS`. `english` or
    /// `India` is not one, and would silently format numbers as `en` does.
    static func isLocale(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), (2...3).contains(parts[0].count),
              parts[0].allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        var rest = parts.dropFirst()
        if let script = rest.first, script.count == 4, script.allSatisfy({ $0.isASCII && $0.isLetter }) { rest = rest.dropFirst() }
        guard rest.count <= 1 else { return false }
        guard let region = rest.first else { return true }
        return (region.count == 2 && region.allSatisfy { $0.isASCII && $0.isLetter })
            || (region.count == 3 && region.allSatisfy { $0.isASCII && $0.isNumber })
    }

    /// A BCP 47-ish language tag: `en`, `bn`, `en-IN`.
    static func isLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        return (1...3).contains(parts.count) && parts.allSatisfy { part in
            (2...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        } && parts[0].allSatisfy(\.isLetter)
    }
}
