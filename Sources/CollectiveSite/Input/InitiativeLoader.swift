import ImpactDomain

/// One `initiatives/<slug>/` folder → `InitiativeContent`, with every problem found on the way.
enum InitiativeLoader {
    static let requiredFiles = ["initiative.md", "partners.csv", "workstreams.csv", "indicators.csv", "results.csv"]
    static let optionalFiles = ["targets.csv", "collaboration.csv", "outcomes.csv", "funding.csv", "spending.csv"]
    static let folders = ["reports", "partners", "images"]
    static let frontMatterKeys = [
        "name", "meaning", "country", "backbone", "primary_actor", "common_goal", "started", "period", "locale",
        "languages", "currency", "reach_indicator",
    ]

    /// Nil when the folder has no readable initiative.md (its other files are still checked).
    static func load(slug: String, folder: String, content: ContentDirectory, config: SiteConfig,
                     _ diagnostics: inout [Diagnostic]) -> InitiativeContent? {
        var files: [String: ContentDirectory.Entry] = [:]
        var translationFiles: [ContentDirectory.Entry] = []
        for entry in content.list(folder, &diagnostics) {
            // Excel's lock file while the workbook is open (`~$data.xlsx`): not content, and gone when Excel closes.
            if entry.name.hasPrefix("~$") { continue }
            // Only regular files are read: a FIFO named results.csv would block the build forever.
            let expected = entry.kind == .directory ? folders
                : entry.kind == .file ? requiredFiles + optionalFiles + [WorkbookReader.fileName] : []
            if expected.contains(entry.name) {
                files[entry.name] = entry
            } else if entry.kind == .file, TranslationLoader.parse(fileName: entry.name) != nil {
                translationFiles.append(entry)
            } else {
                var hint = "an initiative folder holds \((requiredFiles + optionalFiles).joined(separator: ", ")), reports/, partners/ and images/, and translations such as initiative.bn.md and indicators.bn.csv"
                if let close = closestMatch(to: entry.name, in: expected) { hint = "did you mean `\(close)`?" }
                diagnostics.append(.warning(SourceLocation(path: entry.path), "unknown \(entry.kind == .directory ? "folder" : "file") `\(entry.name)`; it will be ignored",
                                            hint: hint))
            }
        }
        let tables = TableSources(files: files, content: content, &diagnostics)
        let afterTables = diagnostics.count
        defer { tables.nameSheets(&diagnostics, from: afterTables) }
        for name in requiredFiles where !tables.has(name) {
            tables.reportMissing(name, folder: folder, requiredFiles: requiredFiles, &diagnostics)
        }
        func read(_ name: String) -> (bytes: [UInt8], path: String)? {
            guard let entry = files[name], let bytes = content.read(entry.path, &diagnostics) else { return nil }
            return (bytes, entry.path)
        }

        // Files that are missing or had errors are marked incomplete (`Initiative.incompleteFiles`): ids unknown to
        // them, and checks that need every results row, would only repeat the error already reported.
        var incompleteFiles: Set<String> = []
        func records<T: LocatedRecord>(_ name: String, _ parse: ([UInt8], String, inout [Diagnostic]) -> [T]) -> [T] {
            let errorsBefore = diagnostics.errorCount
            let records = tables.read(name, parse, &diagnostics) ?? []
            if !tables.has(name) || diagnostics.errorCount != errorsBefore { incompleteFiles.insert(name) }
            return records
        }
        let partners = records("partners.csv", InitiativeTables.partners)
        let partnersReadable = !incompleteFiles.contains("partners.csv")
        let workstreams = records("workstreams.csv", InitiativeTables.workstreams)
        let indicators = records("indicators.csv", InitiativeTables.indicators)
        let measures = Dictionary(indicators.map { ($0.id, $0.measure) }, uniquingKeysWith: { first, _ in first })
        var reporters: [Int: Reporter] = [:]
        // Indicators whose rows need both counts: without those columns, one error at the header, not one per row.
        var seenPooled = Set<String>()
        let pooled = indicators.filter { $0.acrossPartners == .ratio && $0.scope != .partner && seenPooled.insert($0.id).inserted }
            .map(\.id)
        var lacksCounts = false
        let observations = records("results.csv") { bytes, path, diagnostics in
            ResultsTable.read(bytes, path: path, measures: measures, pooledIndicators: pooled, lacksCounts: &lacksCounts,
                              allowedPersonalColumns: config.allowedPersonalColumns, reporters: &reporters, &diagnostics)
        }
        // Without a readable results.csv every report would look empty: that error is reported already.
        let resultsReadable = tables.has("results.csv") && (!observations.isEmpty || !incompleteFiles.contains("results.csv"))
        let targets = tables.read("targets.csv", InitiativeTables.targets, &diagnostics) ?? []
        let collaborations = tables.read("collaboration.csv", InitiativeTables.collaborations, &diagnostics) ?? []
        let errorsBeforeOutcomes = diagnostics.errorCount
        let outcomes = tables.read("outcomes.csv", InitiativeTables.outcomes, &diagnostics) ?? []
        // A row lost to an error (a date `14/08/2024`) would make its translation's row look orphaned.
        if diagnostics.errorCount != errorsBeforeOutcomes { incompleteFiles.insert("outcomes.csv") }

        let images = NarrativeImages(slug: slug, folder: files["images"], content: content, &diagnostics)
        var reports: [ReportNarrative] = []
        if let folder = files["reports"] {
            reports = NarrativeLoader.reports(in: folder, content: content, defaultLanguage: config.language,
                                              allowRawHTML: config.allowRawHTML, images: images, &diagnostics)
            if resultsReadable { checkReportsHaveData(reports, observations: observations, &diagnostics) }
        }
        let partnerNarratives = files["partners"].map {
            NarrativeLoader.partnerNarratives(in: $0, content: content, partners: partners, checkIDs: partnersReadable,
                                              allowRawHTML: config.allowRawHTML, images: images,
                                              defaultLanguage: config.language, &diagnostics)
        } ?? [:]

        guard let (bytes, path) = read("initiative.md") else { return nil }
        let errorsBeforeFrontMatter = diagnostics.errorCount
        let (agenda, fields) = NarrativeLoader.narrative(bytes, path: path, allowRawHTML: config.allowRawHTML,
                                                         images: images, in: "", defaultLanguage: config.language,
                                                         &diagnostics)
        // Front matter that does not parse has been reported; every field would then look missing too.
        let frontMatterParsed = diagnostics.errorCount == errorsBeforeFrontMatter
        let here = SourceLocation(path: path)
        fields.warnUnknownKeys(known: frontMatterKeys, &diagnostics)
        let name = fields.text("name", required: frontMatterParsed, at: here, &diagnostics) ?? slug
        // A missing backbone is reported by validation ("the initiative names no backbone"), with its fix.
        let backbone = fields.text("backbone", at: here, &diagnostics) ?? ""
        var periodKind = PeriodKind.quarter
        if let written = fields.text("period", at: here, &diagnostics), !written.isEmpty {
            if let kind = ValueParsing.choice(written, PeriodKind.self) {
                periodKind = kind
            } else {
                let problem = ValueParsing.choiceProblem(written, PeriodKind.self, column: "period")
                diagnostics.append(.error(fields.location(of: "period") ?? here, problem.message, hint: problem.hint))
            }
        }
        var started: Period?
        if let written = fields.text("started", at: here, &diagnostics), !written.isEmpty {
            if let period = ValueParsing.period(written) {
                started = period.converted(to: periodKind)  // `started: 2019` in a quarterly initiative: 2019-Q1
            } else {
                let problem = ValueParsing.periodProblem(written, column: "started")
                // A front matter field, not a spreadsheet column.
                diagnostics.append(.error(fields.location(of: "started") ?? here,
                                          problem.message.replacingOccurrences(of: "in column `started`", with: "in `started`"),
                                          hint: problem.hint))
            }
        }
        // A year is a fair way to say when a partner joined or left: `joined: 2023` in a quarterly initiative is
        // from 2023's first quarter, `left: 2025` through 2025's last.
        let partnersInPeriods = partners.map { partner in
            var partner = partner
            if let joined = partner.joined, joined.kind == .year { partner.joined = joined.converted(to: periodKind) }
            if let left = partner.left, left.kind == .year { partner.left = left.lastConverted(to: periodKind) }
            return partner
        }
        var locale: String?
        if let written = fields.text("locale", at: here, &diagnostics), !written.isEmpty {
            if NarrativeLoader.isLocale(written) { locale = written } else {
                diagnostics.append(.error(fields.location(of: "locale") ?? here, "`\(written)` is not a locale",
                                          hint: "write a locale such as `en-IN` or `bn-BD`"))
            }
        }
        var languages = [config.language]
        if let written = fields.list("languages", &diagnostics), !written.isEmpty {
            for code in written where !NarrativeLoader.isLanguageCode(code) {
                diagnostics.append(.error(fields.location(of: "languages") ?? here, "`\(code)` is not a language code",
                                          hint: "write codes such as `en` or `bn`"))
            }
            languages = written.filter(NarrativeLoader.isLanguageCode)
        }

        var initiative = Initiative(
            slug: slug, name: name, meaning: fields.text("meaning", at: here, &diagnostics) ?? "",
            country: fields.text("country", at: here, &diagnostics) ?? "", backbone: backbone,
            primaryActor: fields.text("primary_actor", at: here, &diagnostics) ?? "",
            commonGoal: fields.text("common_goal", at: here, &diagnostics) ?? "",
            started: started, periodKind: periodKind, partners: partnersInPeriods, workstreams: workstreams,
            indicators: indicators, observations: observations, targets: targets, collaborations: collaborations,
            outcomes: outcomes, location: here, backboneLocation: fields.location(of: "backbone"))
        initiative.finance = finance(fields: fields, at: here, tables: tables, config: config, &diagnostics)
        initiative.reporters = reporters
        if diagnostics.errorCount != errorsBeforeFrontMatter { incompleteFiles.insert("initiative.md") }
        initiative.incompleteFiles = incompleteFiles
        initiative.resultsLackCounts = lacksCounts
        var loaded = InitiativeContent(initiative: initiative, agenda: agenda, locale: locale, languages: languages,
                                       reports: reports, partnerNarratives: partnerNarratives)
        checkLinks(of: loaded, folder: folder, content: content, defaultLanguage: config.language,
                   checkPartners: partnersReadable, checkIndicators: !incompleteFiles.contains("indicators.csv"), &diagnostics)
        loaded.images = images.files
        for key in Translatable.frontMatter { loaded.frontMatterLocations[key] = fields.location(of: key) }
        loaded.translations = translations(translationFiles, initiative: initiative,
                                           languages: frontMatterParsed ? languages : nil,
                                           siteLanguage: config.language, incompleteFiles: incompleteFiles,
                                           content: content, config: config, images: images, &diagnostics)
        return loaded
    }

