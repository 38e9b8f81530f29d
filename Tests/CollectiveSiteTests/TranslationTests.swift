import Foundation
import Testing
@testable import CollectiveSite
@testable import ImpactDomain

@Suite struct FallbackMarkTests {
    func resolved(_ html: String) -> String { String(decoding: FallbackMark.resolve(Array(html.utf8)), as: UTF8.self) }
    let women = FallbackMark.wrap("Women reached", language: "en")

    @Test func becomesASpanInTextAndTspanInSVGText() {
        #expect(resolved("<p>মোট: \(women)</p>") == "<p>মোট: <span lang=\"en\">Women reached</span></p>")
        #expect(resolved("<svg><text x=\"1\">\(women) ৩২০</text></svg><p>\(women)</p>")
                == "<svg><text x=\"1\"><tspan lang=\"en\">Women reached</tspan> ৩২০</text></svg><p><span lang=\"en\">Women reached</span></p>")
    }

    @Test func isDroppedWhereNoElementMayStand() {
        // Attribute values, the document title, an SVG title (a tooltip), scripts and styles.
        #expect(resolved("<a title=\"\(women)\" href=\"x\">x</a>") == "<a title=\"Women reached\" href=\"x\">x</a>")
        #expect(resolved("<title>\(women) · সাইট</title><p>x</p>") == "<title>Women reached · সাইট</title><p>x</p>")
        #expect(resolved("<svg><title>\(women)</title></svg>") == "<svg><title>Women reached</title></svg>")
    }

    @Test func aMarkCutShortIsClosedWhereItsTextEnds() {
        // A chart that shortens a long name may cut off the closing mark.
        let cut = String(women.dropLast(4))
        #expect(resolved("<p>\(cut)</p><p>x</p>") == "<p><span lang=\"en\">Women reac</span></p><p>x</p>")
    }

    @Test func pagesWithoutMarksAreUntouchedAndTextWithoutLettersIsNotMarked() {
        #expect(resolved("<p>ক</p>") == "<p>ক</p>")
        #expect(FallbackMark.wrap("%", language: "en") == "%")
        #expect(FallbackMark.wrap("", language: "en") == "")
        #expect(FallbackMark.strip("a \(women) b") == "a Women reached b")
    }
}

@Suite struct ContentTranslationTests {
    @Test func overlaysTranslateOnlyTheirTextsAndListWhatIsLeft() throws {
        let (site, diagnostics) = try SampleContent.load([
            "initiatives/opo/initiative.bn.md": "---\nname: অপরাজিতা\ncommon_goal: প্রত্যেক শ্রমিক শোভন কাজে থাকবেন।\n---\nঅভিন্ন **কর্মসূচি**।\n",
            "initiatives/opo/indicators.bn.csv": "id,name,description\ntrained,প্রশিক্ষিত শ্রমিক,\n",
            "initiatives/opo/partners.bn.csv": "id,name\ncaif,সার্কুলার অ্যাপারেল ইনোভেশন ফ্যাক্টরি\n",
        ])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let content = try #require(site.initiatives.first { $0.initiative.slug == "opo" })
        let bn = try #require(content.translations["bn"])
        #expect(bn.frontMatter["name"] == "অপরাজিতা")
        #expect(bn.agenda?.html.contains("<strong>কর্মসূচি</strong>") == true)
        #expect(bn.cells["indicators"]?["trained"] == ["name": "প্রশিক্ষিত শ্রমিক"])
        // An empty cell is not a translation: the description is still to do.
        let left = content.untranslated("bn", siteLanguage: "en")
        #expect(left.contains { $0.key == .cell(table: "indicators", id: "trained", column: "description") })
        #expect(!left.contains { $0.key == .cell(table: "indicators", id: "trained", column: "name") })
        #expect(!left.contains { $0.key == .agenda || $0.key == .frontMatter("common_goal") })
        #expect(left.contains { $0.key == .frontMatter("primary_actor") && $0.location.line == 6 })
        // The 2024-Q2 report has no Bengali version; 2024-Q1 has.
        #expect(left.contains { $0.key == .report(Period("2024-Q2")!) })
        #expect(!left.contains { $0.key == .report(Period("2024-Q1")!) })
        // The partner's row in partners.csv is where its untranslated kind is written.
        let kind = try #require(left.first { $0.key == .cell(table: "partners", id: "caif", column: "kind") })
        #expect(kind.location.path.hasSuffix("partners.csv") && kind.location.line == 3)
    }

