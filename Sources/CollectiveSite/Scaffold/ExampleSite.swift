/// The text files of a new site (everything except the theme), by path relative to the site folder.
enum ExampleSite {
    static var files: [String: String] {
        var files: [String: String] = [
            "content/site.yaml": siteYAML,
            "README.md": BackboneReadme.text,
            ".gitignore": gitignore,
        ]
        for (path, text) in ExampleInitiative.files {
            files["content/initiatives/\(ExampleInitiative.slug)/\(path)"] = text
        }
        return files
    }

    static let siteYAML = """
        # Settings for the whole report site. Lines starting with # are notes for you: the tool ignores them.

        # The name at the top of every page.
        title: Our Collective Impact reports
        # The address the site will be published at, ending in /, e.g. https://example.org/reports/
        # Until you know it, leave "/". `collective build --base-url …` overrides it for one build.
        base_url: "/"
        # The language of the page text. templates/i18n/<language>.yaml must exist: en and bn come with the theme.
        language: en
        # How numbers are written: en-US and en-GB write 100,000; en-IN writes 1,00,000.
        locale: en-US
        # While this is true, every page says that the figures are illustrative.
        # Set it to false only when every figure on the site is real.
        illustrative: true
        # Counts from 1 to min_cell_count - 1 are hidden ("fewer than 10"), so that nobody can be recognised
        # from a small number. Do not lower it without a good reason.
        min_cell_count: 10

        """

    static let gitignore = """
        # Written by `collective build` and `collective serve`; rebuilt from content/ and templates/ at any time.
        _site/
        _site.*
        .collective-cache/

        """
}
