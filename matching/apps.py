from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Match reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The apps below announce their changes; matching reacts (they never import it).
        from applications.signals import posting_changed, resume_chosen
        from documents.signals import version_saved
        from matching import receivers
        from resumes.signals import resume_changed

        posting_changed.connect(receivers.posting_or_resume_choice_changed, dispatch_uid="matching-posting")
        resume_chosen.connect(
            receivers.posting_or_resume_choice_changed, dispatch_uid="matching-resume-choice"
        )
        version_saved.connect(receivers.tailored_resume_saved, dispatch_uid="matching-version")
        resume_changed.connect(receivers.resume_changed, dispatch_uid="matching-resume")