    @Test func localizedPagesSwapTextsNeverFigures() throws {
        let (site, _) = try SampleContent.load([
            "initiatives/opo/indicators.bn.csv": "id,name\ntrained,প্রশিক্ষিত শ্রমিক\n",
        ])
        let content = try #require(site.initiatives.first { $0.initiative.slug == "opo" })
        let (_, computed) = validateAndCompute(content.initiative, settings: site.config.computation)
        let results = try #require(computed)
        let (localized, localizedResults) = LocalizedContent.localize(content, results, into: "bn", siteLanguage: "en")
        #expect(localizedResults.indicators.first { $0.id == "trained" }?.indicator.name == "প্রশিক্ষিত শ্রমিক")
        #expect(localizedResults.indicators.first { $0.id == "placed" }?.indicator.name == FallbackMark.wrap("Share placed", language: "en"))
        #expect(localized.initiative.name == FallbackMark.wrap("Oporajita", language: "en"))
        #expect(localized.agendaLanguage == "en")
        // Every figure is the same; only the results notes (no translation of their own) are marked as English.
        func withoutNotes(_ results: InitiativeResults) -> [[PeriodResult]] {
            results.indicators.map { $0.periods.map { var period = $0; period.notes = []; return period } }
        }
        #expect(withoutNotes(localizedResults) == withoutNotes(results))
        #expect(localizedResults.indicators.flatMap { $0.periods.flatMap(\.notes) }
                == results.indicators.flatMap { $0.periods.flatMap(\.notes) }.map { FallbackMark.wrap($0, language: "en") })
    }
}

/// The sample site's translated pages, read as a Bengali or Kannada reader (and a screen reader) would.
@Suite(.serialized) struct TranslatedSiteTests {
    static let built: String = {
        let output = TestScratch.folder.appendingPathComponent("translated-\(UUID().uuidString)").path
        let repository = SiteBuildTests.repository
        _ = SiteBuilder.build(BuildOptions(contentDirectory: repository + "/content", templatesDirectory: repository + "/templates",
                                           outputDirectory: output))
        return output
    }()

    func page(_ path: String) throws -> String { try String(contentsOfFile: Self.built + "/" + path, encoding: .utf8) }

