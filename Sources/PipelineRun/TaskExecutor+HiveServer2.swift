import Foundation
import HiveServer2
import HiveServer2Engine
import PipelinePlan
import PipelineState

/// `engine hiveserver2`: the task's HQL over one HiveServer2 session inside the runner. No process: a timeout,
/// a signal or a lost lease cancels the Swift task, and the engine sends CancelOperation and CloseSession within
/// the grace period, so the query stops on the server too (killing beeline leaves it running there).
extension TaskExecutor {
    func executeNative(_ task: PlanTask, attempt: Int, of attempts: Int, logFile: URL, timeout: Duration?) async -> Attempt {
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
        let log: HiveServer2Engine.Log = { [outputMask] line in TaskExecutor.append(logFile, outputMask.apply(line)) }
        let failure = await Self.failure(of: { try await HiveServer2Engine().run(source, task: native, log: log) }, timeout: timeout)
        guard let failure else { return .success }
        appendLog(logFile, failure)
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
            throw NativeTaskError("hiveserver2: \(outputMask.apply(connection.url)): \(error)")
        }
        var password: String?
        if let file = connection.passwordFile {
            guard let data = FileManager.default.contents(atPath: resolved(file)),
                let text = String(data: data, encoding: .utf8)
            else { throw NativeTaskError("hiveserver2: cannot read password_file \(file)") }
            password = String(text.prefix { $0 != "\n" && $0 != "\r" })
        }
        let options = HiveServer2Options(url: url, user: connection.user, password: password, caFile: connection.caFile.map(resolved))
        var hivevars = url.hiveVariables
        for v in task.hivevars { hivevars[v.key] = v.value }
        var hiveconf = url.hiveConf
        for v in task.hiveconf { hiveconf[v.key] = v.value }
        return HiveServer2Task(
            options: options, database: url.database, hivevars: hivevars, hiveconf: hiveconf,
            secretHivevars: Set(task.hivevars.filter(\.isSecret).map(\.key)), cancelGrace: gracePeriod)
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

    private func resolved(_ path: String) -> String {
        guard !path.hasPrefix("/"), let workingDirectory else { return path }
        return URL(fileURLWithPath: workingDirectory).appendingPathComponent(path).path
    }
}

struct NativeTaskError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
