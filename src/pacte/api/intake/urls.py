"""The intake endpoints: the mail room registers a letter."""

from django.urls import path

from pacte.api.intake import views

urlpatterns = [
    path("letters/", views.LetterCollectionView.as_view(), name="api-letters"),
]