    /// The text of `<main>` with its tags stripped (SVG text and titles included), each run with the language it
    /// is in (the nearest `lang` attribute around it).
    static func mainText(_ html: String, pageLanguage: String) -> [(text: String, language: String)] {
        guard let start = html.range(of: "<main"), let end = html.range(of: "</main>") else { return [] }
        let voids: Set<String> = ["br", "img", "meta", "link", "input", "hr", "wbr", "source", "area", "col", "path",
                                  "line", "rect", "circle", "polyline", "polygon", "use", "stop", "ellipse"]
        var runs: [(String, String)] = []
        var stack = [pageLanguage]
        var text = ""
        var rest = html[start.lowerBound..<end.lowerBound]
        func flush() {
            let decoded = text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">")
            if !decoded.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { runs.append((decoded, stack.last!)) }
            text = ""
        }
        while let open = rest.firstIndex(of: "<") {
            text += rest[..<open]
            flush()
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("!") { continue }
            let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }).lowercased()
            // An SVG <title> or <desc> holds text only, so a text in another language cannot be marked inside it
            // (FallbackMark drops the mark there): this check leaves their text out.
            if !tag.hasPrefix("/"), name == "title" || name == "desc", let endTag = rest.range(of: "</\(name)>") {
                rest = rest[endTag.upperBound...]
                continue
            }
            if voids.contains(name) || tag.hasSuffix("/") { continue }
            if tag.hasPrefix("/") {
                if stack.count > 1 { stack.removeLast() }
            } else if let lang = tag.range(of: "lang=\"") {
                stack.append(String(tag[lang.upperBound...].prefix { $0 != "\"" }))
            } else {
                stack.append(stack.last!)
            }
        }
        return runs
    }

    /// Acronyms, file formats and a funder's name that stay as they are in every language.
    static let kept: Set<String> = ["CSV", "JSON", "CAIF", "Atom", "H&M Foundation"]

    /// Share of the letters of `<main>` (marks included) that are in `script`, leaving out the kept acronyms and
    /// the `Q` of period labels (2026-Q3), which are proper names of a sort.
    static func share(of script: ClosedRange<UInt32>, in html: String, pageLanguage: String) -> Double {
        var inScript = 0, letters = 0
        for run in mainText(html, pageLanguage: pageLanguage) {
            var words = run.text
            for acronym in kept { words = words.replacingOccurrences(of: acronym, with: " ") }
            words = words.replacingOccurrences(of: #"(\d)-Q(\d)"#, with: "$1 $2", options: .regularExpression)
            for scalar in words.unicodeScalars where [.uppercaseLetter, .lowercaseLetter, .otherLetter, .nonspacingMark,
                                                       .spacingMark].contains(scalar.properties.generalCategory) {
                letters += 1
                if script.contains(scalar.value) { inScript += 1 }
            }
        }
        return letters == 0 ? 0 : Double(inScript) / Double(letters)
    }

    @Test func theTranslatedOverviewsAreInTheirLanguage() throws {
        let bengali = try page("oporajita/bn/index.html")
        let kannada = try page("saamuhika-shakti/kn/index.html")
        let bengaliShare = Self.share(of: 0x0980...0x09FF, in: bengali, pageLanguage: "bn")
        let kannadaShare = Self.share(of: 0x0C80...0x0CFF, in: kannada, pageLanguage: "kn")
        // Every interface text has its translation (InterfaceTextTests); what English is left is content not yet
        // translated (names of funders, rate sources, report titles).
        #expect(bengaliShare >= 0.9, "Bengali letters: \(bengaliShare)")
        #expect(kannadaShare >= 0.9, "Kannada letters: \(kannadaShare)")
        // The pages a partner reads most after the overview: an indicator, the latest report and brief.
        for (path, script) in [("oporajita/bn/indicators/placement-rate.html", 0x0980...0x09FF),
                               ("oporajita/bn/reports/2026-Q3.html", 0x0980...0x09FF), ("oporajita/bn/brief/2026-Q3.html", 0x0980...0x09FF),
                               ("saamuhika-shakti/kn/indicators/pickers-registered.html", 0x0C80...0x0CFF),
                               ("saamuhika-shakti/kn/reports/2026-Q3.html", 0x0C80...0x0CFF),
                               ("saamuhika-shakti/kn/brief/2026-Q3.html", 0x0C80...0x0CFF)] as [(String, ClosedRange<UInt32>)] {
            let share = Self.share(of: script, in: try page(path), pageLanguage: path.contains("/bn/") ? "bn" : "kn")
            #expect(share >= 0.9, "\(path): letters in the page's script: \(share)")
        }
        // The English overviews, for contrast: almost no letter of either script.
        #expect(Self.share(of: 0x0980...0x09FF, in: try page("oporajita/index.html"), pageLanguage: "en") < 0.05)
        #expect(kannada.contains("<html lang=\"kn\">") && kannada.contains("ಸಾಮೂಹಿಕ ಫಲಿತಾಂಶಗಳು"))
        #expect(kannada.contains("ದೃಷ್ಟಾಂತಕ್ಕಾಗಿ") && bengali.contains("বাংলাভাষী পর্যালোচক"))
    }

    @Test func everyUntranslatedTextOnATranslatedPageSaysItIsEnglish() throws {
        let pages = ["oporajita/bn/index.html", "oporajita/bn/indicators/placement-rate.html",
                     "oporajita/bn/indicators/employer-commitments.html", "oporajita/bn/brief/2026-Q3.html",
                     "oporajita/bn/partners/caif.html", "oporajita/bn/systems-change.html", "oporajita/bn/reports/2026-Q3.html",
                     "saamuhika-shakti/kn/index.html", "saamuhika-shakti/kn/indicators/pickers-registered.html",
                     "saamuhika-shakti/kn/indicators/city-recognition.html", "saamuhika-shakti/kn/reports/2026-Q3.html"]
        for path in pages {
            let language = path.contains("/bn/") ? "bn" : "kn"
            let html = try page(path)
            var unmarked: [String] = []
            for run in Self.mainText(html, pageLanguage: language) where run.language != "en" {
                // Addresses, licence identifiers (SPDX: CC-BY-4.0) and currency codes (ISO 4217: INR) are the same
                // in every language.
                var text = run.text
                for name in Self.kept { text = text.replacingOccurrences(of: name, with: " ") }
                text = text.replacingOccurrences(of: #"https?://\S+|[A-Za-z_-]+\.csv|\b[A-Z][A-Za-z]+(-[A-Z0-9][A-Za-z0-9.]*)+\b|(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])"#,
                                                         with: " ", options: .regularExpression)
                let words = text.split { !($0.isASCII && $0.isLetter) }.map(String.init)
                if words.contains(where: { $0 != "Q" }) { unmarked.append(run.text) }
            }
            #expect(unmarked.isEmpty, "\(path): English text without lang=\"en\": \(unmarked.prefix(5))")
        }
        // A page with something untranslated does mark it (the partner profile, results notes).
        #expect(try page("oporajita/bn/partners/caif.html").contains("<div lang=\"en\">"))
        #expect(try page("oporajita/bn/indicators/employer-commitments.html").contains("<span lang=\"en\">"))
    }

    @Test func languageVersionsAreLinkedBothWaysAndNoMarkLeaks() throws {
        let english = try page("saamuhika-shakti/indicators/dry-waste-tonnes.html")
        let kannada = try page("saamuhika-shakti/kn/indicators/dry-waste-tonnes.html")
        for html in [english, kannada] {
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/saamuhika-shakti/indicators/dry-waste-tonnes.html\">"))
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"kn\" href=\"https://example.org/saamuhika-shakti/kn/indicators/dry-waste-tonnes.html\">"))
        }
        #expect(kannada.contains("<a href=\"../../indicators/dry-waste-tonnes.html\" hreflang=\"en\" lang=\"en\">English</a>"))
        let sitemap = try page("sitemap.xml")
        #expect(sitemap.contains("<url><loc>https://example.org/saamuhika-shakti/kn/</loc><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/saamuhika-shakti/\"/><xhtml:link rel=\"alternate\" hreflang=\"kn\" href=\"https://example.org/saamuhika-shakti/kn/\"/></url>"))
        let feed = try page("feed.xml")
        #expect(feed.contains("<entry xml:lang=\"kn\">") && feed.contains("<title>ಸಾಮೂಹಿಕ ಶಕ್ತಿ: 2026ರ ಮೂರನೇ ತ್ರೈಮಾಸಿಕ"))
        #expect(feed.contains("<entry xml:lang=\"bn\">"))
        // Kannada pages: Indian grouping in Latin digits (CLDR's default for kn); Bengali pages in Bengali digits.
        #expect(try page("saamuhika-shakti/kn/indicators/sanchaya-savings.html").contains("18,34,000"))
        #expect(try page("oporajita/bn/indicators/jhinuk-savings.html").contains("৬৯,৩০,০০০"))
        // The private-use marks never reach a file.
        for case let path as String in FileManager.default.enumerator(atPath: Self.built) ?? FileManager.DirectoryEnumerator() {
            guard [".html", ".xml", ".json", ".csv"].contains(where: path.hasSuffix),
                  let bytes = FileManager.default.contents(atPath: Self.built + "/" + path) else { continue }
            #expect(!FallbackMark.isMarked(Array(bytes)), "\(path) holds a fallback mark")
        }
    }
}

