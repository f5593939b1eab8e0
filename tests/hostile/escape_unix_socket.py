# module: response
# zero: filter_response
# message: no unix socket reached
# tries: connect to a named Unix socket outside the sandbox (the test's own listener in a world-writable folder, as dbus or a database would be) and send it a message: the empty network namespace does not cover AF_UNIX, and an independent attacker exfiltrated this way
# marker: /tmp/hostile_unix_socket_heard

import socket

_PATH = "/tmp/hostile_unix_socket/listener"


def filter_response(patch, kernel):
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(_PATH)
        s.sendall(b"EXFIL from the sandbox")
        s.close()
        raise RuntimeError("reached the listener")
    except OSError as exc:
        raise RuntimeError(f"no unix socket reached ({exc.strerror})") from None
