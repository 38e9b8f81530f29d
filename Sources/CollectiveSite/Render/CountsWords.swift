/// The words of a percentage's counts ("({numerator} of {denominator})", label `of_counts`) split once at their two
/// placeholders, so that `Present.valueWithCounts` writes "62% (310 of 500)" into one String without searching the
/// template and filling it for every percentage of every table (an indicator page's contributions by period show
/// one for each partner in each period).
///
/// The text is exactly `main + " " + fillTemplate(template, ["numerator": …, "denominator": …])`: a template the
/// split does not reproduce that way (a placeholder missing, repeated or unknown) is filled by `fillTemplate`.
/// A class: `Present` takes its words out of an optional for every percentage, and a copy of a struct retained its
/// four texts (and released them again) each time; a copy of a reference retains one.
final class CountsWords: Sendable {
    let template: String
    /// A space and the template's text before its first placeholder, the text between the two, and after the second.
    private let before: String, between: String, after: String
    private let numeratorFirst: Bool
    /// Whether the parts above make the text; when not, `fillTemplate` does.
    private let isSplit: Bool

    init(_ template: String) {
        self.template = template
        if let split = Self.split(template) {
            (before, between, after, numeratorFirst, isSplit) = (" " + split.before, split.between, split.after, split.numeratorFirst, true)
        } else {
            (before, between, after, numeratorFirst, isSplit) = ("", "", "", true, false)
        }
    }

    /// `main`, a space and the counts.
    func text(after main: String, numerator: String, denominator: String) -> String {
        guard isSplit else {
            return concatenated(main, " ", fillTemplate(template, ["numerator": numerator, "denominator": denominator]))
        }
        let first = numeratorFirst ? numerator : denominator, second = numeratorFirst ? denominator : numerator
        let count = main.utf8.count + before.utf8.count + first.utf8.count + between.utf8.count + second.utf8.count
            + after.utf8.count
        return makeString(count: count) { out in
            // `out` has room for `count` bytes, the sum of the parts' lengths.
            var at = 0
            copyUTF8(main, to: out, at: &at)
            copyUTF8(before, to: out, at: &at)
            copyUTF8(first, to: out, at: &at)
            copyUTF8(between, to: out, at: &at)
            copyUTF8(second, to: out, at: &at)
            copyUTF8(after, to: out, at: &at)
            return at
        }
    }

    /// The text before, between and after the template's `{numerator}` and `{denominator}`, each there once; nil when
    /// filling the two in that way would not give what `fillTemplate` gives.
    private static func split(_ template: String) -> (before: String, between: String, after: String, numeratorFirst: Bool)? {
        let names = ["{numerator}", "{denominator}"]
        let found = names.map { name in template.ranges(of: name) }
        guard found.allSatisfy({ $0.count == 1 }) else { return nil }
        let numeratorFirst = found[0][0].lowerBound < found[1][0].lowerBound
        let (first, second) = numeratorFirst ? (found[0][0], found[1][0]) : (found[1][0], found[0][0])
        guard first.upperBound <= second.lowerBound else { return nil }
        let split = (before: String(template[..<first.lowerBound]), between: String(template[first.upperBound..<second.lowerBound]),
                     after: String(template[second.upperBound...]), numeratorFirst: numeratorFirst)
        // Checked against `fillTemplate` itself with two marks (where the values go does not depend on them).
        let marks = ("\u{1}", "\u{2}")
        let filled = fillTemplate(template, ["numerator": marks.0, "denominator": marks.1])
        let ordered = numeratorFirst ? marks : (marks.1, marks.0)
        guard filled == split.before + ordered.0 + split.between + ordered.1 + split.after else { return nil }
        return split
    }
}