/// The theme's interface text (`templates/i18n/*.yaml`): every translation has every English key, with the same
/// `{placeholders}`, so a text added in English only (which the pages would show in English, marked `lang="en"`)
/// fails here by name, and a translator's typo in a placeholder cannot leave `{perod}` on a page.
@Suite struct InterfaceTextTests {
    static let folder = SiteBuildTests.repository + "/templates/i18n"

    static func table(_ language: String) throws -> [String: String] {
        let path = folder + "/\(language).yaml"
        let (table, problems) = Translations.parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
        #expect(problems.isEmpty, "\(problems)")
        return table
    }

    static func placeholders(_ text: String) -> Set<String> { Translations.placeholders(text) }

    /// Every text inside `value` (nested structs included), by property path.
    static func texts(_ value: Any, path: String = "") -> [String: String] {
        var found: [String: String] = [:]
        for child in Mirror(reflecting: value).children {
            let name = path + "." + (child.label ?? "?")
            if let text = child.value as? String { found[name] = text } else { found.merge(texts(child.value, path: name)) { a, _ in a } }
        }
        return found
    }

    /// The English default of a chart word (`chart_line_rose`): the charts' own text, which a language file may
    /// override; nil when no chart reads `key`.
    static func chartDefault(_ key: String) -> String? {
        let marker = "\u{E000}marker"
        let marked = texts(ChartWords(Labels(language: "xx", translations: ["xx": [key: marker]])))
        let english = texts(ChartWords(Labels(language: "en", translations: [:])))
        return marked.first { $0.value == marker }.flatMap { english[$0.key] }
    }

