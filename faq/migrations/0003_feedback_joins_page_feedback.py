"""The FAQ's "was this helpful?" answers join every other page's (medhome.PageFeedback),
counted under each question's key "/faq/#<slug>"; the FAQ's own table goes."""

from django.db import migrations


def copy_feedback(apps, schema_editor):
    Feedback = apps.get_model("faq", "Feedback")
    PageFeedback = apps.get_model("medhome", "PageFeedback")
    votes = list(Feedback.objects.select_related("question").order_by("pk"))
    created = PageFeedback.objects.bulk_create(
        [
            PageFeedback(
                page=f"/faq/#{vote.question.slug}",
                title=(vote.question.question_en or vote.question.question)[:300],
                helpful=vote.helpful,
            )
            for vote in votes
        ],
        batch_size=2000,
    )
    # auto_now_add stamped them now: keep when each answer was given.
    for row, vote in zip(created, votes, strict=True):
        row.created_at = vote.created_at
    PageFeedback.objects.bulk_update(created, ["created_at"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0002_stored_search_vectors"),
        ("medhome", "0004_page_feedback"),
    ]

    operations = [
        migrations.RunPython(copy_feedback, migrations.RunPython.noop),
        migrations.DeleteModel(name="Feedback"),
    ]
