import Synchronization

/// A value handed to a task once: the task takes it out, so it goes when the task is done with
/// it rather than when the task itself is let go (a task keeps what its closure captured).
package final class Parcel<Value: Sendable>: Sendable {
    private let value: Mutex<Value?>

    package init(_ value: Value) { self.value = Mutex(value) }

    /// The value, the first time; `nil` after.
    package func take() -> Value? {
        value.withLock { value in
            defer { value = nil }
            return value
        }
    }
}
