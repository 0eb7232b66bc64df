"""The lower apps' signals, turned into report refreshes after their writes commit.

Thin on purpose: the rules live in `matching.services`."""

from matching import services


def posting_or_resume_choice_changed(sender, *, application, **kwargs) -> None:
    services.match_report_refresh_after_commit(application=application)


def tailored_resume_saved(sender, *, application, document_type, **kwargs) -> None:
    if document_type == sender.Type.OPTIMIZED_RESUME:
        services.match_report_refresh_after_commit(application=application)


def resume_changed(sender, *, user, resume_id, **kwargs) -> None:
    services.match_reports_refresh_for_resume_after_commit(user_id=user.pk, resume_id=resume_id)