    /// A line of the subset of YAML that the shipped files keep to: `key: "text"`, the text's quotes and
    /// backslashes escaped. A plain `key: text` line is YAML only while the text holds no `: ` or ` #` and starts
    /// with no indicator (`{`, `*`, `&`, …); translation tools and editors reject or misread the file otherwise.
    static func isQuotedEntry(_ line: Substring) -> Bool {
        line.wholeMatch(of: /[a-z0-9_]+: "(?:[^"\\]|\\["n])*"/) != nil
    }

    @Test func theQuotedEntryRuleRejectsWhatYAMLMisreads() {
        #expect(Self.isQuotedEntry("nav_label: \"Initiatives\""))
        #expect(Self.isQuotedEntry("say: \"She said \\\"yes\\\": {n} more\""))
        #expect(!Self.isQuotedEntry("progress_only: {progress} of the way"))   // a flow mapping in YAML
        #expect(!Self.isQuotedEntry("note: Figures: illustrative"))            // "mapping values are not allowed"
        #expect(!Self.isQuotedEntry("say: \"She said \"yes\"\""))              // an unescaped quote ends the text
    }

    @Test(arguments: ["en", "bn", "kn"])
    func shippedFilesKeepEveryTextInDoubleQuotes(_ language: String) throws {
        let path = Self.folder + "/\(language).yaml"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var entries = 0
        for (index, line) in lines.enumerated() where !line.isEmpty && !line.hasPrefix("#") {
            entries += 1
            #expect(Self.isQuotedEntry(line), "templates/i18n/\(language).yaml:\(index + 1): write it as `key: \"text\"`, a quote inside as \\\": \(line)")
        }
        #expect(entries > 300)
    }

    @Test(arguments: ["bn", "kn"])
    func everyEnglishKeyIsTranslatedWithTheSamePlaceholders(_ language: String) throws {
        let english = try Self.table("en")
        let translated = try Self.table(language)
        #expect(english.count > 300)
        for key in english.keys.sorted() {
            guard let text = translated[key] else {
                Issue.record("`\(key)` is in en.yaml but not in \(language).yaml: add `\(key): …` (its \(language) text) to templates/i18n/\(language).yaml")
                continue
            }
            #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "`\(key)` is empty in \(language).yaml")
            #expect(Self.placeholders(text) == Self.placeholders(english[key]!),
                    "`\(key)` in \(language).yaml has placeholders \(Self.placeholders(text).sorted()), en.yaml has \(Self.placeholders(english[key]!).sorted())")
        }
    }

    /// A key en.yaml lacks is a chart word (whose English lives in the code) or a leftover nothing reads.
    @Test(arguments: ["bn", "kn"])
    func keysBeyondEnglishAreChartWordsWithTheirPlaceholders(_ language: String) throws {
        let english = try Self.table("en")
        let translated = try Self.table(language)
        for key in translated.keys.sorted() where english[key] == nil {
            guard let original = Self.chartDefault(key) else {
                Issue.record("`\(key)` in \(language).yaml is in no other file and no chart reads it: remove it or add it to en.yaml")
                continue
            }
            #expect(Self.placeholders(translated[key]!) == Self.placeholders(original),
                    "`\(key)` in \(language).yaml has placeholders \(Self.placeholders(translated[key]!).sorted()), the chart's English \(Self.placeholders(original).sorted())")
        }
    }

    @Test func theCheckNamesAMissingKeyAndAWrongPlaceholder() {
        #expect(Self.placeholders("{n} of {total} ({n})") == ["n", "total"])
        #expect(Self.placeholders("no {} braces { here, {two words}") == [])
        #expect(Self.chartDefault("chart_line_rose") == LineChartWords.english.rose)
        #expect(Self.chartDefault("home") == nil)
    }
}

