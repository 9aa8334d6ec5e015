"""Public pages: the list with filters and search, the detail page, similar titles (JSON)."""

import hashlib

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from consultazione.core import pagecache

from .. import conf
from ..forms import ContributionFilterForm
from ..models import Status
from ..pagecache import with_card_keys
from ..selectors import (
    alignment_counts,
    axis_label,
    contributions_public,
    merged_source_by_reference,
    similar_contributions,
)
from ._common import current_process_or_404, querystring_without, visible_contribution_or_404


@pagecache.page(pagecache.CONTRIBUTIONS, signed_in=True)
def contribution_list(request):
    process = current_process_or_404()
    form = ContributionFilterForm(request.GET, process=process)
    filters_key = count_key = ""
    if not form.is_valid():  # invalid values are reported next to their field and ignored
        pagecache.skip(request)  # a page with form errors is never shared
    else:  # the rendered filters (300+ options), the count and each page's ids are shared by every list with the same query
        chosen = sorted((name, request.GET.getlist(name)) for name in form.fields if name in request.GET)
        chosen = hashlib.sha256(repr(chosen).encode())
        versions = pagecache.versions_of([pagecache.SITE, pagecache.CONTRIBUTIONS])
        filters_key = f"{process.pk}:{versions[pagecache.SITE]}:{chosen.hexdigest()}"
        count_key = f"contributions:count:{filters_key}:{versions[pagecache.CONTRIBUTIONS]}"
    qs = contributions_public(form.to_filters())
    paginator = Paginator(qs, conf.contributions_per_page())
    if count_key and pagecache.fragment_seconds():  # COUNT(*) over every public row, once per change
        paginator.count = pagecache.kept(count_key, qs.count)
    page_obj = paginator.get_page(request.GET.get("page"))
    merged_source = merged_source_by_reference(request.GET.get("q", ""))
    return render(
        request,
        "contributions/list.html",
        {
            "process": process,
            "filter_form": form,
            "page_obj": page_obj,
            "contributions": with_card_keys(page_obj.object_list, ids_key=count_key),
            "filters_key": filters_key,
            "active_filters": sum(1 for name in form.fields if name != "sort" and any(request.GET.getlist(name))),
            "filters_open": any(name != "sort" for name in form.errors),  # so a filter's error is not folded away
            "querystring": querystring_without(request, "page"),
            "merged_source": merged_source,  # what each person sees of it: personal_parts.merged
        },
    )


@pagecache.page(per=lambda reference, **_: [pagecache.contribution(reference)], signed_in=True)
def contribution_detail_page(request, reference: str, *, comment_form=None, status: int = 200):
    """What the page shows differently to each person (support, follow, comments and their form,
    the author's buttons and pending edit) is in its personal parts: contributions/personal_parts.py."""
    contribution = visible_contribution_or_404(request, reference)
    if contribution.reference != reference:
        return redirect("contributions:detail", reference=contribution.reference)
    return render(
        request,
        "contributions/detail.html",
        {
            "contribution": contribution,
            "merged": contribution.status == Status.MERGED and contribution.merged_into_id is not None,
            "alignment": pagecache.memo(  # as the comments: per version of the contribution's pages and of the site
                "alignment",
                [pagecache.SITE, pagecache.contribution(contribution.reference)],
                lambda: alignment_counts(contribution),
                contribution.pk,
            ),
            "comment_form": comment_form,
        },
        status=status,
    )


def similar(request):
    """Similar public contributions on every axis as JSON, each labelled with its axis, for the
    title field of the submit form (an `axis` parameter from older pages is ignored)."""
    exclude = request.GET.get("exclude")
    items = similar_contributions(
        title=request.GET.get("title", "")[:200], exclude_id=int(exclude) if exclude and exclude.isdigit() else None
    )
    return JsonResponse(
        {
            "results": [
                {
                    "reference": item.reference,
                    "title": item.title,
                    "kind": item.get_kind_display(),
                    "axis": axis_label(item.axis),
                    "support_count": item.support_count,
                    "comment_count": item.comment_count,
                    "url": reverse("contributions:detail", kwargs={"reference": item.reference}),
                }
                for item in items
            ]
        }
    )
