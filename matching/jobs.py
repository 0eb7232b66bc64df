"""The RQ job that refreshes the match reports of a resume's many applications.

Safe to run twice: a refresh recomputes only the reports whose inputs changed."""

from matching.services import match_reports_refresh_for_resume


def resume_reports_refresh(user_id, resume_id) -> int:
    return match_reports_refresh_for_resume(user_id=user_id, resume_id=resume_id)
