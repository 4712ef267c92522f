"""The JSON-over-HTTP calls the load scripts make to a PlanTrack server on loopback."""
import json, urllib.error, urllib.request


class Client:
    def __init__(self, base, timeout=600):
        self.base, self.timeout = base.rstrip("/"), timeout

    def call(self, method, path, token=None, body=None, content_type="application/json"):
        """(status, decoded JSON body); a timeout or refused connection is status 0, not a crash."""
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if token:
            request.add_header("Authorization", "Bearer " + token)
        if data is not None:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")
        except OSError as error:
            return 0, str(error)

    def login(self, username, password):
        status, body = self.call("POST", "/api/v1/session", body={"username": username, "password": password})
        assert status == 201, (status, body)
        return body["token"]
