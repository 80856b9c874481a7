"""Bearer-token authentication for the JSON API (tokens are issued on the profile page)."""

from ninja.security import HttpBearer

from kopir.accounts.services import api_token_user


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class OptionalTokenAuth(HttpBearer):
    """Public endpoints: anonymous callers pass, a valid token identifies the caller,
    and an invalid token is refused rather than silently ignored."""

    def __call__(self, request):
        header = request.headers.get(self.header)
        if not header:
            return True
        return super().__call__(request)

    def authenticate(self, request, token):
        return TokenAuth().authenticate(request, token)
