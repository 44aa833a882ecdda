from django.urls import path

from mentorship import compare_views, views

app_name = "mentorship"

# Included at the site root (inside the language prefix).
urlpatterns = [
    path("states/", views.state_map, name="map"),
    path("states/data.csv", views.states_csv, name="states_csv"),
    path("states/data.json", views.states_json, name="states_json"),
    path("states/compare/", compare_views.compare_states, name="compare"),
    path("states/compare.csv", compare_views.compare_states_csv, name="compare_csv"),
    path("states/<str:code>/", views.StateDetailView.as_view(), name="state"),
    path("states/<str:code>/fact-sheet/", compare_views.state_fact_sheet, name="fact_sheet"),
    path("mentors/", views.MentorListView.as_view(), name="mentor_list"),
    path("mentors/match/", views.mentor_match, name="match"),
    path("mentors/nominate/", views.nominate, name="nominate"),
    path("mentors/nominate/sent/", views.nominate_sent, name="nominate_sent"),
    path("mentors/<slug:slug>/", views.MentorDetailView.as_view(), name="mentor_detail"),
    path("mentors/<slug:slug>/introduction/", views.introduction_request, name="introduction"),
    path(
        "mentors/<slug:slug>/introduction/sent/", views.introduction_sent, name="introduction_sent"
    ),
    path("assistance/", views.assistance_request, name="assistance"),
    path("assistance/sent/", views.assistance_sent, name="assistance_sent"),
]
