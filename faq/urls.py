from django.urls import path

from . import views

app_name = "faq"

urlpatterns = [
    path("", views.FaqIndexView.as_view(), name="index"),
    path("questions/<slug:slug>/", views.FaqQuestionView.as_view(), name="question"),
    path("questions/<slug:slug>/feedback/", views.feedback, name="feedback"),
    path("<slug:slug>/", views.FaqCategoryView.as_view(), name="category"),
]
