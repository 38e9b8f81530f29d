import Testing
@testable import CollectiveSite

/// The project's own Mustache engine (`Template`, `TemplateLibrary`, `TemplateValue`).
@Suite struct TemplateEngineTests {
    func render(_ source: String, _ model: [String: Any], partials: [String: String] = [:]) throws -> String {
        var library = TemplateLibrary()
        library.register(try Template(source: source), named: "main")
        for (name, text) in partials { library.register(try Template(source: text), named: name) }
        return String(decoding: try #require(library.render(TemplateValue(any: model), template: "main")), as: UTF8.self)
    }

    func syntaxError(_ source: String) -> TemplateSyntaxError? {
        do { _ = try Template(source: source); return nil } catch { return error }
    }

    @Test func variablesAreEscapedUnlessTripleOrAmpersand() throws {
        let model = ["v": "<a href=\"x\">Tom & Jerry's</a>"]
        #expect(try render("{{v}}", model) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        #expect(try render("{{{v}}}|{{& v}}", model) == "<a href=\"x\">Tom & Jerry's</a>|<a href=\"x\">Tom & Jerry's</a>")
        #expect(try render("[{{missing}}]", model) == "[]")
        #expect(try render("{{ v }}", ["v": "spaced"]) == "spaced")
        #expect(try render("{{n}} {{flag}}", ["n": 42, "flag": true]) == "42 true")
    }

    @Test func dottedNamesResolveTheirFirstPartThroughTheStackAndTheRestInside() throws {
        let model: [String: Any] = ["site": ["title": "Collective"], "items": [["name": "A"], ["name": "B", "site": ["title": "inner"]]]]
        #expect(try render("{{#items}}{{name}}:{{site.title}};{{/items}}", model) == "A:Collective;B:inner;")
        // A later part that is missing does not fall back to outer frames.
        #expect(try render("{{#items}}[{{site.other}}]{{/items}}", ["site": ["other": "x"], "items": [["site": ["title": "t"]]]]) == "[]")
    }

    @Test func sectionsIterateListsEnterObjectsAndTestFlags() throws {
        #expect(try render("{{#xs}}<{{.}}>{{/xs}}", ["xs": ["a", "b"]]) == "<a><b>")
        #expect(try render("{{#o}}{{k}}{{/o}}", ["o": ["k": "v"]]) == "v")
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}not{{/no}}", ["yes": true, "no": false]) == "Ynot")
        #expect(try render("{{#s}}({{.}}){{/s}}", ["s": "text"]) == "(text)")
    }

