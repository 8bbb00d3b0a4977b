"""moto_server with one request at a time.

Real DynamoDB applies each conditional write atomically. moto's server is threaded and its DynamoDB backend
takes no lock, so two concurrent UpdateItem calls with the same `Run_Id = :seen` condition can both pass,
which real DynamoDB never allows. Serialising requests restores the atomicity the state-store race tests
rely on. Arguments are moto_server's (`-H HOST -p PORT`).
"""
import threading

import moto.server as server

_lock = threading.Lock()
_Base = server.DomainDispatcherApplication


class SerializedApplication(_Base):
    def __call__(self, environ, start_response):
        with _lock:
            return super().__call__(environ, start_response)


server.DomainDispatcherApplication = SerializedApplication

if __name__ == "__main__":
    server.main()
