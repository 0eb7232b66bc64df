import factory

from jobforge.accounts.models import User
from resumes.structure import resume_structure_parse

PASSWORD = "Correct-Horse-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = "Test"
    last_name = "User"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


RESUME_MARKDOWN = """# Jordan Rivera

jordan.rivera@example.com · Portland, OR

## Summary

Backend engineer with seven years of experience building Python services and data pipelines.

## Experience

### Senior Software Engineer — Northwind Logistics (2020–2025)

- Designed a Django and PostgreSQL order platform handling 2 million orders a month.
- Cut API latency by 40% with Redis caching and query tuning.
- Led a team of four engineers and mentored two juniors.

### Software Engineer — Bluebird Analytics (2017–2020)

- Built ETL pipelines in Python and Airflow feeding a Snowflake warehouse.
- Wrote REST APIs with Flask and automated deployments with Docker and GitHub Actions.

## Education

B.S. Computer Science, Oregon State University, 2017

## Skills

Python, Django, Flask, PostgreSQL, Redis, Docker, Airflow, AWS, REST APIs, Git
"""

JOB_DESCRIPTION = """Acme Robotics is hiring a Senior Backend Engineer to build the services behind our
warehouse robots. You will design Python APIs, own PostgreSQL data models and keep our
fleet telemetry pipeline fast and reliable.

Requirements:
- 5+ years of backend development in Python (Django or FastAPI)
- Strong PostgreSQL and Redis experience
- Experience with Docker and Kubernetes in production
- Clear written communication

Nice to have:
- Experience with Kafka or other streaming systems
- Go
"""


class ResumeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "resumes.Resume"

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Resume {n}")
    content = RESUME_MARKDOWN
    # As the services store it: read from the content.
    structure = factory.LazyAttribute(lambda resume: resume_structure_parse(resume.content))
    focus_area = "software_development"
    is_primary = False


class ApplicationFactory(factory.django.DjangoModelFactory):
    """Builds through the service, so the name and the timeline are real."""

    class Meta:
        model = "applications.Application"

    user = factory.SubFactory(UserFactory)
    company_name = "Acme Robotics"
    role_title = "Senior Backend Engineer"
    job_description = JOB_DESCRIPTION
    location = "Remote"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from applications.services import application_create

        user = kwargs.pop("user")
        return application_create(user=user, **kwargs)


def document_write(
    application, document_type="research_report", content="# Report\n\nSome content here.", **kw
):
    from documents.services import document_version_write

    return document_version_write(
        application=application, document_type=document_type, content=content, source=kw.get("source", "ai")
    )
