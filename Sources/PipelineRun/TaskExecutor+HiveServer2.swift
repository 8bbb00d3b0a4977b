import Basics
import Foundation
import HiveServer2
import HiveServer2Engine
import PipelinePlan
import PipelineState

/// `engine hiveserver2`: the task's HQL over one HiveServer2 session inside the runner. No process: a timeout,
/// a signal or a lost lease cancels the Swift task, and the engine sends CancelOperation and CloseSession within
/// the grace period, so the query stops on the server too (killing beeline leaves it running there); a silent
/// server holds the task no longer than the grace period.
///
/// The password read from `password_file` is a secret like any other: masked in the task log and in the failure
/// reason (which the terminal, the JSON log, the timeline and the state record show), as is everything the
/// server says; what the server says is also made one line, control characters escaped.
extension TaskExecutor {
    func executeNative(_ task: PlanTask, attempt: Int, of attempts: Int, logFile: URL, timeout: Duration?) async -> AttemptOutcome {
        appendLog(logFile, "=== attempt \(attempt)/\(attempts) at \(stamp()): \(PlanDisplay(plan).session(task))")
        let native: HiveServer2Task
        let source: String
        do {
            native = try nativeTask(task)
            source = try hql(task)
        } catch {
            appendLog(logFile, error.description)
            return .failure(error.description, retryable: false)
        }
        let mask = SecretMask(secrets: outputMask.secrets + [native.options.password].compactMap { $0 })
        guard let writer = TaskLogWriter(logFile, mask: mask) else {
            let message = "hiveserver2: cannot open the task log \(logFile.path)"
            return .failure(message, retryable: false)
        }
        defer { writer.close() }
        let failure = await Self.failure(
            of: { try await HiveServer2Engine().run(source, task: native, log: writer.append) }, timeout: timeout, mask: mask,
            timer: clock.timer)
        guard let failure else { return .success }
        writer.append(failure)
        // As with beeline's exit code: a failed statement or a refused connection is retried like any failure.
        return .failure(failure, retryable: true)
    }

    /// The connection (URL, user, password from its file, CA) and the session settings beeline would send.
    func nativeTask(_ task: PlanTask) throws(NativeTaskError) -> HiveServer2Task {
        let connection = plan.engines.hiveServer2
        let url: HiveJDBCURL
        do {
            url = try HiveJDBCURL(parsing: connection.url)
        } catch {
            // The planner refuses such a URL first; the URL itself is not repeated (it may hold a credential).
            throw NativeTaskError("hiveserver2: the JDBC URL is unusable: \(error)")
        }
        if let key = url.passwordVariable {
            throw NativeTaskError("hiveserver2: the JDBC URL holds a password (;\(key)=): use password_file")
        }
        let password = try Self.password(connection, resolvedPath: connection.passwordFile.map(resolved))
        let options = HiveServer2Options(
            url: url, user: connection.user, password: password, caFile: connection.caFile.map(resolved),
            allowPlaintextPassword: connection.allowPlaintextPassword)
        if options.refusesPlaintextPassword {
            throw NativeTaskError(
                "hiveserver2: refusing to send the password of password_file \(connection.passwordFile ?? "") without TLS: "
                    + "use ssl=true in the URL, or allow_plaintext_password true in the hiveserver2 block")
        }
        var hivevars = url.hiveVariables
        for v in task.hivevars { hivevars[v.key] = v.value }
        var hiveconf = url.hiveConf
        for v in task.hiveconf { hiveconf[v.key] = v.value }
        return HiveServer2Task(
            options: options, database: url.database, hivevars: hivevars, hiveconf: hiveconf,
            secretHivevars: Set(task.hivevars.filter(\.isSecret).map(\.key)), cancelGrace: gracePeriod)
    }

    /// The first line of `password_file` (nil when there is none): read when a task connects, so a rotated
    /// password is picked up by the next task.
    static func password(_ connection: HiveServer2Endpoint, resolvedPath: String?) throws(NativeTaskError) -> String? {
        guard let file = connection.passwordFile, let path = resolvedPath else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw NativeTaskError("hiveserver2: cannot read password_file \(file)")
        }
        return String(text.prefix { $0 != "\n" && $0 != "\r" })
    }

    /// The task's HQL text: the file (as `hive -f` reads it, relative to the run's working folder) or the statement.
    func hql(_ task: PlanTask) throws(NativeTaskError) -> String {
        switch task.work {
        case .hqlFile(let path, _):
            guard let data = FileManager.default.contents(atPath: resolved(path)) else {
                throw NativeTaskError("hiveserver2: cannot read \(path)")
            }
            guard let text = String(data: data, encoding: .utf8) else { throw NativeTaskError("hiveserver2: \(path) is not UTF-8") }
            return text
        case .hqlStatement(let sql):
            return sql
        case .command, .action:
            throw NativeTaskError("hiveserver2: not an HQL task")
        }
    }

    func resolved(_ path: String) -> String {
        guard !path.hasPrefix("/"), let workingDirectory else { return path }
        return URL(fileURLWithPath: workingDirectory).appendingPathComponent(path).path
    }
}

struct NativeTaskError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
