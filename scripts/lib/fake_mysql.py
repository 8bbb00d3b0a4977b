#!/usr/bin/env python3
"""A hostile MySQL server on 127.0.0.1 for the metastore's "no clear-text password" tests.

It greets like a MySQL 5.7 server without TLS, lets the client answer the handshake, then sends an
AuthSwitchRequest to a plugin of its choice and records every byte the client sends afterwards. The
client under test must refuse the switch; whatever it sends anyway is reported, so the caller can look
for its canary password.

    fake_mysql.py --switch mysql_clear_password [--switch dialog ...] [--connections N]

Prints `port N` first, then one JSON line per connection:
    {"switch": PLUGIN, "received": HEX, "recovered": HEX|null, "publicKeyRequested": BOOL}
`received` is everything the client sent (handshake response included); `recovered` is what an attacker
decrypts from a caching_sha2_password/sha256_password RSA exchange (the password, when the client fell
for it). Connections take the --switch plugins in turn. Exits after N connections or when stdin closes.
"""
import argparse
import json
import os
import socket
import struct
import sys
import threading

CAPABILITIES = (
    0x00000001  # CLIENT_LONG_PASSWORD (also "this is MySQL, not MariaDB" for libmariadb)
    | 0x00000004  # CLIENT_LONG_FLAG
    | 0x00000008  # CLIENT_CONNECT_WITH_DB
    | 0x00000200  # CLIENT_PROTOCOL_41
    | 0x00002000  # CLIENT_TRANSACTIONS
    | 0x00008000  # CLIENT_SECURE_CONNECTION
    | 0x00080000  # CLIENT_PLUGIN_AUTH
    | 0x00200000  # CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA
)  # no CLIENT_SSL: a plaintext server
SCRAMBLE = b"0123456789abcdefghij"  # 20 bytes; fixed, so an RSA payload can be un-XORed


def packet(seq, payload):
    return struct.pack("<I", len(payload))[:3] + bytes([seq & 0xFF]) + payload


def handshake():
    return (
        b"\x0a" + b"5.7.99-fake\x00" + struct.pack("<I", 7) + SCRAMBLE[:8] + b"\x00"
        + struct.pack("<H", CAPABILITIES & 0xFFFF) + b"\x21" + struct.pack("<H", 2)
        + struct.pack("<H", CAPABILITIES >> 16) + bytes([21]) + b"\x00" * 10
        + SCRAMBLE[8:] + b"\x00" + b"mysql_native_password\x00"
    )


def switch_request(plugin):
    if plugin == "dialog":
        data = bytes([4 | 1]) + b"Password: "  # PASSWORD_QUESTION | LAST_QUESTION
    elif plugin == "mysql_clear_password":
        data = b""
    else:
        data = SCRAMBLE + b"\x00"
    return b"\xfe" + plugin.encode() + b"\x00" + data


class Recorder:
    """Reads whole packets and keeps every byte the client sends."""

    def __init__(self, conn):
        self.conn = conn
        self.received = bytearray()

    def read_packet(self):
        header = self._exactly(4)
        if header is None:
            return None, None
        length = header[0] | header[1] << 8 | header[2] << 16
        body = self._exactly(length) if length else b""
        if body is None:
            return None, None
        return header[3], bytes(body)

    def _exactly(self, count):
        data = bytearray()
        while len(data) < count:
            try:
                chunk = self.conn.recv(count - len(data))
            except OSError:
                return None
            if not chunk:
                return None
            data += chunk
            self.received += chunk
        return bytes(data)


def rsa_exchange(recorder, conn, seq, key):
    """Plays the server side of caching_sha2/sha256 full authentication with our own key."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    conn.sendall(packet(seq, b"\x01" + pem))
    seq, body = recorder.read_packet()
    if body is None:
        return None
    try:
        plain = key.decrypt(body, padding.OAEP(
            mgf=padding.MGF1(algorithm=hashes.SHA1()), algorithm=hashes.SHA1(), label=None))
    except ValueError:
        return None
    return bytes(b ^ SCRAMBLE[i % len(SCRAMBLE)] for i, b in enumerate(plain))


def serve(conn, plugin, key):
    recorder = Recorder(conn)
    result = {"switch": plugin, "recovered": None, "publicKeyRequested": False}
    conn.settimeout(10)
    try:
        conn.sendall(packet(0, handshake()))
        seq, _ = recorder.read_packet()  # the handshake response (user, native scramble)
        if seq is not None:
            conn.sendall(packet(seq + 1, switch_request(plugin)))
            seq, body = recorder.read_packet()
            if body is not None and plugin in ("caching_sha2_password", "sha256_password"):
                if plugin == "caching_sha2_password":
                    conn.sendall(packet(seq + 1, b"\x01\x04"))  # perform full authentication
                    seq, body = recorder.read_packet()
                    request_byte = 2
                else:
                    request_byte = 1
                if body == bytes([request_byte]):
                    result["publicKeyRequested"] = True
                    recovered = rsa_exchange(recorder, conn, seq + 1, key) if key else None
                    result["recovered"] = recovered.hex() if recovered is not None else None
            # Then refuse, and read whatever else the client sends until it hangs up.
            if seq is not None:
                conn.sendall(packet(seq + 1, b"\xff" + struct.pack("<H", 1045) + b"#28000Access denied"))
            while recorder.read_packet()[1] is not None:
                pass
    except OSError:
        pass
    finally:
        conn.close()
    result["received"] = recorder.received.hex()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--switch", action="append", required=True)
    parser.add_argument("--connections", type=int, default=0, help="exit after this many (0: until stdin closes)")
    args = parser.parse_args()
    key = None
    if any(p in ("caching_sha2_password", "sha256_password") for p in args.switch):
        from cryptography.hazmat.primitives.asymmetric import rsa
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    print(f"port {listener.getsockname()[1]}", flush=True)
    # The parent closing our stdin (or dying) ends the server.
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    served = 0
    while args.connections == 0 or served < args.connections:
        conn, _ = listener.accept()
        result = serve(conn, args.switch[served % len(args.switch)], key)
        print(json.dumps(result), flush=True)
        served += 1


if __name__ == "__main__":
    main()
