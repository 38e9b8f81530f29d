import Foundation

/// Reads every figure a built site shows and checks it against the site's own results.json (issue 14, "one
/// figure, one truth"). A figure is an element with `data-field` (value, to_date, target, end_target, progress,
/// expected, status, period, sum_of_parts, overlap, depth, contribution, share), or a body cell of a table whose
/// column header has one (`<th scope="col" data-field="value">`: a brief declares each column's field once; a
/// header's `data-partner` names its column's partner, and a row without `data-period` takes its period from its
/// cell under `data-field="period"`, as a reader does); otherwise the nearest enclosing `data-indicator`, `data-period`, `data-partner` and `data-initiative` (else the page's first
/// folder) say whose figure it is. The page model sets those attributes; the template decides nothing but where they go, so a
/// template that shows another field under a figure's attributes is caught here.
///
/// The checker reads numbers off the page as a reader would (any digits, grouping, decimals, a minus sign) and
/// compares them with the JSON number within the precision shown; it does not recompute anything.
struct FigureChecker {
    let root: String
    let labels: [String: [String: String]]
    private var initiatives: [String: [String: Indicator]] = [:]

    struct Indicator {
        var fields: [String: Any]
        var periods: [String: [String: Any]]
    }

    struct Report {
        var checked = 0
        var fields: Set<String> = []
        var pages = 0
        var problems: [String] = []
    }

