"""The moderator UI and the public pages through real HTTP (Django test client)."""

import pytest
from django.urls import reverse

from consultazione.contributions.models import Contribution
from consultazione.moderation.models import Decision, Report, ThematicResponse
from consultazione.moderation.services import outcome_record, report_create

QUEUE = "/moderazione/"


def token(item, kind="contribution"):
    return f"{kind}:{item.pk}:{item.status}"


@pytest.fixture
def as_user(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_queue_needs_a_moderator(client, citizen):
    assert client.get(QUEUE).status_code == 302
    client.force_login(citizen)
    assert client.get(QUEUE).status_code == 403


def test_queue_lists_what_to_review_within_scope(as_user, submit, scoped_moderator, user_factory):
    pending_in = submit(pre=True, axis=1, zona=3)
    pending_out = submit(pre=True, axis=2, zona=3)
    published = submit(axis=1, zona=3)
    reported = submit(axis=1, zona=3)
    report_create(reporter=user_factory(), item=reported, reason_code="spam")
    page = as_user(scoped_moderator).get(QUEUE)
    assert page.status_code == 200
    listed = {item.pk for item in page.context["page_obj"].object_list}
    assert listed == {pending_in.pk, reported.pk}
    assert pending_out.pk not in listed and published.pk not in listed
    html = page.content.decode()
    assert f'value="contribution:{pending_in.pk}:pending"' in html
    assert "data-moderation-queue" in html and "Scorciatoie da tastiera" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=pending", {"pending_idea"}),
        ("state=&kind=criticita", {"published_crit"}),
        ("state=&axis={axis2}", {"published_crit"}),
        ("state=&zona={zone5}", {"pending_idea"}),
        ("state=&min_reports=1", {"reported"}),
        ("state=&older_than_days=3", set()),
        ("state=published&order=reports", {"published_crit", "reported"}),
    ],
)
def test_queue_filters(as_user, submit, moderator, user_factory, open_psm, query, expected):
    items = {
        "pending_idea": submit(pre=True, zona=5),
        "published_crit": submit(kind="criticita", axis=2),
        "reported": submit(),
    }
    report_create(reporter=user_factory(), item=items["reported"], reason_code="spam")
    query = query.format(axis2=open_psm.axes[2].pk, zone5=open_psm.zones[5].pk)
    page = as_user(moderator).get(f"{QUEUE}?{query}")
    names = {name for name, item in items.items() if item.pk in {i.pk for i in page.context["page_obj"].object_list}}
    assert names == expected


def test_queue_of_comments(as_user, submit, comment_on, moderator):
    contribution = submit()
    pending = comment_on(contribution, pre=True)
    page = as_user(moderator).get(f"{QUEUE}?content=comment")
    assert [c.pk for c in page.context["page_obj"].object_list] == [pending.pk]
    assert f'value="comment:{pending.pk}:pending"' in page.content.decode()


