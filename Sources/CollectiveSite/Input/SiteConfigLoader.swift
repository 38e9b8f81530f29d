import ImpactDomain

/// `content/site.yaml` → `SiteConfig`. Every field is optional; a wrong type is an error at its line.
enum SiteConfigLoader {
    static let knownKeys = [
        "title", "base_url", "language", "locale", "illustrative", "min_cell_count", "on_track_tolerance",
        "at_risk_tolerance", "allow_raw_html", "allow_personal_columns", "currency", "license", "license_url",
        "native_digits",
    ]

    /// The licences open data is usually published under, by SPDX id, with the address of their text.
    static let knownLicenses = [
        "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
        "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
        "CC-BY-NC-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
        "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
        "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
        "ODC-By-1.0": "https://opendatacommons.org/licenses/by/1-0/",
        "OGL-UK-3.0": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ]

    static func load(_ bytes: [UInt8], path: String, _ diagnostics: inout [Diagnostic]) -> SiteConfig {
        var config = SiteConfig(location: SourceLocation(path: path))
        if let (problem, readable) = UTF8Check.problem(in: bytes, path: path, hint: "save the file with UTF-8 encoding") {
            diagnostics.append(problem)
            if !readable { return config }
        }
        let text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...], as: UTF8.self)
        let fields = YAMLFields(yaml: text, path: path, diagnostics: &diagnostics)
        let here = SourceLocation(path: path)
        fields.warnUnknownKeys(known: knownKeys, &diagnostics)

        if let title = fields.text("title", at: here, &diagnostics), !title.isEmpty { config.title = title }
        if var url = fields.text("base_url", at: here, &diagnostics), !url.isEmpty {
            // The rule `--base-url` has: `example.org/` would make every address in the feed and the sitemap a
            // relative one, which resolves to nothing outside the site.
            if url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("/") {
                // Page URLs are built by appending to it.
                if !url.hasSuffix("/") { url += "/" }
                config.baseURL = url
            } else {
                diagnostics.append(.error(fields.location(of: "base_url") ?? here, "`\(url)` is not a web address",
                                          hint: "write the address the site will be published at in full, starting with https:// (`https://\(url.hasSuffix("/") ? url : url + "/")`), or starting with / for a path on the same server"))
            }
        }
        if let language = fields.text("language", at: here, &diagnostics), !language.isEmpty {
            if NarrativeLoader.isLanguageCode(language) {
                config.language = language
                config.languageLocation = fields.location(of: "language")
            } else {
                diagnostics.append(.error(fields.location(of: "language") ?? here, "`\(language)` is not a language code",
                                          hint: "write a code such as `en` or `bn`"))
            }
        }
        config.locale = config.language
        if let locale = fields.text("locale", at: here, &diagnostics), !locale.isEmpty {
            if NarrativeLoader.isLocale(locale) {
                config.locale = locale
            } else {
                diagnostics.append(.error(fields.location(of: "locale") ?? here, "`\(locale)` is not a locale",
                                          hint: "write a locale such as `en-IN` or `bn-BD`"))
            }
        }
        if let currency = fields.text("currency", at: here, &diagnostics), !currency.isEmpty {
            if FinanceTables.isCurrencyCode(currency) {
                config.finance.currency = currency
            } else {
                let problem = FinanceTables.currencyProblem(currency, column: "currency")
                diagnostics.append(.error(fields.location(of: "currency") ?? here, problem.message, hint: problem.hint))
                config.finance.currencyUnreadable = true
            }
        }
        if let flag = fields.bool("illustrative", &diagnostics) { config.illustrative = flag }
        if let license = fields.text("license", at: here, &diagnostics), !license.isEmpty {
            config.license = license
            config.licenseURL = knownLicenses[license]
            // A licence without the address of its text is a name readers cannot look up (`CC BY 4.0` for `CC-BY-4.0`).
            if config.licenseURL == nil, fields.text("license_url", at: here, &diagnostics)?.isEmpty ?? true {
                func squeezed(_ id: String) -> String { id.uppercased().filter { $0.isLetter || $0.isNumber } }
                let close = knownLicenses.keys.sorted().first { squeezed($0) == squeezed(license) }
                diagnostics.append(.warning(fields.location(of: "license") ?? here,
                                            "`\(license)` is not a licence Collective knows, and `license_url:` is not set, so pages name the licence without a link to its text",
                                            hint: close.map { "did you mean `\($0)`?" } ?? "write an SPDX id (\(knownLicenses.keys.sorted().joined(separator: ", "))), or add `license_url:` with the address of the licence's text"))
            }
        }
        if let url = fields.text("license_url", at: here, &diagnostics), !url.isEmpty {
            if url.hasPrefix("https://") || url.hasPrefix("http://") {
                config.licenseURL = url
            } else {
                diagnostics.append(.error(fields.location(of: "license_url") ?? here, "`\(url)` is not a web address",
                                          hint: "write the full address of the licence's text, starting with https://"))
            }
        }
        if let flag = fields.bool("allow_raw_html", &diagnostics) { config.allowRawHTML = flag }
        if let columns = fields.list("allow_personal_columns", &diagnostics) { config.allowedPersonalColumns = columns }
        if let languages = fields.list("native_digits", &diagnostics) {
            let supported = NumberFormat.nativeDigitZero.keys.sorted()
            for language in languages where !supported.contains(language) {
                diagnostics.append(.error(fields.location(of: "native_digits") ?? here,
                                          "Collective cannot print `\(language)` digits",
                                          hint: "`native_digits` may list \(supported.map { "`\($0)`" }.joined(separator: " and ")); other languages print 0123456789"))
            }
            config.nativeDigits = languages.filter(supported.contains)
        }
        if let count = fields.number("min_cell_count", in: 1...1_000_000, integer: true, &diagnostics) {
            config.computation.minCellCount = Int(count)
        }
        if let tolerance = fields.number("on_track_tolerance", in: 0...1, &diagnostics) {
            config.computation.onTrackTolerance = tolerance
        }
        if let tolerance = fields.number("at_risk_tolerance", in: 0...1, &diagnostics) {
            config.computation.atRiskTolerance = tolerance
        }
        if config.computation.atRiskTolerance < config.computation.onTrackTolerance {
            diagnostics.append(.error(fields.location(of: "at_risk_tolerance") ?? here,
                                      "`at_risk_tolerance` (\(config.computation.atRiskTolerance)) is smaller than `on_track_tolerance` (\(config.computation.onTrackTolerance))",
                                      hint: "at risk starts where on track ends, so it must be the larger tolerance"))
        }
        return config
    }
}