    /// Every link a narrative wrote as a content file (`SiteLink`) must name a page the build publishes: a report
    /// that exists, a partner or indicator of the initiative (not checked when their table had errors: every id
    /// would look unknown), another initiative of the site.
    private static func checkLinks(of loaded: InitiativeContent, folder: String, content: ContentDirectory,
                                   defaultLanguage: String, checkPartners: Bool, checkIndicators: Bool,
                                   _ diagnostics: inout [Diagnostic]) {
        let narratives = [loaded.agenda] + loaded.reports.map(\.narrative)
            + loaded.partnerNarratives.keys.sorted().compactMap { loaded.partnerNarratives[$0] }
        let links = narratives.flatMap(\.links)
        guard !links.isEmpty else { return }
        let initiative = loaded.initiative
        let initiativesFolder = PathName.parent(folder)
        var ignored: [Diagnostic] = []
        let others = SiteLinkTargets.otherInitiatives(
            linkedFrom: links, slug: initiative.slug,
            folders: { content.list(initiativesFolder, &ignored).filter { $0.kind == .directory }.map(\.name) },
            reportFiles: { content.list(initiativesFolder + "/" + $0 + "/reports", &ignored).map(\.name) })
        let targets = SiteLinkTargets(
            slug: initiative.slug, languages: Set(loaded.languages),
            reports: Set(loaded.reports.map { .init(period: $0.period, language: $0.language == defaultLanguage ? nil : $0.language) }),
            partners: Set(initiative.partners.map(\.id)), indicators: Set(initiative.indicators.map(\.id)), others: others)
        for link in links {
            if case .partner = link.target, !checkPartners, link.target.slug == initiative.slug { continue }
            if case .indicator = link.target, !checkIndicators { continue }
            if let problem = targets.problem(with: link) {
                diagnostics.append(.error(link.location, problem.message, hint: problem.hint))
            }
        }
    }

