"""djangosaml2's views under /saml2/, answering 404 while single sign-on is not configured
(instead of failing on a missing ``SAML_CONFIG``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from djangosaml2 import views as saml_views


def _sso_on(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(settings, "MENTORMATCH_SAML", None):
            raise Http404("Single sign-on is not configured.")
        return view(request, *args, **kwargs)

    return wrapper


urlpatterns = [
    path("login/", _sso_on(saml_views.LoginView.as_view()), name="saml2_login"),
    path("acs/", _sso_on(saml_views.AssertionConsumerServiceView.as_view()), name="saml2_acs"),
    path("logout/", _sso_on(saml_views.LogoutInitView.as_view()), name="saml2_logout"),
    path("ls/", _sso_on(saml_views.LogoutView.as_view()), name="saml2_ls"),
    path("ls/post/", _sso_on(saml_views.LogoutView.as_view()), name="saml2_ls_post"),
    path("metadata/", _sso_on(saml_views.MetadataView.as_view()), name="saml2_metadata"),
]