def test_queue_runs_a_constant_number_of_queries(as_user, submit, comment_on, moderator, django_assert_max_num_queries):
    client = as_user(moderator)
    for _n in range(3):
        comment_on(submit(), pre=True)
        submit(pre=True)
    client.get(QUEUE)
    with django_assert_max_num_queries(28) as few:
        client.get(QUEUE)
        client.get(f"{QUEUE}?content=comment")
    for _n in range(12):
        comment_on(submit(), pre=True)
        submit(pre=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(QUEUE)
        client.get(f"{QUEUE}?content=comment")


def test_bulk_approve_from_the_queue(as_user, submit, moderator):
    first, second = submit(pre=True), submit(pre=True)
    response = as_user(moderator).post(
        reverse("moderation:bulk_decide"), {"items": [token(first), token(second)], "action": "approve"}, follow=True
    )
    assert response.status_code == 200
    assert set(Contribution.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {"published"}
    assert "Approvazione: 2 contenuti." in response.content.decode()


def test_bulk_reject_needs_a_reason_and_reports_field_errors(as_user, submit, moderator):
    item = submit(pre=True)
    response = as_user(moderator).post(reverse("moderation:bulk_decide"), {"items": [token(item)], "action": "reject"})
    assert response.status_code == 400
    assert "Scegli il motivo" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "pending"


def test_bulk_out_of_scope_is_forbidden_and_changes_nothing(as_user, submit, scoped_moderator):
    inside, outside = submit(pre=True, axis=1, zona=3), submit(pre=True, axis=2, zona=3)
    response = as_user(scoped_moderator).post(
        reverse("moderation:bulk_decide"), {"items": [token(inside), token(outside)], "action": "approve"}
    )
    assert response.status_code == 403
    assert set(Contribution.objects.filter(pk__in=[inside.pk, outside.pk]).values_list("status", flat=True)) == {"pending"}


def test_review_page_decides_and_detects_stale_forms(as_user, submit, moderator, staff):
    item = submit(pre=True)
    url = reverse("moderation:contribution", args=[item.pk])
    client = as_user(moderator)
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="expected_state" value="pending"' in page.content.decode()
    as_user(staff)
    client.post(url, {"action": "approve", "expected_state": "pending"})
    as_user(moderator)
    stale = client.post(url, {"action": "reject", "expected_state": "pending", "reason_code": "spam"})
    assert stale.status_code == 409
    assert "Già deciso da qualcun altro" in stale.content.decode()
    item.refresh_from_db()
    assert item.status == "published"
    assert list(Decision.objects.filter(contribution=item).order_by("id").values_list("result", flat=True)) == [
        "applied",
        "conflict",
    ]


def test_review_page_field_errors_and_scope(as_user, submit, moderator, scoped_moderator):
    item = submit(pre=True, axis=2)
    url = reverse("moderation:contribution", args=[item.pk])
    response = as_user(moderator).post(url, {"action": "reject", "expected_state": "pending", "reason_code": "other"})
    assert response.status_code == 400
    assert "spiega la decisione" in response.content.decode()
    assert as_user(scoped_moderator).get(url).status_code == 403
    assert as_user(scoped_moderator).post(url, {"action": "approve", "expected_state": "pending"}).status_code == 403
    item.refresh_from_db()
    assert item.status == "pending"


def test_comment_review_and_dismiss(as_user, submit, comment_on, moderator, user_factory):
    comment = comment_on(submit())
    report_create(reporter=user_factory(), item=comment, reason_code="offensive")
    client = as_user(moderator)
    assert client.get(reverse("moderation:comment", args=[comment.pk])).status_code == 200
    response = client.post(reverse("moderation:comment_dismiss", args=[comment.pk]), {"reason_text": ""})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.report_count == 0


def test_retag_duplicate_and_outcome_forms(as_user, submit, moderator, staff, open_psm):
    item, original = submit(axis=1), submit(axis=1)
    client = as_user(moderator)
    response = client.post(reverse("moderation:retag", args=[item.pk]), {"axis": open_psm.axes[3].pk})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.axis == open_psm.axes[3]
    unknown = client.post(reverse("moderation:duplicate_of", args=[item.pk]), {"target_reference": "PSM-NOPE"})
    assert unknown.status_code == 400 and "Nessun contributo con questo codice" in unknown.content.decode()
    done = client.post(reverse("moderation:duplicate_of", args=[item.pk]), {"target_reference": original.reference})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.merged_into == original
    outcome_url = reverse("moderation:outcome", args=[original.pk])
    assert client.post(outcome_url, {"outcome": "accolto", "motivation": "Sì"}).status_code == 403
    as_user(staff)
    assert client.post(outcome_url, {"outcome": "accolto", "motivation": ""}).status_code == 400
    assert client.post(outcome_url, {"outcome": "accolto", "motivation": "Nel piano."}).status_code == 302
    original.refresh_from_db()
    assert original.outcome == "accolto"


def test_merge_in_two_steps_from_the_queue(as_user, submit, moderator):
    first, second = submit(), submit()
    client = as_user(moderator)
    choose = client.post(reverse("moderation:merge"), {"items": [token(first), token(second)], "action": "approve"})
    assert choose.status_code == 200
    assert "Contributo che resta" in choose.content.decode()
    done = client.post(
        reverse("moderation:merge"), {"confirm": "1", "sources": [first.pk, second.pk], "target": second.pk, "reason_text": ""}
    )
    assert done.status_code == 302
    first.refresh_from_db()
    assert (first.status, first.merged_into) == ("merged", second)


def test_thematic_response_in_two_steps_and_public_page(as_user, client, submit, staff, open_psm):
    items = [submit(), submit()]
    as_user(staff)
    step_one = client.post(reverse("moderation:thematic_create"), {"items": [token(i) for i in items]})
    assert step_one.status_code == 200
    data = {
        "confirm": "1",
        "sources": [i.pk for i in items],
        "contributions": [i.pk for i in items],
        "title": "Mobilità nelle valli",
        "text": "Risposta unica.",
        "outcome": "gia_previsto",
    }
    done = client.post(reverse("moderation:thematic_create"), data)
    response = ThematicResponse.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("moderation:thematic_detail", args=[response.pk])
    client.logout()
    public = client.get(done["Location"])
    assert public.status_code == 200
    assert "Mobilità nelle valli" in public.content.decode() and items[0].reference in public.content.decode()


def test_reasons_page_is_public_and_links_the_netiquette(client):
    page = client.get(reverse("moderation:reasons"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'href="/netiquette/"' in html
    for label in ("Fuori tema", "Offensivo", "Dati personali", "Spam", "Duplicato", "Altro"):
        assert label in html


def test_report_form_once_per_person(as_user, submit, citizen):
    item = submit()
    client = as_user(citizen)
    url = reverse("moderation:report_contribution", args=[item.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason_code": "spam", "text": ""}).status_code == 302
    again = client.post(url, {"reason_code": "spam", "text": ""})
    assert again.status_code == 409 and "Hai già segnalato" in again.content.decode()
    assert Report.objects.filter(contribution=item).count() == 1


def test_block_page_for_staff_only(as_user, staff, moderator, citizen):
    url = reverse("moderation:block_user", args=[citizen.pk])
    assert as_user(moderator).get(url).status_code == 403
    client = as_user(staff)
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Spam", "reason_code": "spam"}).status_code == 302
    citizen.refresh_from_db()
    assert citizen.is_blocked
    assert citizen.pseudonym in client.get(reverse("moderation:blocked_users")).content.decode()
    assert client.post(url, {"reason": "Chiarito"}).status_code == 302
    citizen.refresh_from_db()
    assert not citizen.is_blocked


def test_audit_log_page(as_user, submit, moderator):
    item = submit(pre=True)
    client = as_user(moderator)
    client.post(reverse("moderation:contribution", args=[item.pk]), {"action": "approve", "expected_state": "pending"})
    page = client.get(reverse("moderation:audit_log") + "?action=approve")
    assert page.status_code == 200 and item.reference in page.content.decode()
    assert item.reference not in client.get(reverse("moderation:audit_log") + "?action=reject").content.decode()
    # the old name of the filter still filters
    assert item.reference in client.get(reverse("moderation:audit_log") + "?azione=approve").content.decode()
    assert item.reference not in client.get(reverse("moderation:audit_log") + "?azione=reject").content.decode()


def test_contribution_page_slot_shows_outcome_and_report_form(as_user, client, submit, staff, citizen):
    item = submit()
    outcome_record(actor=staff, contribution=item, outcome="parziale", motivation="Accolto in parte: vedi l'azione 1.1.1.")
    url = reverse("contributions:detail", args=[item.reference])
    html = client.get(url).content.decode()
    assert "Risposta dell'ente" in html and "Parzialmente accolto" in html and "vedi l&#x27;azione 1.1.1" in html
    assert "Segnala ai moderatori" not in html
    as_user(citizen)
    html = client.get(url).content.decode()
    assert "Segnala ai moderatori" in html and reverse("moderation:report_contribution", args=[item.pk]) in html
    client.post(reverse("moderation:report_contribution", args=[item.pk]), {"reason_code": "spam"})
    assert "Hai segnalato questo contributo" in client.get(url).content.decode()


def test_profile_shows_decisions_with_reason(as_user, submit, citizen, moderator):
    item = submit(author=citizen, pre=True)
    as_user(moderator).post(
        reverse("moderation:contribution", args=[item.pk]),
        {"action": "reject", "expected_state": "pending", "reason_code": "off_topic", "reason_text": "Non riguarda il piano"},
    )
    html = as_user(citizen).get(reverse("accounts:profile")).content.decode()
    assert "Moderazione ed esiti dei tuoi contenuti" in html
    assert "Fuori tema" in html and "Non riguarda il piano" in html


def test_moderators_find_their_queue_from_the_profile(as_user, moderator, citizen):
    assert "Vai alla coda di moderazione" in as_user(moderator).get(reverse("accounts:profile")).content.decode()
    assert "Vai alla coda di moderazione" not in as_user(citizen).get(reverse("accounts:profile")).content.decode()


def test_a_report_that_hides_the_contribution_returns_to_the_list(as_user, submit, citizen, settings):
    settings.MODERATION_AUTO_HIDE_REPORTS = 1
    item = submit()
    response = as_user(citizen).post(reverse("moderation:report_contribution", args=[item.pk]), {"reason_code": "spam"})
    assert response.status_code == 302 and response["Location"] == reverse("contributions:list")
    item.refresh_from_db()
    assert item.status == "hidden"


def test_queue_searches_text_and_references(as_user, submit, comment_on, moderator):
    """Issue 16 item 9c: a moderator told about "the one on the Chieri buses" or about
    PSM-IDEA-2026-00012 finds it from the queue (words of title or text, or the reference)."""
    buses = submit(title="Autobus per Chieri sempre pieni")
    library = submit(title="Biblioteca aperta la sera", body="Chiediamo orari serali anche per gli studenti pendolari.")
    other = submit(title="Piste ciclabili lungo la Dora")
    client = as_user(moderator)

    def found(q, content=""):
        page = client.get(QUEUE, {"state": "", "q": q, "content": content})
        assert page.status_code == 200
        return {item.pk for item in page.context["page_obj"].object_list}

    assert found("autobus chieri") == {buses.pk}
    assert found("pendolari") == {library.pk}  # a word of the text
    assert found(library.reference) == {library.pk}
    assert found(library.reference.lower()) == {library.pk}
    assert found("chieri dora") == set()  # every word must match
    assert found("") == {buses.pk, library.pk, other.pk}
    reply = comment_on(other, body="Serve un parcheggio per le bici in stazione.")
    assert found("parcheggio", content="comment") == {reply.pk}
    assert found(other.reference, content="comment") == {reply.pk}
    assert 'name="q"' in client.get(QUEUE).content.decode()


def test_outcome_picker_has_no_default(as_user, submit, staff):
    """Issue 16 item 9c: the outcome select starts on an empty choice (a moderator who only
    writes the motivation must not record "Accolto" by accident) and a missing choice says so."""
    item = submit()
    client = as_user(staff)
    html = client.get(reverse("moderation:contribution", args=[item.pk])).content.decode()
    select = html.split('name="outcome"')[1].split("</select>")[0]
    assert '<option value="" selected>' in select
    response = client.post(reverse("moderation:outcome", args=[item.pk]), {"motivation": "Ne terremo conto."})
    assert response.status_code == 400
    assert "Scegli l&#x27;esito" in response.content.decode()
    item.refresh_from_db()
    assert item.outcome == ""
