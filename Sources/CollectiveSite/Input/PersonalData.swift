/// Column names that look like personal data. These sites publish about vulnerable people (garment workers,
/// waste pickers), so results data must not carry names, phone numbers or addresses unless a site says a
/// column is safe (`allow_personal_columns` in site.yaml).
enum PersonalData {
    /// Whole words (after splitting `beneficiary_name`, `Phone No.`, `dateOfBirth`) that mark personal data.
    private static let words: Set<String> = [
        "name", "names", "firstname", "lastname", "surname", "fullname", "givenname", "phone", "mobile", "telephone",
        "tel", "cell", "email", "mail", "address", "addr", "street", "dob", "birth", "birthday", "birthdate",
        "nid", "aadhaar", "aadhar", "passport", "ssn", "gps", "latitude", "longitude", "whatsapp", "contact",
    ]
    /// Fragments that mark personal data even inside a longer word (`emailid`, `phoneno`).
    private static let fragments = ["phone", "email", "e-mail", "address", "birth", "passport", "aadhaar", "aadhar"]

    static func looksPersonal(_ column: String, allowed: [String] = []) -> Bool {
        let lowered = column.lowercased()
        if allowed.contains(where: { $0.lowercased() == lowered }) { return false }
        if fragments.contains(where: { lowered.contains($0) }) { return true }
        return splitWords(column).contains { words.contains($0) || ($0.count > 4 && $0.hasSuffix("name")) }
    }

    /// `beneficiary_name` → [beneficiary, name]; `dateOfBirth` → [date, of, birth].
    static func splitWords(_ column: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previousWasLower = false
        for character in column {
            if !(character.isLetter || character.isNumber) {
                if !current.isEmpty { result.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase, previousWasLower, !current.isEmpty {
                result.append(current)
                current = ""
            }
            current += character.lowercased()
            previousWasLower = character.isLowercase
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
