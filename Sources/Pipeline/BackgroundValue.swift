import Dispatch

/// A value made on another thread from the moment it is asked for, and waited for where it is
/// needed: the templates and the indicator catalogue are parsed while the data is read.
///
/// `@unchecked Sendable`: `result` is written once, by the background thread, before it signals;
/// it is read only after waiting for that signal.
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<Value, any Error>?

  init(_ make: @escaping @Sendable () throws -> Value) {
    DispatchQueue.global().async { [self] in
      result = Result { try make() }
      done.signal()
    }
  }

  /// The value, or the error making it threw; waits until it is made.
  func get() throws -> Value {
    done.wait()
    done.signal()
    return try result!.get()
  }
}
