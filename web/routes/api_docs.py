"""/docs (Swagger UI) and /redoc (ReDoc) from vendored files, so the API documentation works offline."""

from fastapi import APIRouter, Request

from waitinfo.core.settings import get_settings
from waitinfo.web.middleware import content_security_policy
from waitinfo.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def swagger_ui(request: Request):
    return render(request, "api/docs.html", {"openapi_url": request.app.openapi_url})


@router.get("/redoc")
def redoc(request: Request):
    # ReDoc styles its page with injected <style> elements (styled-components) and searches in a blob: worker;
    # scripts stay 'self' only.
    csp = content_security_policy(get_settings(), extra_style=" 'unsafe-inline'") + "; worker-src 'self' blob:"
    return render(
        request, "api/redoc.html", {"openapi_url": request.app.openapi_url}, headers={"Content-Security-Policy": csp}
    )