    @Test func emptyTextEmptyListsAndNilAreFalse() throws {
        let nothing: String? = nil
        let model: [String: Any] = ["blank": "", "none": [String](), "nil": nothing as Any]
        #expect(try render("{{#blank}}B{{/blank}}{{#none}}L{{/none}}{{#nil}}N{{/nil}}|{{^blank}}b{{/blank}}{{^none}}l{{/none}}{{^nil}}n{{/nil}}", model)
            == "|bln")
        let something: String? = "here"
        #expect(try render("{{#s}}{{s}}{{/s}}", ["s": something as Any]) == "here")
    }

    @Test func emptyFunctionTellsWhetherAListHasItems() throws {
        #expect(try render("{{^empty(xs)}}has{{/empty(xs)}}{{#empty(ys)}}none{{/empty(ys)}}{{#empty(missing)}}!{{/empty(missing)}}",
                           ["xs": ["a"], "ys": [String]()]) == "hasnone!")
    }

    /// The site's templates are compiled with their indentation taken out: a run of whitespace holding a line break
    /// becomes one line break (the same to a browser); a space between words, `<pre>`, `<textarea>` and what a
    /// variable inserts are kept as they are.
    @Test func compactedTemplatesLoseIndentationButNoSpaceThatShows() throws {
        func compact(_ source: String, _ model: [String: Any] = [:]) throws -> String {
            var library = TemplateLibrary()
            library.register(try Template(source: source, compactWhitespace: true), named: "main")
            return String(decoding: try #require(library.render(TemplateValue(any: model), template: "main")), as: UTF8.self)
        }
        #expect(try compact("<ul>\n    <li>a</li>\n\n    <li>b  c</li>\n</ul>\n") == "<ul>\n<li>a</li>\n<li>b  c</li>\n</ul>\n")
        #expect(try compact("<p>{{a}}\n      {{b}}</p>", ["a": "x\n   y", "b": "z"]) == "<p>x\n   y\nz</p>")
        #expect(try compact("<div>\n  <pre>\n  keep\n    this\n</pre>\n  <TEXTAREA>\n  too\n</TEXTAREA>\n</div>")
                == "<div>\n<pre>\n  keep\n    this\n</pre>\n<TEXTAREA>\n  too\n</TEXTAREA>\n</div>")
        // <prefix> is not <pre>: compacted.
        #expect(try compact("<prefix>\n  a</prefix>") == "<prefix>\na</prefix>")
        // Off by default: Mustache as the spec has it.
        #expect(try render("<ul>\n    <li>a</li>\n</ul>", [:]) == "<ul>\n    <li>a</li>\n</ul>")
    }

    /// A section tag alone on its line takes the line, so the indentation of the line after it starts the next text
    /// node: it goes too when every way the page reaches it follows a line break of the template (each item of a
    /// list starts a line), and stays where an item or a variable may end the line without one.
    @Test func compactedTemplatesLoseIndentationAfterStandaloneSectionTags() throws {
        func compact(_ source: String, _ model: [String: Any] = [:]) throws -> String {
            var library = TemplateLibrary()
            library.register(try Template(source: source, compactWhitespace: true), named: "main")
            return String(decoding: try #require(library.render(TemplateValue(any: model), template: "main")), as: UTF8.self)
        }
        let list = "<tbody>\n    {{#rows}}\n    <tr><td>{{.}}</td></tr>\n    {{/rows}}\n    </tbody>\n"
        #expect(try compact(list, ["rows": ["a", "b"]]) == "<tbody>\n<tr><td>a</td></tr>\n<tr><td>b</td></tr>\n</tbody>\n")
        #expect(try compact(list, ["rows": [String]()]) == "<tbody>\n</tbody>\n")
        // Nested sections and inverted ones alike.
        #expect(try compact("<ul>\n  {{#xs}}\n  {{^hide}}\n    <li>{{.}}</li>\n  {{/hide}}\n  {{/xs}}\n</ul>", ["xs": ["1"]])
                == "<ul>\n<li>1</li>\n</ul>")
        // Items that do not end a line: the space between them shows, and is kept.
        #expect(try compact("<p>\n{{#xs}}  <b>{{.}}</b>{{/xs}}</p>", ["xs": ["a", "b"]]) == "<p>\n  <b>a</b>  <b>b</b></p>")
        // An item that ends with a variable may not end its line: the next item's spaces stay.
        #expect(try compact("<p>\n{{#xs}}\n  <b>{{.}}</b>{{v}}{{/xs}}\n</p>", ["xs": ["a", "b"], "v": "!"])
                == "<p>\n  <b>a</b>!  <b>b</b>!\n</p>")
        // The template's own line break after a variable does end the line.
        #expect(try compact("<p>{{v}}\n{{#t}}\n  <i>x</i>\n{{/t}}\n</p>", ["v": "1", "t": true]) == "<p>1\n<i>x</i>\n</p>")
        // Inside <pre> nothing changes.
        #expect(try compact("<pre>\n{{#t}}\n  code\n{{/t}}\n</pre>", ["t": true]) == "<pre>\n  code\n</pre>")
    }

    @Test func standaloneTagsTakeTheirWholeLine() throws {
        let source = "<ul>\n  {{#xs}}\n  <li>{{.}}</li>\n  {{/xs}}\n  {{! a comment }}\n</ul>\n"
        #expect(try render(source, ["xs": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        // Not standalone: text or a variable on the same line keeps the line.
        #expect(try render("a {{#x}}b{{/x}} c\n", ["x": true]) == "a b c\n")
        #expect(try render("{{v}} {{#x}}\n{{/x}}", ["v": "1", "x": false]) == "1 ")
        #expect(try render("x\r\n{{#t}}\r\ny\r\n{{/t}}\r\n", ["t": true]) == "x\r\ny\r\n")
    }

    @Test func partialsRenderInTheCurrentContext() throws {
        let partials = ["item": "<li>{{name}}</li>"]
        #expect(try render("{{#xs}}{{> item}}{{/xs}}", ["xs": [["name": "A"], ["name": "B"]]], partials: partials) == "<li>A</li><li>B</li>")
    }

    /// The text just before a value or a section is written by the tag's own instruction (`TemplateProgram`), one
    /// step of the renderer fewer; text at the end of a body or of the template stays a step of its own, as does a
    /// text too long for the instruction. The page is the same, for escaped, raw, missing and `empty(…)` values,
    /// sections that render nothing, and inside sections and blocks.
    @Test func theTextBeforeATagIsWrittenByTheTagsStep() throws {
        #expect(MemoryLayout<TemplateProgram.Instruction>.stride == 16)
        let source = "<td>{{a}}</td><td>{{{b}}}</td>{{#s}}[{{.}}]{{/s}}|{{a}}."
        // The program's pools are its memory: read while it is alive.
        func kinds(_ source: String) throws -> [TemplateProgram.Instruction.Kind] {
            try withExtendedLifetime(Template(source: source).program) { program in program.code.map { $0.kind } }
        }
        #expect(try kinds(source) == [.variable, .rawVariable, .section, .variable, .text, .variable, .text])
        let model: [String: Any] = ["a": "x<", "b": "<i>", "s": ["1", "2"], "xs": [String](), "no": false]
        #expect(try render(source, model) == "<td>x&lt;</td><td><i></td>[1][2]|x&lt;.")
        #expect(try render("a{{missing}}b{{empty(xs)}}c{{#s}}d{{/s}}e{{#no}}f{{/no}}g{{^no}}h{{/no}}", model)
            == "abtruecddegh")
        let partials = ["base": "<main>{{$body}}none{{/body}}</main>"]
        #expect(try render("{{<base}}{{$body}}<p>{{a}}</p>{{/body}}{{/base}}", model, partials: partials)
            == "<main><p>x&lt;</p></main>")
        let long = String(repeating: "-", count: Int(UInt16.max) + 1)
        #expect(try kinds(long + "{{a}}") == [.text, .variable])
        #expect(try render(long + "{{a}}", model) == long + "x&lt;")
    }

    @Test func aTemplateThatIncludesItselfStopsAtTheDepthLimit() throws {
        let output = try render("{{> main}}x", [:])
        #expect(output == String(repeating: "x", count: TemplateRenderer.maximumDepth + 1))
    }

    @Test func parentsTakeTheChildsBlocksAndTheOutermostChildWins() throws {
        let partials = [
            "base": "<title>{{$title}}Default{{/title}}</title><main>{{$body}}empty{{/body}}</main>",
            "middle": "{{<base}}{{$title}}Middle{{/title}}{{$body}}middle body{{/body}}{{/base}}",
        ]
        #expect(try render("{{<base}}{{$body}}<p>{{v}}</p>{{/body}}{{/base}}", ["v": "hi"], partials: partials)
            == "<title>Default</title><main><p>hi</p></main>")
        #expect(try render("{{<middle}}{{$title}}Child{{/title}}{{/middle}}", [:], partials: partials)
            == "<title>Child</title><main>middle body</main>")
    }

    @Test func setDelimitersChangeTheTagMarkers() throws {
        #expect(try render("{{=<% %>=}}<% v %> {{v}} <%={{ }}=%>{{v}}", ["v": "x"]) == "x {{v}} x")
    }

    @Test func syntaxErrorsSayWhereAndHowToFix() throws {
        let mismatched = try #require(syntaxError("<ul>\n{{#items}}\n<li>{{name}}</li>\n{{/itemz}}\n</ul>\n"))
        #expect(mismatched.line == 4)
        #expect(mismatched.column == 1)
        #expect(mismatched.message == "a closing tag `{{/itemz}}` does not match the section it closes, `items` (opened on line 2)")
        #expect(mismatched.hint == "close it with `{{/items}}`")

        let unclosed = try #require(syntaxError("a\n  {{#open}}\nb\n"))
        #expect((unclosed.line, unclosed.column) == (2, 3))
        #expect(unclosed.message == "a section `open` is never closed")

        let unterminated = try #require(syntaxError("ok {{title\n"))
        #expect((unterminated.line, unterminated.column) == (1, 4))
        #expect(unterminated.message == "a tag is not closed with `}}`")

        let function = try #require(syntaxError("{{#upper(x)}}{{/upper(x)}}"))
        #expect(function.message == "unknown function `upper`")

        let stray = try #require(syntaxError("x{{/nothing}}"))
        #expect(stray.message == "`{{/nothing}}` closes a section that was never opened")

        #expect(syntaxError("{{}}")?.message == "a tag has no name")
        #expect(syntaxError("{{a..b}}") != nil)
    }

    @Test func referencesListEveryPartialAndParentWithItsPlace() throws {
        let template = try Template(source: "x\n  {{> partials/header}}\n{{<layout}}{{/layout}}")
        #expect(template.references == [
            TemplateReference(kind: .partial, name: "partials/header", line: 2, column: 3),
            TemplateReference(kind: .parent, name: "layout", line: 3, column: 1),
        ])
    }

    /// Columns count characters, not bytes (the line before the tag counted by bytes when it is ASCII), and names
    /// are split and checked the same whether they are ASCII or not.
    @Test func columnsCountCharactersAndNamesNeedNotBeASCII() throws {
        let template = try Template(source: "ok\nnaïve 🙂 {{> partials/header}}\nplain {{<layout}}{{/layout}}")
        #expect(template.references == [
            TemplateReference(kind: .partial, name: "partials/header", line: 2, column: 9),
            TemplateReference(kind: .parent, name: "layout", line: 3, column: 7),
        ])
        let late = try #require(syntaxError("é\r{{#open}}"))
        #expect((late.line, late.column) == (1, 3))
        #expect(try render("{{café.été}}|{{#café}}{{été}}{{/café}}|{{empty(café.x)}}", ["café": ["été": "chaud"]]) == "chaud|chaud|true")
        #expect(syntaxError("{{a b}}")?.message == "`a b` is not a name (it contains a space)")
        #expect(syntaxError("{{#a\tb}}{{/a\tb}}")?.message == "`a\tb` is not a name (it contains a space)")
        #expect(syntaxError("{{é.}}")?.message == "`é.` is not a name (a dot with nothing on one side)")
    }

    @Test func modelsBuiltFromLiteralsConvertToTemplateValues() throws {
        let value = TemplateValue(any: ["a": [["b": "c"]], "t": ["k": "v"] as [String: String], "n": 3.5, "x": [1, "y"] as [Any]] as [String: Any])
        #expect(try render("{{#a}}{{b}}{{/a}} {{t.k}} {{n}} {{#x}}{{.}}{{/x}}", ["m": value, "a": [["b": "c"]], "t": ["k": "v"] as [String: String],
                                                                            "n": 3.5, "x": [1, "y"] as [Any]]) == "c v 3.5 1y")
    }

    @Test func objectFieldsFindEveryKeyInSmallAndLargeObjects() throws {
        for size in [0, 1, 2, 15, 16, 17, 40, 300] {
            var fields = TemplateFields()
            for index in 0..<size { fields["key_\(index)"] = .text("v\(index)") }
            #expect(fields.count == size)
            for index in 0..<size {
                guard case .text(let text)? = fields["key_\(index)"] else {
                    Issue.record("key_\(index) missing from an object of \(size)")
                    continue
                }
                #expect(text == "v\(index)")
            }
            #expect(fields["key_\(size)"] == nil)
            #expect(fields["missing"] == nil)
        }
        var fields: TemplateFields = ["a": "1", "b": "2", "a": "3"]
        #expect(fields.count == 2)
        if case .text(let text)? = fields["a"] { #expect(text == "3") } else { Issue.record("a missing") }
        fields["a"] = nil
        #expect(fields["a"] == nil && fields.count == 1)
        fields["b"] = "4"
        if case .text(let text)? = fields["b"] { #expect(text == "4") } else { Issue.record("b missing") }
        let rendered = try render("{{t.key_250}} {{t.key_3}}", ["t": TemplateFields((0..<300).map { (key: "key_\($0)", value: TemplateValue.text("v\($0)")) })])
        #expect(rendered == "v250 v3")
    }

    /// Fields placed by a `Shape` (names hashed and ordered once) are the fields a literal gives, whatever the
    /// order and number of names.
    @Test func fieldsOfAShapeAreThoseOfTheSameLiteral() throws {
        for size in [1, 2, 7, 15, 16, 17, 40] {
            let names = (0..<size).map { "field_\((size - $0) * 7 % 41)_\($0)" }
            let shape = TemplateFields.Shape(names)
            let values = names.indices.map { TemplateValue.text("v\($0)") }
            let shaped = TemplateFields(shape, contentsOf: values)
            let literal = TemplateFields(Array(zip(names, values)))
            #expect(shaped.count == size && literal.count == size)
            for (name, value) in zip(names, values) {
                guard case .text(let text)? = shaped[name], case .text(let expected) = value else {
                    Issue.record("\(name) missing from a shape of \(size)")
                    continue
                }
                #expect(text == expected)
                if case .text(let fromLiteral)? = literal[name] { #expect(fromLiteral == text) }
            }
            #expect(shaped["missing"] == nil)
        }
        let shape = TemplateFields.Shape(["name", "status", "href"])
        let row = TemplateFields(shape, ["Reach", ["key": "on_track", "label": "On track"], .null])
        #expect(try render("{{#row}}{{name}} {{#status}}{{label}}{{/status}}{{^href}}, no link{{/href}}{{/row}}",
                           ["row": row]) == "Reach On track, no link")
    }

    /// A row of a shape takes each value of its literal (moved out of it, as the period tables' rows of fourteen
    /// fields are): nested lists, objects and long texts show as given, an empty list is false, and the values stay
    /// whole after rows that held them are gone (a value released too often, or never moved, would not).
    @Test func aRowOfAShapeTakesEveryValueOfItsLiteral() throws {
        let shape = TemplateFields.Shape((0..<14).map { "f\($0)" })
        let long = String(repeating: "a text too long to be small ", count: 3)
        let nested: TemplateValue = [["x": "1", "items": ["a", .text(long)]], ["x": "2", "items": []]]
        let template = "{{#f0}}{{x}}:{{#items}}<{{.}}>{{/items}}{{^items}}none{{/items}};{{/f0}}|{{#f1}}full{{/f1}}"
            + "{{^f1}}empty{{/f1}}|{{f2}}|{{#f3}}{{inner}}{{/f3}}|{{f13}}|{{^f4}}null{{/f4}}{{#f5}}yes{{/f5}}"
        let expected = "1:<a><\(long)>;2:none;|empty|\(long)|\(long)|"
        var kept: [TemplateFields] = []
        for round in 0..<3 {
            let row = TemplateFields(shape, [
                nested, .list([]), .text(long), ["inner": .text(long)], .null, .bool(true), .bool(false), nested,
                .text(""), .list([.text(long)]), .null, "x", .object(TemplateFields()), "\(round)"])
            #expect(row.count == 14)
            #expect(try render("{{#r}}\(template){{/r}}", ["r": row]) == expected + "\(round)|nullyes")
            if round != 1 { kept.append(row) }
        }
        #expect(try kept.map { try render("{{#r}}{{f13}}{{f2}}{{/r}}", ["r": $0]) } == ["0" + long, "2" + long])
        #expect(try render("{{#n}}{{#items}}{{.}}{{/items}}{{/n}}", ["n": nested]) == "a\(long)")
    }

    /// The renderer reads texts where the model keeps them (`TemplateRenderer.TextBytes`): short texts are copied out
    /// of the String value, long ones read in place; every length, escaped or raw, gives the text's exact bytes.
    @Test func textsOfEveryLengthRenderTheirExactBytes() throws {
        let texts = ["", "a", "fifteen bytes!!", "sixteen bytes!!!", "seventeen bytes!!", "ভাগ্য & <ಕನ್ನಡ>", String(repeating: "long 'text' ", count: 40)]
        for text in texts {
            let value = TemplateValue.text(text)
            let bytes = withUnsafePointer(to: value) { pointer -> [UInt8] in
                var copied: [UInt8] = []
                TemplateRenderer.TextBytes(pointer)?.withBytes { copied = Array($0) }
                return copied
            }
            #expect(bytes == Array(text.utf8))
            #expect(try render("[{{{v}}}]", ["v": text]) == "[\(text)]")
            #expect(try render("[{{v}}]", ["v": text]) == "[\(escapeHTML(text))]")
        }
        #expect(withUnsafePointer(to: TemplateValue.bool(true)) { TemplateRenderer.TextBytes($0) } == nil)
    }

    /// A lookup with a hint (`TemplateFields.valuePointer(_:hint:)`) finds what the search finds, whatever the hint
    /// says, and leaves the hint at the key's entry; a key the object lacks is nil and leaves the hint alone.
    @Test func aLookupWithAnyHintFindsTheSameValue() {
        let names = (0..<40).map { "field\($0)" } + ["a-longer-key-than-fifteen-bytes"]
        for count in [1, 5, 16, 17, 41] {
            let fields = TemplateFields(unique: names.prefix(count).enumerated().map { ($1, TemplateValue.text("v\($0)")) })
            for (offset, name) in names.prefix(count).enumerated() {
                let key = TemplateKey(name)
                for start: UInt32 in [0, 3, 15, 16, 40, 1000, .max] {
                    var hint = start
                    let found = fields.valuePointer(key, hint: &hint)
                    guard case .text(let text)? = found?.pointee else {
                        Issue.record("\(name) not found in \(count) fields with hint \(start)")
                        continue
                    }
                    #expect(text == "v\(offset)")
                    #expect(found == fields.valuePointer(key))
                    // The hint now names the key's entry: found again at once, the same value.
                    let settled = hint
                    #expect(fields.valuePointer(key, hint: &hint) == found)
                    #expect(hint == settled)
                }
            }
            var hint: UInt32 = 2
            #expect(fields.valuePointer(TemplateKey("absent"), hint: &hint) == nil)
            #expect(hint == 2)
        }
        // A render keeps a hint per place in its templates: rows of different shapes at one place, and a row with its
        // own `t`, render what each row holds.
        let template = "{{#rows}}{{name}}={{t.label}};{{/rows}}"
        let model: [String: Any] = ["t": ["label": "L", "other": "x"], "rows": [
            ["name": "a"], ["name": "b", "t": ["label": "own"]], ["extra": "e", "more": "m", "name": "c"], ["nameless": "n"],
        ]]
        #expect((try? render(template, model)) == "a=L;b=own;c=L;=L;")
    }

    /// The hint pool lends an array to one render at a time: a new one is all zeros, one given back comes back with
    /// what the render before left in it, and two renders at once never share one.
    @Test func theHintPoolLendsEachArrayToOneRenderAtATime() {
        let pool = KeyHintPool(count: 3)
        let first = pool.take()
        #expect((0..<3).map { first[$0] } == [0, 0, 0])
        first[1] = 7
        let second = pool.take()
        #expect(second != first)
        #expect((0..<3).map { second[$0] } == [0, 0, 0])
        pool.giveBack(first)
        let again = pool.take()
        #expect(again == first)
        #expect(again[1] == 7)
        pool.giveBack(again)
        pool.giveBack(second)
    }

    /// The renderer's stack of sections starts with room for sixteen and grows: forty nested objects each find
    /// their own name and the outermost one's, at every depth, and the stack is back at the root after them.
    @Test func sectionsNestedDeeperThanTheStacksFirstRoomRenderEveryLevel() throws {
        var model: [String: Any] = ["n": "40", "root": "R"]
        for level in (1..<40).reversed() { model = ["n": String(level), "inner": model] }
        model["root"] = "R"
        var source = ""
        for _ in 0..<40 { source += "{{n}}{{root}}{{#inner}}" }
        source += String(repeating: "{{/inner}}", count: 40) + "|{{n}}"
        let expected = (1...40).map { "\($0)R" }.joined() + "|1"
        #expect(try render(source, model) == expected)
    }

    /// The library links each template's partials and parents to their slots when templates are registered: a
    /// partial registered after the template that names it is found, and one registered again under the same name
    /// replaces the first everywhere.
    @Test func partialsRegisteredLaterOrAgainAreTheOnesRendered() throws {
        var library = TemplateLibrary()
        library.register(try Template(source: "<{{> item}}|{{< frame}}{{$body}}B{{/body}}{{/frame}}>"), named: "main")
        #expect(library.render(TemplateValue(any: ["v": "x"]), template: "main").map { String(decoding: $0, as: UTF8.self) } == "<|>")
        library.register(try Template(source: "old {{v}}"), named: "item")
        library.register(try Template(source: "[{{$body}}default{{/body}}]"), named: "frame")
        library.register(try Template(source: "new {{v}}"), named: "item")
        let page = try #require(library.render(TemplateValue(any: ["v": "x"]), template: "main"))
        #expect(String(decoding: page, as: UTF8.self) == "<new x|[B]>")
    }

    /// Sections read lists and objects in place: nested lists, the same list twice, and names that reach out of
    /// an item to the page render as before.
    @Test func nestedListsAndOuterNamesRenderFromTheModelInPlace() throws {
        let model: [String: Any] = ["title": "T", "rows": [["name": "a", "cells": ["1", "2"]], ["name": "b", "cells": [String]()]]]
        #expect(try render("{{#rows}}{{name}}{{title}}:{{#cells}}<{{.}}>{{/cells}};{{/rows}}|{{#rows}}{{name}}{{/rows}}", model)
            == "aT:<1><2>;bT:;|ab")
    }

    /// Escaping reads blocks of sixteen bytes (a longer text's last sixteen overlapping the block before), words of
    /// eight and then the last one to seven bytes as one word: a character to escape at any place of any length is
    /// escaped, short texts stored whole included.
    @Test func escapingFindsTheFiveCharactersAtEveryPlace() throws {
        for length in Array(1...20) + [31, 32, 33, 40, 47, 48, 49, 64, 65] {
            for place in 0..<length {
                for special in ["&", "<", ">", "\"", "'"] {
                    var characters = Array(repeating: "x", count: length)
                    characters[place] = special
                    let text = characters.joined()
                    #expect(try render("{{v}}", ["v": text]) == referenceEscapeHTML(text))
                    var out: [UInt8] = []
                    appendEscapedHTML(text, to: &out)
                    #expect(String(decoding: out, as: UTF8.self) == referenceEscapeHTML(text))
                    #expect(escapeHTML(text) == referenceEscapeHTML(text))
                }
            }
        }
    }

    /// Fields made from a Dictionary's pairs (the interface labels) find every key, as fields built one by one do.
    @Test func fieldsFromUniquePairsFindEveryKey() {
        let pairs = (0..<500).map { ("label_\($0)", TemplateValue.text("text \($0)")) }
        let fields = TemplateFields(unique: pairs)
        #expect(fields.count == 500)
        for (key, _) in pairs {
            if case .text(let text)? = fields[key] { #expect(text == "text " + key.dropFirst("label_".count)) } else { Issue.record("\(key) missing") }
        }
        #expect(fields["label_500"] == nil)
        let labels = Labels(language: "bn", translations: ["en": ["a": "A", "b": "B"], "bn": ["a": "ক"]])
        #expect(labels["a"] == "ক")
        #expect(labels["b"] == FallbackMark.wrap("B", language: "en"))
        #expect(labels["c"] == "c")
    }

    /// A key holds its text's bits with no reference count: a text read at run time (not small, not a literal)
    /// outlives the String it came from, equals the same text from a literal or another run-time String, and finds
    /// the field; a short text held in heap storage is held as the small string of its bytes.
    @Test func keysFromTextsReadAtRunTimeOutliveThemAndMatchLiterals() throws {
        func runTime(_ text: String) -> String {
            var stored = text + String(repeating: "-", count: 32)
            stored.removeLast(32)
            return stored
        }
        var key: TemplateKey?
        do {
            let text = runTime("contributions_to_collective")
            key = TemplateKey(text)
        }
        let lasting = try #require(key)
        #expect(lasting.text == "contributions_to_collective")
        #expect(lasting == TemplateKey("contributions_to_collective"))
        #expect(lasting == TemplateKey(runTime("contributions_to_collective")))
        #expect(lasting != TemplateKey("contributions_to_collectivE"))
        let fields: TemplateFields = ["contributions_to_collective": "found", "other": "x"]
        if case .text(let found)? = fields[lasting] { #expect(found == "found") } else { Issue.record("no field for \(lasting.text)") }
        let short = TemplateKey(runTime("value"))
        #expect(short.text == "value")
        #expect(short == TemplateKey("value"))
        #expect(["value", "long enough to be stored"].map { TemplateKey(runTime($0)).text } == ["value", "long enough to be stored"])
    }

    /// A short key is hashed from the String's own words when it is a small string; the same text held in heap
    /// storage (a long string cut short) or read as bytes must hash the same, or lookups would miss.
    @Test func hashesOfShortTextsDoNotDependOnTheirForm() {
        for text in ["", "a", "value", "eight by", "nine byte", "fifteen bytes!!", "ভাগ্য", "sixteen bytes!!!", String(repeating: "k", count: 40)] {
            var stored = text + String(repeating: "-", count: 32)
            stored.removeLast(32)
            #expect(stored == text)
            var bytes = Array(text.utf8)
            let fromBytes = bytes.withUnsafeMutableBufferPointer { TemplateKey.hash(bytes: UnsafeBufferPointer($0)) }
            #expect(TemplateKey(text).hash == fromBytes)
            #expect(TemplateKey(stored).hash == fromBytes)
        }
        #expect(TemplateKey("period").hash != TemplateKey("periods").hash)
    }
}
