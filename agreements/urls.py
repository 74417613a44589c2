from django.urls import path

from . import views

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
]
