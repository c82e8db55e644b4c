"""The read-only API's viewsets: thin, asking the selectors for what the caller may read."""

from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.views.decorators.http import condition
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from programme.overview.selectors import OverviewFilters

from . import selectors
from .serializers import (
    CommitteeSerializer,
    FocusAreaSerializer,
    MeasureFilterSerializer,
    MeasureSerializer,
    ProgrammeDetailSerializer,
    ProgrammeSerializer,
    SectionFilterSerializer,
    SectionSerializer,
)

# Ids in URLs: digits that fit in 64 bits, so a longer number is a 404, not a database error
# (as core/converters.py does for the pages).
ID_PATTERN = r"[0-9]{1,18}"


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = ID_PATTERN

    def finalize_response(self, request, response, *args, **kwargs):
        # What a caller reads depends on who they are: shared caches must keep answers apart.
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Authorization", "Cookie"))
        return response


def _public_changed(request, pk):
    # Asked twice per request by ``condition`` (ETag, then Last-Modified): read once.
    if not hasattr(request, "api_public_changed"):
        request.api_public_changed = selectors.public_programme_changed(
            user=request.user, pk=int(pk)
        )
    return request.api_public_changed


def _programme_etag(request, pk):
    changed = _public_changed(request, pk)
    return changed[0] if changed else None


def _programme_last_modified(request, pk):
    changed = _public_changed(request, pk)
    return changed[1] if changed else None


class ProgrammeViewSet(ReadOnlyViewSet):
    """Programmes the caller may read: anonymous callers the adopted and superseded ones."""

    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        return selectors.programmes_for(user=self.request.user)

    @extend_schema(responses=ProgrammeDetailSerializer)
    @method_decorator(
        condition(etag_func=_programme_etag, last_modified_func=_programme_last_modified)
    )
    def retrieve(self, request, *args, **kwargs):
        """One programme with its editions (adopted versions and their decisions).

        Adopted and superseded programmes answer with ETag and Last-Modified, and 304 to a
        conditional request that matches."""
        programme = self.get_object()
        context = {
            **self.get_serializer_context(),
            "editions": selectors.programme_editions(programme=programme),
        }
        return Response(ProgrammeDetailSerializer(programme, context=context).data)


class SectionViewSet(ReadOnlyViewSet):
    """Sections of the programmes the caller may read."""

    serializer_class = SectionSerializer

    def get_queryset(self):
        params = SectionFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return selectors.sections_for(
            user=self.request.user, programme_id=params.validated_data.get("programme")
        )

    @extend_schema(parameters=[SectionFilterSerializer])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class MeasureViewSet(ReadOnlyViewSet):
    """Measures of the programmes the caller may read, with the overview's filters."""

    serializer_class = MeasureSerializer

    def get_queryset(self):
        if self.action != "list":
            return selectors.measures_for(user=self.request.user, filters=OverviewFilters())
        params = MeasureFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = dict(params.validated_data)
        programme_id = data.pop("programme", None)
        return selectors.measures_for(
            user=self.request.user, filters=OverviewFilters(**data), programme_id=programme_id
        )

    @extend_schema(parameters=[MeasureFilterSerializer])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class CommitteeViewSet(ReadOnlyViewSet):
    """The municipality's committees (nämnder)."""

    serializer_class = CommitteeSerializer

    def get_queryset(self):
        return selectors.committees_all()


class FocusAreaViewSet(ReadOnlyViewSet):
    """The national focus areas (insatsområden) of the government's action plan."""

    serializer_class = FocusAreaSerializer

    def get_queryset(self):
        return selectors.focus_areas_all()
