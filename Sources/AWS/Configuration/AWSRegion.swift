/// Region resolution, first that names one: the explicit value (`--aws-region`), `AWS_REGION`,
/// `AWS_DEFAULT_REGION`, `region` of the profile in the shared config file, then the instance's own region from
/// IMDSv2 (as on EMR, where nothing else usually sets it; `AWS_EC2_METADATA_DISABLED=true` skips it).
public enum AWSRegion {
    public static func resolve(explicit: String? = nil, environment: [String: String]) throws(AWSError) -> String {
        for candidate in [explicit, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"]] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        if let region = try SharedConfigFiles(environment: environment).profileValues()?["region"], !region.isEmpty {
            return region
        }
        guard let metadata = try InstanceMetadataRegion.fromEnvironment(environment) else {
            throw .missingRegion(metadata: "disabled by AWS_EC2_METADATA_DISABLED")
        }
        do {
            return try metadata.region()
        } catch {
            throw .missingRegion(metadata: error.description)
        }
    }
}
