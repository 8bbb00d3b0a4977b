import CCurl
import Foundation

/// Owns one `CURL*` easy handle and frees it in `deinit`. Used by one transfer at a time (it is taken out
/// of the client's pool for the transfer), which is what libcurl requires of an easy handle.
final class CurlEasy: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer

    init?() {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
    }

    deinit { curl_easy_cleanup(handle) }

    func perform(_ request: HTTPRequest, timeouts: HTTPTimeouts, transfer: CurlTransfer) -> Result<HTTPResponse, CurlFailure> {
        curl_easy_reset(handle)  // clears options, keeps the connection cache
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        // libcurl adds `Expect: 100-continue` to large bodies and a form Content-Type to any body: neither is ours.
        headerList = curl_slist_append(headerList, "Expect:")
        if request.header("Content-Type") == nil { headerList = curl_slist_append(headerList, "Content-Type:") }

        let userdata = Unmanaged.passUnretained(transfer).toOpaque()
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            _ = pdm_curl_setopt_string(handle, CURLOPT_URL, request.url)
            _ = pdm_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)  // required with threads
            _ = pdm_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(timeouts.connect * 1000))
            _ = pdm_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(timeouts.total * 1000))
            _ = pdm_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errors.baseAddress)
            _ = pdm_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
            _ = pdm_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, CurlCallbacks.body)
            _ = pdm_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, userdata)
            _ = pdm_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, CurlCallbacks.header)
            _ = pdm_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, userdata)
            _ = pdm_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
            _ = pdm_curl_setopt_progress_callback(handle, CurlCallbacks.progress)
            _ = pdm_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, userdata)
            switch request.method {
            case "GET":
                _ = pdm_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
            case "HEAD":
                _ = pdm_curl_setopt_long(handle, CURLOPT_NOBODY, 1)
            default:
                _ = pdm_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
                if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
                    _ = pdm_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
                    _ = request.body.withUnsafeBytes { bytes in
                        // COPYPOSTFIELDS copies, so the body need not outlive this call; never pass NULL.
                        pdm_curl_setopt_pointer(
                            handle, CURLOPT_COPYPOSTFIELDS,
                            UnsafeMutableRawPointer(mutating: bytes.baseAddress ?? UnsafeRawPointer(("" as StaticString).utf8Start)))
                    }
                }
            }
            return curl_easy_perform(handle)
        }
        _ = pdm_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil)

        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            switch code {
            case CURLE_OPERATION_TIMEDOUT:
                return .failure(CurlFailure(kind: .timeout, message: message, seconds: timeouts.total))
            case CURLE_ABORTED_BY_CALLBACK:
                return .failure(CurlFailure(kind: .cancelled, message: message, seconds: 0))
            default:
                return .failure(CurlFailure(kind: .transport, message: message, seconds: 0))
            }
        }
        var status = 0
        _ = pdm_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: Self.parseHeaders(transfer.headerLines), body: Data(transfer.body)))
    }

    /// Header lines of the last response block (a `100 Continue` block is replaced by the final one).
    static func parseHeaders(_ lines: [String]) -> [HTTPHeader] {
        var headers: [HTTPHeader] = []
        for line in lines {
            if line.hasPrefix("HTTP/") { headers = []; continue }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            headers.append(HTTPHeader(String(line[..<colon]), value))
        }
        return headers
    }
}
