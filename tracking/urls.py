from django.urls import path

from tracking import views

app_name = "tracking"

urlpatterns = [
    path("", views.item_list, name="item-list"),
    path("<str:case_number>/", views.item_detail, name="item-detail"),
]
