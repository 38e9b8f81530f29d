/// A value kept behind one reference and copied on write, as arrays are.
///
/// Results and indicators are copied many times by the pages, on both cores, and each copy of a struct retains every
/// reference in it: an atomic write per string or array. Fields that are rarely written (an indicator's texts, a
/// period's lists) are kept in one `SharedValue`, so a copy retains one reference instead of eight.
struct SharedValue<Value: Hashable & Sendable>: Hashable, Sendable {
    // Written only through `value`'s `_modify`, which copies the box first unless this is its only holder: a box
    // two holders share is never written, which is what makes the unchecked `Sendable` sound.
    private final class Box: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(_ value: Value) { box = Box(value) }

    var value: Value {
        // `_read` lends the value in place, so reading one field does not copy (and retain) the others.
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    static func == (a: SharedValue, b: SharedValue) -> Bool { a.box === b.box || a.box.value == b.box.value }

    func hash(into hasher: inout Hasher) { box.value.hash(into: &hasher) }
}