    /// `templates` is the folder whose `i18n/*.yaml` name the statuses and the words of absent figures.
    init(site root: String, templates: String) throws {
        self.root = root
        var labels: [String: [String: String]] = [:]
        let i18n = templates + "/i18n"
        for file in try FileManager.default.contentsOfDirectory(atPath: i18n) where file.hasSuffix(".yaml") {
            labels[String(file.dropLast(5))] = Self.readLabels(try String(contentsOfFile: i18n + "/" + file, encoding: .utf8))
        }
        self.labels = labels
        let data = root + "/data"
        for slug in try FileManager.default.contentsOfDirectory(atPath: data) {
            let path = data + "/" + slug + "/results.json"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any] ?? [:]
            var indicators: [String: Indicator] = [:]
            for indicator in json["indicators"] as? [[String: Any]] ?? [] {
                var periods: [String: [String: Any]] = [:]
                for period in indicator["periods"] as? [[String: Any]] ?? [] { periods[period["period"] as? String ?? ""] = period }
                indicators[indicator["id"] as? String ?? ""] = Indicator(fields: indicator, periods: periods)
            }
            initiatives[slug] = indicators
        }
    }

    /// `key: text` lines (text optionally in double quotes), as the site's translations are written.
    static func readLabels(_ yaml: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in yaml.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix(" ") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            var text = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
                text = String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            out[String(line[..<colon])] = text
        }
        return out
    }

    func label(_ key: String, _ language: String) -> String { labels[language]?[key] ?? labels["en"]?[key] ?? key }

    /// Checks every page under the site; `pages` limits it to some relative paths.
    func check(pages: [String]? = nil) throws -> Report {
        var report = Report()
        let all = pages ?? BuiltSites.htmlPages(root)
        for path in all {
            let page = HTMLDocument.parse(try String(contentsOfFile: root + "/" + path, encoding: .utf8))
            let language = page.all(tag: "html").first?["lang"].map { String($0.prefix(2)) } ?? "en"
            report.pages += 1
            for element in page.all({ $0["data-field"] != nil && !Self.isColumnHeader($0) }) {
                check(element, field: element["data-field"]!, path: path, language: language, into: &report)
            }
            for table in page.all(tag: "table") {
                checkColumns(of: table, path: path, language: language, into: &report)
            }
        }
        return report
    }

    /// A `th` in a table's head: its `data-field` names its column's figures; it is not one itself.
    static func isColumnHeader(_ element: HTMLElement) -> Bool {
        element.name == "th" && element.parent?.parent?.name == "thead"
    }

    /// The `th` and `td` cells of a row, in order.
    static func cells(_ row: HTMLElement) -> [HTMLElement] {
        row.children.compactMap { if case .element(let cell) = $0, cell.name == "td" || cell.name == "th" { cell } else { nil } }
    }

    /// The body cells of a table whose head names fields: each cell under a column with `data-field` is that figure.
    /// A row with another number of cells than the head would shift figures into the wrong column: a problem.
    private func checkColumns(of table: HTMLElement, path: String, language: String, into report: inout Report) {
        guard let head = table.all(tag: "thead").first?.all(tag: "tr").first else { return }
        let headers = Self.cells(head)
        let fields = headers.map { $0["data-field"] }
        guard fields.contains(where: { $0 != nil }) else { return }
        let periodColumn = fields.firstIndex { $0 == "period" }
        for row in table.all(tag: "tbody").flatMap({ $0.all(tag: "tr") }) {
            let cells = Self.cells(row)
            if cells.count != fields.count {
                report.problems.append("\(path): a row of \(cells.count) cells under a head of \(fields.count): \(row.text)")
                continue
            }
            let periodCell = periodColumn.map { cells[$0] }
            for (cell, header) in zip(cells, headers) where cell["data-field"] == nil {
                if let field = header["data-field"] {
                    check(cell, field: field, header: header, periodCell: periodCell, path: path, language: language, into: &report)
                }
            }
        }
    }

    /// `header` is the column's head of a cell marked by it; `periodCell` its row's cell under `data-field="period"`,
    /// which names the row's period when the row has no `data-period` (an indicator page's contributions by period)
    /// and marks a partial one.
    private func check(_ element: HTMLElement, field: String, header: HTMLElement? = nil, periodCell: HTMLElement? = nil,
                       path: String, language: String, into report: inout Report) {
        let text = element.text
        func problem(_ message: String) { report.problems.append("\(path): \(field) \"\(text)\": \(message)") }
        guard let indicatorID = element.closest(withAttribute: "data-indicator")?["data-indicator"] else {
            return problem("no data-indicator around the figure")
        }
        let rowPeriod = periodCell.flatMap { $0.parent?["data-period"] == nil ? String(Self.asciiDigits($0.text).prefix { $0 != " " }) : nil }
        let period = rowPeriod ?? element.closest(withAttribute: "data-period")?["data-period"] ?? ""
        let slug = element.closest(withAttribute: "data-initiative")?["data-initiative"]
            ?? String(path.split(separator: "/").first ?? "")
        guard let indicator = initiatives[slug]?[indicatorID] else { return problem("no indicator `\(indicatorID)` in \(slug)'s results.json") }
        if period.isEmpty {
            // A headline with no period has no figure: it must not show one.
            if Self.firstNumber(text) != nil && field != "end_target" { problem("a figure without a period") }
            return
        }
        guard let figures = indicator.periods[period] else { return problem("no period \(period) of \(indicatorID) in results.json") }
        report.checked += 1
        report.fields.insert(field)

        switch field {
        case "to_date" where !Self.hasFigureToDate(indicator.fields):
            // A percentage, ratio or score combined by `latest` is a level in its period, never a result to date
            // (its to_date in results.json is only the period's value): every page shows "—" under To date.
            if text != "—" { problem("`\(indicator.fields["across_periods"] ?? "")` \(indicator.fields["measure"] ?? ""): no figure to date, so \"—\"") }
        case "value", "to_date", "target", "sum_of_parts", "overlap", "depth":
            // A period in which the indicator is not measured (`frequency`; results.json `due: false`) reads "Not due".
            let notDue = field == "value" && (figures["due"] as? Bool) == false
            compare(text, figures[field], field: field, indicator: indicator, language: language, notDue: notDue,
                    problem: problem)
            if field == "value" {
                compareCounts(text, figures, language: language, problem: problem)
                // Completeness: a period's value from fewer partners than were due is marked where it is shown.
                // Marked in the figure's own row (a brief names the period once, on its table), else in its element.
                if (figures["partial"] as? Bool) == true, let scope = element.closest(tag: "tr") ?? element.closest(withAttribute: "data-period"),
                   !scope.descendants.contains(where: { $0["data-field"] == "partial" || ($0["data-field"] == "period" && $0.text != period) }),
                   periodCell.map({ Self.asciiDigits($0.text) == period }) ?? true {
                    problem("results.json marks \(period) partial; the figure is not marked")
                }
            }
        case "partial":
            if (figures["partial"] as? Bool) != true { problem("results.json does not mark \(period) partial") }
            let numbers = Self.numbers(text)
            let words = label("partial_reported", language)
            if numbers.count == 2, let reporting = (figures["partners_reporting"] as? NSNumber)?.doubleValue {
                let reportingFirst = (words.range(of: "{reporting}")?.lowerBound ?? words.startIndex)
                    < (words.range(of: "{expected}")?.lowerBound ?? words.endIndex)
                if (reportingFirst ? numbers[0] : numbers[1]).value != reporting {
                    problem("results.json has partners_reporting \(reporting)")
                }
            }
        case "change":
            // A report's change since the period before: the value's difference ("+3,890", "−1.2 points", "no
            // change") and "(was On track)" when the status moved; "—" claims nothing.
            // "—" claims no change (none computed between a deduplicated count and a sum), with the status it was.
            guard !text.hasPrefix("—") else { break }
            guard let before = indicator.periods[Self.previous(period)],
                  let now = (figures["value"] as? NSNumber)?.doubleValue,
                  let then = (before["value"] as? NSNumber)?.doubleValue else {
                return problem("results.json has no value for both \(period) and the period before")
            }
            // The change is that of the two figures as pages print them (35% then 34%: +1 point, not +0.7).
            let measure = indicator.fields["measure"] as? String ?? ""
            let change = Self.asShown(now, measure) - Self.asShown(then, measure)
            if text.hasPrefix(label("change_none", language)) {
                if abs(change) > 1e-9 { problem("results.json has \(then) then \(now)") }
            } else if let shown = Self.firstNumber(text) {
                let sign: Double = text.hasPrefix("−") || text.hasPrefix("-") ? -1 : 1
                if abs(sign * abs(shown.value) - change) > 0.5 * pow(10, -Double(shown.decimals)) + 1e-9 * max(1, abs(now)) {
                    problem("results.json has \(then) then \(now)")
                }
            } else {
                problem("no change shown")
            }
            let was = label("change_status_was", language)
                .replacingOccurrences(of: "{status}", with: label("status_" + (before["status"] as? String ?? ""), language))
            if (before["status"] as? String) != (figures["status"] as? String) ? !text.hasSuffix(was) : text.contains("(") {
                problem("results.json says the status was \(before["status"] ?? "null"), now \(figures["status"] ?? "null")")
            }
        case "end_target":
            compare(text, indicator.fields["target"], field: field, indicator: indicator, language: language, problem: problem)
        case "progress", "expected":
            compare(text, (figures[field] as? NSNumber).map { NSNumber(value: $0.doubleValue * 100) }, field: field,
                    indicator: indicator, language: language, problem: problem)
        case "status":
            let key = figures["status"] as? String ?? ""
            let notDue = (figures["due"] as? Bool) == false && figures["value"] is NSNull
            let expected = notDue ? label("not_due", language) : label("status_" + key, language)
            // The badge is the word alone (its shape is drawn by the stylesheet from its class, which must agree).
            let badge = element.classes.contains("status") ? element : element.all(class: "status").first
            if text != expected || badge?.classes != ["status", notDue ? "not_due" : key] {
                problem("results.json says \(key) (\"\(expected)\")")
            }
        case "period":
            let shown = Self.asciiDigits(text)
            guard shown.hasPrefix(period) else { return problem("not the period \(period)") }
            let partial = (figures["partial"] as? Bool) ?? false
            if partial && shown == period { problem("results.json marks \(period) partial; the page does not") }
            let numbers = Self.numbers(String(shown.dropFirst(period.count)))
            if numbers.count >= 2 {
                let template = label("partial_period_row", language)
                let reportingFirst = (template.range(of: "{reporting}")?.lowerBound ?? template.startIndex)
                    < (template.range(of: "{expected}")?.lowerBound ?? template.endIndex)
                let reporting = reportingFirst ? numbers[0].value : numbers[1].value
                if reporting != (figures["partners_reporting"] as? NSNumber)?.doubleValue {
                    problem("results.json has partners_reporting \(figures["partners_reporting"] ?? "null")")
                }
            }
        case "contribution", "share":
            guard let partner = element.closest(withAttribute: "data-partner")?["data-partner"] ?? header?["data-partner"] else {
                return problem("no data-partner around a contribution")
            }
            guard let contribution = (figures["contributions"] as? [[String: Any]] ?? []).first(where: { $0["partner"] as? String == partner }) else {
                // A partner's column in a period it had no row in: "—" claims nothing.
                if header != nil && text == "—" { return }
                return problem("no contribution of \(partner) in results.json")
            }
            if field == "contribution" {
                compare(text, contribution["value"], field: field, indicator: indicator, language: language, problem: problem)
                compareCounts(text, contribution, language: language, problem: problem)
            } else if let share = (contribution["share"] as? NSNumber)?.doubleValue {
                // Shares are rounded so a period's add up to 100: one point either way.
                guard let shown = Self.firstNumber(text) else { return problem("results.json has share \(share)") }
                if abs(shown.value - share * 100) > 1.0 + 1e-9 { problem("results.json has share \(share)") }
            } else if Self.firstNumber(text) != nil {
                problem("results.json has no share")
            }
        default:
            problem("unknown data-field")
        }
    }

    /// A value rounded to the decimals pages print it with (rounded half away from zero): a percentage whole from
    /// 10% on and one decimal below, a count whole or one decimal, an amount whole or two, a score one.
    static func asShown(_ value: Double, _ measure: String) -> Double {
        let whole = value == value.rounded(.towardZero)
        let digits: Int
        switch measure {
        case "percentage": digits = abs(value) < 10 && !whole ? 1 : 0
        case "count": digits = whole ? 0 : 1
        case "amount": digits = whole ? 0 : 2
        case "score": digits = 1
        default: digits = 0
        }
        let scale = pow(10, Double(digits))
        // Through the shortest decimal text, as the pages round (2.675 is 2.68 there, though the binary is below).
        let decimal = Decimal(string: "\(value)") ?? Decimal(value)
        var scaled = decimal * Decimal(scale), rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return NSDecimalNumber(decimal: rounded).doubleValue / scale
    }

    /// The period before one named as results.json names it: 2026-Q1 → 2025-Q4, 2026-H1 → 2025-H2, 2026-01 →
    /// 2025-12, 2026 → 2025.
    static func previous(_ period: String) -> String {
        let parts = period.split(separator: "-").map(String.init)
        guard let year = Int(parts[0]) else { return "" }
        guard parts.count == 2 else { return String(year - 1) }
        let part = parts[1]
        if let kind = part.first, kind == "Q" || kind == "H", let number = Int(part.dropFirst()) {
            return number > 1 ? "\(year)-\(kind)\(number - 1)" : "\(year - 1)-\(kind)\(kind == "Q" ? 4 : 2)"
        }
        guard let month = Int(part) else { return "" }
        return month > 1 ? "\(year)-" + (month - 1 < 10 ? "0" : "") + "\(month - 1)" : "\(year - 1)-12"
    }

    /// Whether an indicator (its results.json fields) has a figure to date: not a `latest` percentage, ratio or
    /// score (docs/domain-rules.md, rule 1).
    static func hasFigureToDate(_ fields: [String: Any]) -> Bool {
        guard fields["across_periods"] as? String == "latest" else { return true }
        return !(fields["measure"] as? String == "percentage" || fields["measure"] as? String == "score"
            || fields["across_partners"] as? String == "ratio")
    }

    /// A figure against its JSON number, within the precision shown; an absent one must read as absent.
    private func compare(_ text: String, _ json: Any?, field: String, indicator: Indicator, language: String,
                         notDue: Bool = false, problem: (String) -> Void) {
        guard let number = (json as? NSNumber)?.doubleValue else {
            let absent = ((notDue ? ["not_due"] : []) + ["no_data", "not_reported", "qualitative"]).map { label($0, language) } + ["—", ""]
            // A partner that had left, or had not joined yet, says so instead of "Not reported".
            let away = ["partner_left_in", "partner_joined_in"].contains { key in
                let words = label(key, language).components(separatedBy: "{period}")
                return words.count == 2 && text.hasPrefix(words[0]) && text.hasSuffix(words[1])
            }
            if !absent.contains(text) && !away { problem("results.json has no \(field) here") }
            return
        }
        guard let shown = Self.firstNumber(text) else { return problem("results.json has \(number)") }
        let tolerance = 0.5 * pow(10, -Double(shown.decimals)) + 1e-9 * max(1, abs(number))
        if abs(shown.value - number) > tolerance { problem("results.json has \(number)") }
    }

    /// "36% (1,632 of 4,497)": the counts in brackets are the numerator and denominator, in the order of the
    /// language's `of_counts` words (Bengali names the denominator first).
    private func compareCounts(_ text: String, _ json: [String: Any], language: String, problem: (String) -> Void) {
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else { return }
        let counts = Self.numbers(String(text[open...]))
        guard counts.count == 2 else { return }
        let words = label("of_counts", language)
        let numeratorFirst = (words.range(of: "{numerator}")?.lowerBound ?? words.startIndex)
            < (words.range(of: "{denominator}")?.lowerBound ?? words.endIndex)
        let (numerator, denominator) = numeratorFirst ? (counts[0], counts[1]) : (counts[1], counts[0])
        if numerator.value != (json["numerator"] as? NSNumber)?.doubleValue
            || denominator.value != (json["denominator"] as? NSNumber)?.doubleValue {
            problem("results.json has \(json["numerator"] ?? "null") of \(json["denominator"] ?? "null")")
        }
    }

    /// Bengali (and other Unicode) decimal digits as ASCII digits.
    static func asciiDigits(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue, !("0"..."9").contains(Character(scalar)) {
                return Character(String(Int(value)))
            }
            return Character(scalar)
        })
    }

    /// Every number in a text: digits with `,` grouping (Western or lakh) and a `.` decimal part, with the minus
    /// sign (− or -) right before it; `decimals` is how many digits follow the point.
    static func numbers(_ text: String) -> [(value: Double, decimals: Int)] {
        let chars = Array(withoutPeriods(asciiDigits(text)))
        var out: [(Double, Int)] = []
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber else { i += 1; continue }
            let negative = i > 0 && (chars[i - 1] == "−" || chars[i - 1] == "-") && (i < 2 || !chars[i - 2].isNumber)
            var digits = "", decimals = 0, inFraction = false
            while i < chars.count {
                let c = chars[i]
                if c.isASCII && c.isNumber {
                    digits.append(c)
                    if inFraction { decimals += 1 }
                } else if c == ",", !inFraction, i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isNumber {
                    // grouping
                } else if c == ".", !inFraction, i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isNumber {
                    digits.append(".")
                    inFraction = true
                } else { break }
                i += 1
            }
            if let value = Double(digits) { out.append((negative ? -value : value, decimals)) }
        }
        return out
    }

    /// The text with period names (2027-Q4, 2026-H1, 2025-07) blanked: a label may name its period before or after
    /// its figure ("Target 60,000 by 2027-Q4", Bengali "2027-Q4-এর মধ্যে ৬০,০০০").
    static func withoutPeriods(_ text: String) -> String {
        var chars = Array(text)
        var i = 0
        while i + 6 < chars.count + 0 {
            let window = chars[i..<min(chars.count, i + 7)]
            let isYear = window.prefix(4).allSatisfy { $0.isASCII && $0.isNumber } && (i == 0 || !(chars[i - 1].isNumber || chars[i - 1] == ","))
            if isYear, window.count == 7, window[i + 4] == "-",
               (window[i + 5] == "Q" || window[i + 5] == "H" || window[i + 5].isNumber), window[i + 6].isNumber {
                for k in i..<(i + 7) { chars[k] = " " }
                i += 7
            } else { i += 1 }
        }
        return String(chars)
    }

    static func firstNumber(_ text: String) -> (value: Double, decimals: Int)? { numbers(text).first }
}
