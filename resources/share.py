"""The public "Share a tool or update" form: it lands in the Submission queue."""

import os

from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from medhome.breadcrumbs import trail
from medhome.forms import PublicFormMixin
from resources.models import Submission, SubmissionKind
from resources.uploads import validate_upload


class ShareForm(PublicFormMixin, forms.ModelForm):
    class Meta:
        model = Submission
        fields = ["kind", "title", "description", "name", "organization", "email", "file"]
        labels = {
            "kind": _("What are you sharing?"),
            "title": _("Title"),
            "description": _("Tell us about it"),
            "name": _("Your name"),
            "organization": _("Organization"),
            "email": _("Your email"),
            "file": _("File"),
        }
        help_texts = {
            "description": _("What it is, who it helps and how you use it."),
            "email": _("Only to ask you about this; we do not share it."),
            "file": _("A PDF, Word, Excel or PowerPoint file of at most 10 MB."),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organization": forms.TextInput(attrs={"autocomplete": "organization"}),
            "file": forms.ClearableFileInput(
                attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons: no "select an option" entry.
        self.fields["kind"].choices = SubmissionKind.choices

    def clean_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("file")
        if upload:
            validate_upload(upload)
        return upload

    def save(self, commit=True) -> Submission:
        submission = super().save(commit=False)
        upload = self.cleaned_data.get("file")
        if upload:
            submission.original_filename = os.path.basename(upload.name)[:200]
        submission.language = (get_language() or "en")[:5]
        if commit:
            submission.save()
        return submission


@require_http_methods(["GET", "POST"])
def share(request) -> HttpResponse:
    form = ShareForm(request.POST or None, request.FILES or None, request=request)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("Thank you. Our staff will review what you shared and may contact you by email."),
        )
        return redirect("resources:share")
    return render(
        request,
        "resources/submission_form.html",
        {"form": form, "breadcrumbs": trail(here=_("Share a tool or update"))},
    )
