"""A fault-injecting HTTP proxy in front of moto_server, for the DynamoDB fault suite (scripts/fault-dynamodb).

Forwards each request unchanged (the Host header too, so SigV4 signatures still verify) to the upstream
server. One fault window per proxy: it opens at the `occurrence`-th write of kind `kind` and lasts `window`
seconds; every request that arrives while it is open (reads and writes, as in a real outage) gets the fault:

  500       HTTP 500 with DynamoDB's InternalServerError JSON body
  throttle  HTTP 400 with the ThrottlingException JSON body
  reset     the connection is reset (RST) without an answer; nothing reaches moto
  lost      forwarded to moto (a write is applied), then the connection is reset: the answer is lost

Write kinds are told apart by what they change: `begin` (PutItem), `step-start` (sets CurrentStep),
`task` (sets Completed_Tasks), `step-failed` (sets Continued_Failures or Status FAILED), `finish` (removes
Lease_Expires_At), `lease` (sets only Lease_Expires_At). Standard library only.
"""
import http.client
import json
import re
import socket
import struct
import threading
import time

KINDS = ["begin", "step-start", "task", "step-failed", "finish", "lease"]
MODES = ["500", "throttle", "reset", "lost"]
BOOKKEEPING = {"Updated_At", "TimeToExist", "Record_Version"}

THROTTLE = json.dumps({
    "__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException",
    "message": "Rate of requests exceeds the allowed throughput.",
}).encode()
INTERNAL = json.dumps({
    "__type": "com.amazonaws.dynamodb.v20120810#InternalServerError",
    "message": "Internal server error (injected)",
}).encode()


def classify(operation, body):
    """The kind of a DynamoDB call: one of KINDS, `read`, or `other`; plus the CurrentStep it sets, if any."""
    if operation == "GetItem":
        return "read", None
    if operation == "PutItem":
        return "begin", None
    if operation != "UpdateItem":
        return "other", None
    try:
        request = json.loads(body)
    except ValueError:
        return "other", None
    names = request.get("ExpressionAttributeNames", {})
    values = request.get("ExpressionAttributeValues", {})
    expression = request.get("UpdateExpression", "")
    set_part, _, remove_part = expression.partition(" REMOVE ")
    assigned = {names.get(n, n): values.get(v) for n, v in re.findall(r"(#\w+) = (:\w+)", set_part)}
    removed = {names.get(n, n) for n in re.findall(r"#\w+", remove_part)}
    step = (assigned.get("CurrentStep") or {}).get("S")
    if "Lease_Expires_At" in removed:
        return "finish", step
    if "Continued_Failures" in assigned or assigned.get("Status") == {"S": "FAILED"}:
        return "step-failed", step
    if "CurrentStep" in assigned:
        return "step-start", step
    if "Completed_Tasks" in assigned:
        return "task", step
    if set(assigned) - BOOKKEEPING == {"Lease_Expires_At"}:
        return "lease", step
    return "other", step


class FaultProxy:
    """Listens on 127.0.0.1 (a free port); `start()` serves in daemon threads, `stop()` stops accepting."""

    def __init__(self, upstream, kind, mode, window, occurrence=1):
        assert kind in KINDS and mode in MODES
        match = re.match(r"http://([^:/]+):(\d+)", upstream)
        self.upstream = (match.group(1), int(match.group(2)))
        self.kind, self.mode, self.window, self.occurrence = kind, mode, window, occurrence
        self.lock = threading.Lock()
        self.seen = 0
        self.opened = None  # monotonic time the window opened
        self.trigger_step = None  # the CurrentStep the triggering write set, if any
        self.faulted = 0  # requests that got the fault
        self.applied = {}  # kind -> writes moto answered 200 (applied), whether or not the answer got through
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.url = "http://127.0.0.1:%d" % self.port

    def start(self):
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self):
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()

    def summary(self):
        with self.lock:
            return {"window_opened": self.opened is not None, "trigger_step": self.trigger_step,
                    "faulted": self.faulted, "applied": dict(self.applied)}

    def _fault_for(self, kind, step):
        with self.lock:
            now = time.monotonic()
            if self.opened is None and kind == self.kind:
                self.seen += 1
                if self.seen == self.occurrence:
                    self.opened = now
                    self.trigger_step = step
            if self.opened is not None and now < self.opened + self.window:
                self.faulted += 1
                return self.mode
            return None

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        reader = client.makefile("rb")
        try:
            while True:
                request = _read_request(reader)
                if request is None:
                    return
                method, path, headers, body = request
                operation = dict((k.lower(), v) for k, v in headers).get("x-amz-target", "").split(".")[-1]
                kind, step = classify(operation, body)
                fault = self._fault_for(kind, step)
                if fault == "reset":
                    return _reset(client, reader)
                if fault in ("500", "throttle"):
                    status, body_out = (500, INTERNAL) if fault == "500" else (400, THROTTLE)
                    _respond(client, status, [("Content-Type", "application/x-amz-json-1.0")], body_out)
                    continue
                status, out_headers, out_body = self._forward(method, path, headers, body)
                if status == 200:
                    with self.lock:
                        self.applied[kind] = self.applied.get(kind, 0) + 1
                if fault == "lost":
                    return _reset(client, reader)
                _respond(client, status, out_headers, out_body)
        except OSError:
            return
        finally:
            reader.close()
            try:
                client.close()
            except OSError:
                pass

    def _forward(self, method, path, headers, body):
        connection = http.client.HTTPConnection(*self.upstream, timeout=30)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in headers:
                if name.lower() not in ("connection", "keep-alive"):
                    connection.putheader(name, value)
            connection.endheaders(body)
            response = connection.getresponse()
            data = response.read()
            kept = [(k, v) for k, v in response.getheaders()
                    if k.lower() not in ("content-length", "transfer-encoding", "connection", "keep-alive")]
            return response.status, kept, data
        finally:
            connection.close()


def _read_request(reader):
    line = reader.readline()
    if not line:
        return None
    method, path, _ = line.decode("latin-1").split(" ", 2)
    headers = []
    while True:
        header = reader.readline().decode("latin-1").rstrip("\r\n")
        if not header:
            break
        name, _, value = header.partition(":")
        headers.append((name.strip(), value.strip()))
    length = int(dict((k.lower(), v) for k, v in headers).get("content-length", "0"))
    body = reader.read(length) if length else b""
    return method, path, headers, body


def _respond(client, status, headers, body):
    head = "HTTP/1.1 %d %s\r\n" % (status, http.client.responses.get(status, "Status"))
    for name, value in headers:
        head += "%s: %s\r\n" % (name, value)
    head += "Content-Length: %d\r\n\r\n" % len(body)
    client.sendall(head.encode("latin-1") + body)


def _reset(client, reader):
    """Closes with RST: SO_LINGER 0, so the client sees a reset, not an orderly end. The reader goes first:
    the descriptor is only closed once no file object holds it."""
    reader.close()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()
