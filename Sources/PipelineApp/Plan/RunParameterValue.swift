/// How a run-parameter flag's value is read. The DWP EMR launcher sends every run parameter on every call and
/// fills the ones its trigger did not carry with the literal `NOT_SET`; the original pipeline then behaved as if
/// the parameter were absent. So `NOT_SET` is "not given": the parameter takes the default an absent flag gets
/// (correlation_id: none, `run` refuses; s3_prefix and snapshot_type: the pipeline's `param` default;
/// export_date: today, UTC).
public enum RunParameterValue {
    public static let notSet = "NOT_SET"

    /// `value`, or nil when it is absent or the launcher's `NOT_SET`.
    public static func given(_ value: String?) -> String? {
        value == notSet ? nil : value
    }
}
