from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Committee(models.Model):
    """A nämnd: the political body that is responsible for measures."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Committee")
        EXECUTIVE_BOARD = "executive_board", _("Executive board")
        COUNCIL = "council", _("Municipal council")

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.CharField(
        _("short code"), max_length=20, unique=True, help_text=_("For example SN or KS.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.COMMITTEE)
    active = models.BooleanField(_("active"), default=True)
    # The group that object permissions are granted to; its members are the committee's officers.
    group = models.OneToOneField(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="committee",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self):
        return self.name


class Partner(models.Model):
    """An external partner (samverkanspartner): an authority, a region or a civil-society body."""

    class Kind(models.TextChoices):
        AUTHORITY = "authority", _("Government authority")
        REGION = "region", _("Region")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.AUTHORITY)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A user's seat in a committee's administration, with a role there."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("Officer")
        CHAIR = "chair", _("Chair")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("committee")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.OFFICER)

    class Meta:
        ordering = ["committee__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "committee"], name="unique_membership"),
        ]

    def __str__(self):
        return f"{self.user} – {self.committee} ({self.get_role_display()})"
