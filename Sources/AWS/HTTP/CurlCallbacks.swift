import CCurl

/// libcurl's callbacks: C function pointers without captures; the transfer arrives as userdata.
enum CurlCallbacks {
    static let body: pdm_curl_data_callback = { data, size, count, userdata in
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
        let length = size * count
        if let data { data.withMemoryRebound(to: UInt8.self, capacity: length) { transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) } }
        return length
    }

    static let header: pdm_curl_data_callback = { data, size, count, userdata in
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
        let length = size * count
        if let data {
            let bytes = UnsafeRawBufferPointer(start: data, count: length)
            transfer.headerLines.append(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .newlines))
        }
        return length
    }

    /// A non-zero return aborts the transfer with CURLE_ABORTED_BY_CALLBACK.
    static let progress: pdm_curl_progress_callback = { userdata, _, _, _, _ in
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
        return transfer.cancelled.load(ordering: .relaxed) ? 1 : 0
    }
}
