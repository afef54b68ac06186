"""Response headers every page gets."""

# The pages run no inline script (their scripts are static files): a stray <script> that escaping missed would not
# run. Inline style attributes stay allowed for the server-drawn SVG charts.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def content_security_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response

    return middleware


# No text of the record holds a NUL: PostgreSQL cannot store one in a text column and refuses it in a query.
_NUL = "\x00"


def _has_nul(request) -> bool:
    if _NUL in request.path or "%00" in request.META.get("QUERY_STRING", "") or _NUL in request.META.get(
        "QUERY_STRING", ""
    ):
        return True
    values = [*request.GET.lists()]
    # A urlencoded form is small and read anyway; a multipart body (an uploaded PDF, NULs and all) is left to its
    # view, which checks its size before reading it.
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        values += [*request.POST.lists()]
    return any(_NUL in key or any(_NUL in value for value in vals) for key, vals in values)


def refuse_nul(get_response):
    """A request carrying a NUL character in its path, query or form is answered 400 with the Chinese page before
    any view or database sees it (an admin filter or a search would otherwise fail on PostgreSQL with a 500)."""
    from django.shortcuts import render

    def middleware(request):
        if _has_nul(request):
            return render(request, "400.html", {"reason": "送出的內容含有無法處理的控制字元（NUL）。"}, status=400)
        return get_response(request)

    return middleware
