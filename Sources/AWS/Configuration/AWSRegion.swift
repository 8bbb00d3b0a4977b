/// Region resolution: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `region` of the profile in the config files.
public enum AWSRegion {
    public static func resolve(explicit: String? = nil, environment: [String: String]) throws(AWSError) -> String {
        for candidate in [explicit, environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"]] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        if let region = try SharedConfigFiles(environment: environment).profileValues()?["region"], !region.isEmpty {
            return region
        }
        throw .missingRegion
    }
}
