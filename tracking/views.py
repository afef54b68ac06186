"""Pages of tracked items."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from tracking.models import TrackedItem


@login_required
def item_list(request):
    items = TrackedItem.objects.with_details()
    return render(request, "tracking/item_list.html", {"items": items})


@login_required
def item_detail(request, case_number):
    item = get_object_or_404(TrackedItem.objects.with_details(), case_number=case_number)
    reviews = item.reviews.select_related("meeting", "decided_by")
    return render(request, "tracking/item_detail.html", {"item": item, "reviews": reviews})