    /// The initiative's money: `currency:` and `reach_indicator:` from the front matter, funding.csv and
    /// spending.csv (all optional), and the site's funders and rates.
    private static func finance(fields: YAMLFields, at here: SourceLocation, tables: TableSources, config: SiteConfig,
                                _ diagnostics: inout [Diagnostic]) -> InitiativeFinance {
        var finance = InitiativeFinance(site: config.finance)
        if let written = fields.text("currency", at: here, &diagnostics), !written.isEmpty {
            if FinanceTables.isCurrencyCode(written) {
                finance.currency = written
            } else {
                let problem = FinanceTables.currencyProblem(written, column: "currency")
                diagnostics.append(.error(fields.location(of: "currency") ?? here, problem.message, hint: problem.hint))
            }
        }
        finance.currencyLocation = fields.location(of: "currency")
        if let reach = fields.text("reach_indicator", at: here, &diagnostics), !reach.isEmpty {
            finance.reachIndicator = reach
            finance.reachIndicatorLocation = fields.location(of: "reach_indicator")
        }
        let currency = finance.currency
        if let funding = tables.read("funding.csv", { FinanceTables.funding($0, path: $1, currency: currency, &$2) }, &diagnostics) {
            finance.funding = funding
        }
        if let spending = tables.read("spending.csv", { FinanceTables.spending($0, path: $1, currency: currency, &$2) }, &diagnostics) {
            finance.spending = spending
        }
        return finance
    }

