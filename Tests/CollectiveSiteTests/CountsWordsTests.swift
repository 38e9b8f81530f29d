import ImpactDomain
import Testing
@testable import CollectiveSite

/// A percentage's counts written from their words split once (`CountsWords`): the same text `fillTemplate` makes.
@Suite struct CountsWordsTests {
    /// What `Present.valueWithCounts` wrote before the words were split.
    static func filled(_ template: String, _ main: String, _ numerator: String, _ denominator: String) -> String {
        main + " " + fillTemplate(template, ["numerator": numerator, "denominator": denominator])
    }

    @Test func theCountsFollowTheValueInTheLanguagesOrder() {
        #expect(CountsWords("({numerator} of {denominator})").text(after: "62%", numerator: "310", denominator: "500")
            == "62% (310 of 500)")
        // Bengali and Kannada name the whole first.
        #expect(CountsWords("({denominator}-এর মধ্যে {numerator})").text(after: "৬২%", numerator: "৩১০", denominator: "৫০০")
            == "৬২% (৫০০-এর মধ্যে ৩১০)")
        #expect(CountsWords("({denominator}ರಲ್ಲಿ {numerator})").text(after: "62%", numerator: "310", denominator: "500")
            == "62% (500ರಲ್ಲಿ 310)")
    }

    @Test func anyTemplateGivesWhatFillingItGives() {
        let templates = [
            "({numerator} of {denominator})", "{numerator}/{denominator}", "{denominator}{numerator}", "",
            "no counts", "{numerator} only", "{numerator} of {numerator} of {denominator}", "{{numerator}} of {denominator}",
            "{numerator} of {denominator", "{numerator} {unknown} {denominator}", "{denominator} {numerator} {denominator}",
            "{numerator}{denominator}}", "«{numerator}» ÷ «{denominator}» ✓",
        ]
        let values = [("62%", "310", "500"), ("", "", ""), ("9.5%", "1,23,456", "12,99,99,999"), ("৬২%", "৩১০", "৫০০")]
        for template in templates {
            let words = CountsWords(template)
            for (main, numerator, denominator) in values {
                #expect(words.text(after: main, numerator: numerator, denominator: denominator)
                    == Self.filled(template, main, numerator, denominator), "\(template)")
            }
        }
    }

    @Test func presentWritesTheCountsOfEachLanguage() {
        let english = Labels(language: "en", translations: ["en": ["of_counts": "({numerator} of {denominator})", "no_data": "—"]])
        let indicator = Indicator(id: "rate", name: "Rate", scope: .collective, measure: .percentage)
        let present = Present(labels: english, locale: "en-IN")
        #expect(present.valueWithCounts(62, numerator: 310, denominator: 500, indicator) == "62% (310 of 500)")
        #expect(present.valueWithCounts(62, numerator: nil, denominator: 500, indicator) == "62%")
        #expect(present.valueWithCounts(nil, numerator: 310, denominator: 500, indicator) == "—")
        // A language file without the words: English's, marked as English.
        let bengali = Labels(language: "bn", translations: ["en": ["of_counts": "({numerator} of {denominator})"], "bn": [:]])
        let marked = Present(labels: bengali, locale: "bn-BD", nativeDigits: []).valueWithCounts(62, numerator: 310, denominator: 500, indicator)
        #expect(marked == "62% " + FallbackMark.wrap("(310 of 500)", language: "en"))
    }

    @Test func wordsNoLanguageFileHasAreNamedWhenACountIsShown() {
        let log = TemplateNameLog()
        let present = Present(labels: Labels(language: "en", translations: ["en": [:]], nameLog: log), locale: "en-IN")
        // Nothing is missing until counts are shown.
        #expect(log.contents().labels.isEmpty)
        let indicator = Indicator(id: "rate", name: "Rate", scope: .collective, measure: .percentage)
        #expect(present.valueWithCounts(62, numerator: 310, denominator: 500, indicator) == "62% of_counts")
        #expect(log.contents().labels == ["of_counts"])
    }
}
