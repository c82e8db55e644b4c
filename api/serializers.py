"""How the API writes each resource. Read-only: nothing here saves.

Ids are the rows' primary keys: stable for as long as the row exists. Status values are the
stored codes (``adopted``, ``ongoing``), the same in every language.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from committees.models import Committee, Partner
from measures.models import FocusArea, Measure, ProgressUpdate, ReportingRound, RoundPart
from programme.models import AdoptedEdition, Programme, Section
from programme.permissions import can_view_programme

# The largest id a row can have (64-bit); a larger number matches nothing instead of failing.
MAX_ID = 2**63 - 1


class CommitteeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["id", "code", "name", "kind", "active"]


class CommitteeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["id", "code", "name"]


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["id", "name", "kind"]


class FocusAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = FocusArea
        fields = ["id", "number", "name", "description", "active"]


class FocusAreaRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = FocusArea
        fields = ["id", "number", "name"]


class DecisionSerializer(serializers.Serializer):
    """The council's decision: date, paragraph (§) and case number (dnr)."""

    date = serializers.DateField(source="decision_date", allow_null=True)
    paragraph = serializers.CharField(source="decision_paragraph")
    case_number = serializers.CharField()


class EditionSerializer(serializers.ModelSerializer):
    """An adopted edition: the text a council decision adopted, with that decision."""

    programme = serializers.IntegerField(source="programme_id")
    decision = DecisionSerializer(source="*")
    recorded_at = serializers.DateTimeField(source="adopted_at")

    class Meta:
        model = AdoptedEdition
        fields = ["programme", "edition", "decision", "recorded_at"]


class ProgrammeSerializer(serializers.ModelSerializer):
    owning_committee = serializers.IntegerField(source="owning_committee_id")
    based_on = serializers.SerializerMethodField()
    decision = DecisionSerializer(source="*")
    adopted_edition = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="api:programme-detail")

    class Meta:
        model = Programme
        fields = [
            "id",
            "url",
            "title",
            "municipality",
            "period_from",
            "period_to",
            "status",
            "edition",
            "owning_committee",
            "based_on",
            "introduction",
            "decision",
            "adopted_edition",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.INT)
    def get_based_on(self, programme: Programme) -> int | None:
        # The base is named only to those who may read it (a draft stays unrevealed).
        base = programme.based_on
        if base is None or not can_view_programme(self.context["request"].user, base):
            return None
        return base.pk

    @extend_schema_field(EditionSerializer(allow_null=True))
    def get_adopted_edition(self, programme: Programme):
        try:
            adopted = programme.adopted_edition
        except AdoptedEdition.DoesNotExist:
            return None
        return EditionSerializer(adopted, context=self.context).data


class ProgrammeDetailSerializer(ProgrammeSerializer):
    editions = serializers.SerializerMethodField()

    class Meta(ProgrammeSerializer.Meta):
        fields = [*ProgrammeSerializer.Meta.fields, "editions"]

    @extend_schema_field(EditionSerializer(many=True))
    def get_editions(self, programme: Programme):
        return EditionSerializer(self.context["editions"], many=True, context=self.context).data


class SectionSerializer(serializers.ModelSerializer):
    programme = serializers.IntegerField(source="programme_id")

    class Meta:
        model = Section
        fields = ["id", "programme", "order", "kind", "title", "introduction", "goals"]


class FollowUpSerializer(serializers.Serializer):
    """Where the measure stands, as its responsible committee reports it."""

    status = serializers.ChoiceField(choices=Measure.Status.choices)
    progress = serializers.IntegerField(min_value=0, max_value=100)
    progress_note = serializers.CharField()
    indicator_value = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    updated_at = serializers.DateTimeField()


class MeasureSerializer(serializers.ModelSerializer):
    programme = serializers.IntegerField(source="section.programme_id")
    section = serializers.IntegerField(source="section_id")
    identifier = serializers.CharField()
    responsible_committee = CommitteeRefSerializer()
    co_responsible_committees = CommitteeRefSerializer(many=True)
    partners = PartnerSerializer(many=True)
    focus_areas = FocusAreaRefSerializer(many=True)
    follow_up = FollowUpSerializer(source="*")
    url = serializers.HyperlinkedIdentityField(view_name="api:measure-detail")

    class Meta:
        model = Measure
        fields = [
            "id",
            "url",
            "programme",
            "section",
            "identifier",
            "order",
            "title",
            "description",
            "responsible_committee",
            "co_responsible_committees",
            "partners",
            "focus_areas",
            "expected_outcome",
            "indicator",
            "indicator_target",
            "indicator_unit",
            "start_date",
            "due_date",
            "resources",
            "follow_up",
        ]