    /// `initiative.<lang>.md` and `<table>.<lang>.csv`, by language. Overlay ids are checked against the table
    /// they translate, unless that table had errors (its ids are then not all known), and each file's language
    /// against `languages`, unless initiative.md's front matter did not parse (nil: its `languages:` is unknown).
    private static func translations(_ entries: [ContentDirectory.Entry], initiative: Initiative, languages: [String]?,
                                     siteLanguage: String, incompleteFiles: Set<String>, content: ContentDirectory,
                                     config: SiteConfig, images: NarrativeImages,
                                     _ diagnostics: inout [Diagnostic]) -> [String: ContentTranslation] {
        var translations: [String: ContentTranslation] = [:]
        let ids: [String: [String]] = [
            "partners": initiative.partners.map(\.id), "workstreams": initiative.workstreams.map(\.id),
            "indicators": initiative.indicators.map(\.id), "outcomes": initiative.outcomes.map(\.id).filter { !$0.isEmpty },
        ]
        for entry in entries.sorted(by: { $0.name < $1.name }) {
            guard let (base, language, _) = TranslationLoader.parse(fileName: entry.name),
                  let bytes = content.read(entry.path, &diagnostics) else { continue }
            if language == siteLanguage {
                diagnostics.append(.warning(SourceLocation(path: entry.path), "`\(entry.name)` translates into the site's own language (`\(language)`); it will be ignored",
                                            hint: "the texts in \(base).\(base == "initiative" ? "md" : "csv") are already in `\(language)`"))
                continue
            }
            if let languages, !languages.contains(language) {
                diagnostics.append(.warning(SourceLocation(path: entry.path), "`\(language)` is not one of this initiative's languages; `\(entry.name)` will not be published",
                                            hint: "add it to `languages:` in initiative.md, e.g. `languages: [\((languages + [language]).joined(separator: ", "))]`"))
            }
            var translation = translations[language] ?? ContentTranslation(language: language)
            if base == "initiative" {
                TranslationLoader.frontMatter(bytes, path: entry.path, into: &translation, allowRawHTML: config.allowRawHTML,
                                              images: images, &diagnostics)
            } else {
                let known = incompleteFiles.contains(base + ".csv") ? nil : Set(ids[base] ?? [])
                TranslationLoader.overlay(bytes, path: entry.path, table: base, ids: known, into: &translation, &diagnostics)
            }
            translations[language] = translation
        }
        return translations
    }

    /// A narrative about a period with no figures at all is almost always a misnamed file (2025-Q3 for 2024-Q3).
    private static func checkReportsHaveData(_ reports: [ReportNarrative], observations: [Observation],
                                             _ diagnostics: inout [Diagnostic]) {
        var periods = Set<Period>()
        var last: Period?
        for index in observations.indices where observations[index].period != last {
            periods.insert(observations[index].period)
            last = observations[index].period
        }
        for report in reports where !periods.contains(report.period) {
            let latest = periods.max().map { " (the latest period with data is \($0))" } ?? ""
            diagnostics.append(.error(SourceLocation(path: report.narrative.path),
                                      "report for \(report.period) but results.csv has no rows for \(report.period)\(latest)",
                                      hint: "add the period's rows to results.csv, or rename the report after the period it describes"))
        }
    }
}
