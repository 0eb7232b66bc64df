from django.db import migrations, models


def structure_fill(apps, schema_editor):
    """Read the structure of every resume saved before it had one."""
    from resumes.structure import resume_structure_parse

    Resume = apps.get_model("resumes", "Resume")
    for resume in Resume.objects.only("id", "content").iterator(chunk_size=200):
        Resume.objects.filter(pk=resume.pk).update(structure=resume_structure_parse(resume.content))


class Migration(migrations.Migration):
    dependencies = [
        ("resumes", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="resume",
            name="structure",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(structure_fill, migrations.RunPython.noop, elidable=True),
    ]
