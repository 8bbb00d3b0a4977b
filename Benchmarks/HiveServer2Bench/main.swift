// Per-task overhead of the native HiveServer2 client: N × (connect + SASL + OpenSession + `SELECT 1`
// (execute, poll, metadata, fetch) + CloseSession + close), then N × the session alone. Prints, for each,
// `NAME N WALL_MS CPU_MS` per task (CPU = this client's own) for scripts/bench-hiveserver2.
// Usage: bench-hiveserver2 JDBC_URL [N]
import Basics
import Glibc
import HiveServer2

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    print("usage: bench-hiveserver2 JDBC_URL [N]")
    throw BenchError.usage
}
enum BenchError: Error { case usage, wrongAnswer(String) }

let url = try HiveJDBCURL(parsing: arguments[1])
let count = arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20
let options = HiveServer2Options(url: url, user: "pdm")

func oneTask() async throws {
    let session = try await HiveServer2Session.open(options, configuration: ["use:database": url.database])
    let operation = try await session.execute("SELECT 1")
    _ = try await session.waitUntilDone(operation) { _ in try await Task.sleep(for: .milliseconds(5)) }
    _ = try await session.metadata(of: operation)
    let (rows, _) = try await session.fetch(operation)
    guard rows.rows == [[.int(1)]] else { throw BenchError.wrongAnswer("\(rows.rows)") }
    try await session.closeOperation(operation)
    try await session.closeSession()
    await session.connection.close()
}

/// Connect + SASL + OpenSession + CloseSession only: the part of a task's overhead that is the client's.
func sessionOnly() async throws {
    let session = try await HiveServer2Session.open(options, configuration: ["use:database": url.database])
    try await session.closeSession()
    await session.connection.close()
}

/// This process's CPU time (user + system) in milliseconds: the client's own cost, whatever the server does.
func cpuMilliseconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec) / 1000
    let system = Double(usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_stime.tv_usec) / 1000
    return user + system
}

/// Wall and CPU milliseconds per call of `body`.
func millisecondsPerCall(_ body: () async throws -> Void) async throws -> (wall: Double, cpu: Double) {
    let cpu0 = cpuMilliseconds()
    let elapsed = try await ContinuousClock().measure {
        for _ in 0..<count { try await body() }
    }
    let (seconds, attoseconds) = elapsed.components
    let wall = (Double(seconds) * 1000 + Double(attoseconds) / 1e15) / Double(count)
    return (wall, (cpuMilliseconds() - cpu0) / Double(count))
}

try await oneTask()  // warm-up: the first session on a server pays its lazy initialisation
let task = try await millisecondsPerCall(oneTask)
let session = try await millisecondsPerCall(sessionOnly)
print("native \(count) \(task.wall) \(task.cpu)")
print("session \(count) \(session.wall) \(session.cpu)")