class TimelineEntrySerializer(serializers.ModelSerializer):
    """One entry of a measure's follow-up timeline (newest first). ``signed_by`` is null, and
    notes are left out, for callers who read only public programmes (docs/permissions.md)."""

    status = serializers.ChoiceField(choices=Measure.Status.choices, allow_blank=True)
    committee = CommitteeRefSerializer(allow_null=True)
    signed_by = serializers.SerializerMethodField()
    round = serializers.SerializerMethodField()
    date = serializers.DateTimeField(source="created_at")

    class Meta:
        model = ProgressUpdate
        fields = [
            "kind",
            "date",
            "status",
            "progress",
            "note",
            "indicator_value",
            "indicator_date",
            "committee",
            "signed_by",
            "round",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_signed_by(self, entry: ProgressUpdate) -> str | None:
        return entry.signed_by if entry.shown_signature else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_round(self, entry: ProgressUpdate) -> int | None:
        # Named only when the caller may read that round (an open round is not the public's).
        return entry.shown_round.pk if entry.shown_round else None


class MeasureDetailSerializer(MeasureSerializer):
    timeline = serializers.SerializerMethodField()

    class Meta(MeasureSerializer.Meta):
        fields = [*MeasureSerializer.Meta.fields, "timeline"]

    @extend_schema_field(TimelineEntrySerializer(many=True))
    def get_timeline(self, measure: Measure):
        return TimelineEntrySerializer(
            self.context["timeline"], many=True, context=self.context
        ).data


class RoundPartSerializer(serializers.ModelSerializer):
    """An asked committee's part of a round: ready or not, and the committee's own decision."""

    committee = CommitteeRefSerializer()
    ready = serializers.BooleanField(source="is_ready")
    decision = DecisionSerializer(source="*")

    class Meta:
        model = RoundPart
        fields = ["committee", "ready", "ready_at", "decision"]


class RoundReportSerializer(serializers.Serializer):
    """A measure as reported in the round: its latest update in the round, else (``reported``
    false) its follow-up at closing. Frozen once the round is closed."""

    measure = serializers.IntegerField(source="id")
    identifier = serializers.CharField()
    title = serializers.CharField()
    committee = serializers.IntegerField(
        source="committee_id", help_text="Id of the responsible committee."
    )
    reported = serializers.BooleanField()
    status = serializers.ChoiceField(choices=Measure.Status.choices)
    progress = serializers.IntegerField(min_value=0, max_value=100)
    note = serializers.CharField()
    indicator_value = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    indicator_date = serializers.DateField(allow_null=True)
    reported_at = serializers.DateTimeField(allow_null=True)
    signed_by = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_signed_by(self, row: dict) -> str | None:
        return row["signed_by"] if self.context["signatures"] else None


class RoundSerializer(serializers.ModelSerializer):
    """A yearly reporting round (årlig uppföljning) with its committees' parts."""

    programme = serializers.IntegerField(source="programme_id")
    parts = RoundPartSerializer(many=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:round-detail")

    class Meta:
        model = ReportingRound
        fields = [
            "id",
            "url",
            "programme",
            "name",
            "period_from",
            "period_to",
            "deadline",
            "state",
            "opened_at",
            "closed_at",
            "parts",
        ]


class RoundDetailSerializer(RoundSerializer):
    reports = serializers.SerializerMethodField()

    class Meta(RoundSerializer.Meta):
        fields = [*RoundSerializer.Meta.fields, "reports"]

    @extend_schema_field(RoundReportSerializer(many=True))
    def get_reports(self, reporting_round: ReportingRound):
        return RoundReportSerializer(self.context["reports"], many=True, context=self.context).data


class RoundFilterSerializer(serializers.Serializer):
    programme = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    state = serializers.ChoiceField(choices=ReportingRound.State.choices, required=False)


class MeasureFilterSerializer(serializers.Serializer):
    """The overview's filters, read from the query string."""

    programme = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    section = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    committee = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Id of the responsible committee."
    )
    status = serializers.ChoiceField(choices=Measure.Status.choices, required=False)
    focus_area = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    overdue = serializers.BooleanField(required=False, default=False)
    q = serializers.CharField(required=False, max_length=200, help_text="Search text.")


class SectionFilterSerializer(serializers.Serializer):
    programme = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
