"""The stored match report of each application (SPEC §11)."""

from django.db import models


class MatchReport(models.Model):
    """The latest analysis of an application's posting against its resume.

    Recomputed (no AI call) when the posting, the chosen resume or the tailored resume
    changes; `inputs_digest` tells whether the stored one is still current.
    """

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="match_report"
    )
    resume = models.ForeignKey("resumes.Resume", on_delete=models.SET_NULL, null=True, blank=True)
    document_version = models.ForeignKey(
        "documents.DocumentVersion", on_delete=models.SET_NULL, null=True, blank=True
    )
    score = models.PositiveSmallIntegerField()
    score_source = models.PositiveSmallIntegerField()
    score_tailored = models.PositiveSmallIntegerField(null=True, blank=True)
    report = models.JSONField(default=dict)
    inputs_digest = models.CharField(max_length=64)
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.application} — {self.score}"
