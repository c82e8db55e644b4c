"""The read-only API's viewsets: thin, asking the selectors for what the caller may read."""

from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.views.decorators.http import condition
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from programme.overview.selectors import OverviewFilters

from . import selectors
from .serializers import (
    CommitteeSerializer,
    FocusAreaSerializer,
    MeasureDetailSerializer,
    MeasureFilterSerializer,
    MeasureSerializer,
    ProgrammeDetailSerializer,
    ProgrammeSerializer,
    RoundDetailSerializer,
    RoundFilterSerializer,
    RoundSerializer,
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

    @extend_schema(responses=RoundSerializer(many=True), filters=False)
    @action(detail=True, url_path="rounds", serializer_class=RoundSerializer)
    def rounds(self, request, pk=None):
        """The programme's reporting rounds the caller may read, newest first (as
        ``/api/v1/rounds/?programme=``); a programme the caller may not read is a 404."""
        programme = self.get_object()
        rounds = selectors.rounds_for(user=request.user, programme_id=programme.pk)
        page = self.paginate_queryset(rounds)
        serializer = RoundSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)


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

    @extend_schema(responses=MeasureDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        """One measure with its follow-up timeline, newest first, as its page shows it."""
        measure = self.get_object()
        context = {
            **self.get_serializer_context(),
            "timeline": selectors.timeline_of(user=request.user, measure=measure),
        }
        return Response(MeasureDetailSerializer(measure, context=context).data)


class RoundViewSet(ReadOnlyViewSet):
    """Yearly reporting rounds: the closed ones of the programmes the caller may read; the open
    ones too for those who read the round pages (coordinators, council members)."""

    serializer_class = RoundSerializer

    def get_queryset(self):
        if self.action != "list":
            return selectors.rounds_for(user=self.request.user, with_reports=True)
        params = RoundFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        return selectors.rounds_for(
            user=self.request.user, programme_id=data.get("programme"), state=data.get("state")
        )

    @extend_schema(parameters=[RoundFilterSerializer])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=RoundDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        """One round with its parts and each measure as reported in it (frozen once closed)."""
        reporting_round = self.get_object()
        context = {
            **self.get_serializer_context(),
            "reports": selectors.round_reports(reporting_round=reporting_round),
            "signatures": selectors.reads_signatures(user=request.user),
        }
        return Response(RoundDetailSerializer(reporting_round, context=context).data)


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