/// `collective build` and `check` warn, at the translation's line, about a text whose placeholders differ from
/// the English: a typo (`{perod}`) would show on the page as written, a placeholder left out loses its value.
@Suite struct TranslationPlaceholderCheckTests {
    func theme(_ files: [String: String]) throws -> [Diagnostic] {
        let folder = TestScratch.folder.appendingPathComponent("i18n-theme-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/i18n", withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: folder + "/i18n/" + name, atomically: true, encoding: .utf8) }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return TemplateSet.load(directory: folder).1.map { diagnostic in
            var relative = diagnostic
            relative.location.path = String(diagnostic.location.path.dropFirst(folder.count + 1))
            return relative
        }
    }

    @Test func aTranslationWithOtherPlaceholdersIsWarnedAtItsLine() throws {
        let problems = try theme([
            "en.yaml": "home: Home\nreport_title: \"Report for {period}\"\nworking_counts: \"{numerator} of {denominator}\"\n",
            "kn.yaml": "# ಕನ್ನಡ\nhome: ಮುಖಪುಟ\nreport_title: \"{perod} ವರದಿ\"\nworking_counts: \"{denominator}ರಲ್ಲಿ\"\n",
            "bn.yaml": "report_title: \"{period}-এর প্রতিবেদন\"\n",
        ])
        #expect(problems.map { "\($0.location.path):\($0.location.line)" } == ["i18n/kn.yaml:3", "i18n/kn.yaml:4"])
        #expect(problems.allSatisfy { $0.severity == .warning })
        #expect(problems.first?.message == "`report_title` has {perod}, which the page does not fill in and shows as written, and leaves out {period}, so the page loses that value")
        #expect(problems.first?.hint?.hasSuffix("en.yaml: {period}") == true)
        #expect(problems.last?.message == "`working_counts` leaves out {numerator}, so the page loses that value")
    }

    @Test func missingLabelsAreTheEnglishKeysTheTranslationLeavesOutInEnglishOrder() {
        let english = "# English\nhome: \"Home\"\npartners: Partners\n\nreport_title: \"Report for {period}\"\n"
        let missing = Translations.missingLabels(english: english, englishPath: "i18n/en.yaml",
                                                 translation: "report_title: \"{period}-এর প্রতিবেদন\"\nextra: x\n")
        #expect(missing == [
            MissingLabel(key: "home", english: "Home", location: SourceLocation(path: "i18n/en.yaml", line: 2)),
            MissingLabel(key: "partners", english: "Partners", location: SourceLocation(path: "i18n/en.yaml", line: 3)),
        ])
        // No file: every key; a file with every key: none.
        #expect(Translations.missingLabels(english: english, englishPath: "en.yaml", translation: nil).map(\.key)
            == ["home", "partners", "report_title"])
        #expect(Translations.missingLabels(english: english, englishPath: "en.yaml", translation: english).isEmpty)
    }

    @Test func theShippedThemeHasNoPlaceholderWarnings() throws {
        let (_, problems) = TemplateSet.load(directory: SiteBuildTests.repository + "/templates")
        #expect(problems.isEmpty, "\(problems)")
    }
}
