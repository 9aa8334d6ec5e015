"""Fresh on the next request, by events: for each change a person makes, the pages that show it
render again (and show it), the pages that do not show it stay cached.

Each event runs through the real service; `django_capture_on_commit_callbacks(execute=True)`
plays the commit, which is when the service's scopes get new versions.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultazione.contributions.services import comment_create
from consultazione.meetings.services import meeting_update
from consultazione.moderation.services import contributions_merge, item_decide, outcome_record
from consultazione.process.models import Phase
from consultazione.process.services import phase_activate
from consultazione.voting.services import support_add
from tests.conftest import make_user, submit_contribution

ALL = {"home", "axis 3", "axis 2", "list", "detail A", "detail B", "meetings", "monitoring", "dashboard"}


def check(browser, world, *, stale: set[str], shows: dict[str, str] | None = None, hides: dict[str, str] | None = None):
    """`stale` pages are rendered again (a miss), every other page is still a hit; `shows`/`hides`
    are texts a page must now contain / no longer contain."""
    for name in sorted(ALL):
        response = browser.get(world.pages[name])
        expected = "miss" if name in stale else "hit"
        if response.status_code == 404 and name in stale:
            continue  # a page that is gone (hidden contribution) is neither served nor stored
        assert response.served == expected, f"{name}: {response.served or 'not cacheable'}, expected {expected}"
        if name in (shows or {}):
            assert (shows or {})[name] in response.text, f"{name} does not show the change"
        if name in (hides or {}):
            assert (hides or {})[name] not in response.text, f"{name} still shows what changed"


@pytest.fixture
def warm(browser, world):
    browser.warm(*world.pages.values())
    return browser


def test_published_contribution_reaches_list_axis_and_dashboard_only(warm, world, psm, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit_contribution(psm, make_user(), title="Navetta per il Forte di Fenestrelle", body="In estate.", axis=psm.axes[3])
    check(
        warm,
        world,
        stale={"list", "axis 3", "dashboard"},
        shows={"list": "Navetta per il Forte", "axis 3": "Navetta per il Forte"},
    )
    assert "3 contributi" in warm.get("/contributi/").text  # the cached count moved too


def test_hidden_contribution_leaves_every_page_that_showed_it(warm, world, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item_decide(actor=moderator, item=world.idea_a, action="hide", expected_state="published", reason_code="off_topic")
    check(
        warm,
        world,
        stale={"list", "axis 3", "detail A", "dashboard"},
        hides={"list": "Più corse serali", "axis 3": "Più corse serali"},
    )
    assert warm.get(world.pages["detail A"]).status_code == 404


def test_merged_contribution_points_to_the_kept_one(warm, world, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        contributions_merge(actor=moderator, target=world.idea_a, sources=[world.idea_b], reason_text="Stessa proposta")
    check(
        warm,
        world,
        stale={"list", "axis 3", "axis 2", "detail A", "detail B", "dashboard"},
        shows={"detail B": world.idea_a.reference},
        hides={"list": "Un parco lungo la Dora"},
    )


def test_new_comment_refreshes_its_contribution_not_the_others(warm, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(author=make_user(), contribution=world.idea_a, body="Anche il sabato, per favore.")
    check(warm, world, stale={"detail A", "list", "axis 3", "dashboard"}, shows={"detail A": "Anche il sabato, per favore."})


def test_new_support_refreshes_the_count(warm, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        support_add(user=make_user(), contribution=world.idea_b)
    check(warm, world, stale={"detail B", "list", "axis 2", "dashboard"}, shows={"detail B": "1 sostegno"})
    card = warm.get("/contributi/").text.split("Un parco lungo la Dora", 1)[1].split("</article>", 1)[0]
    assert "1 sostegno" in card  # the card's cached fragment was replaced, not only the page


def test_moderation_outcome_shows_on_the_contribution(warm, world, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outcome_record(
            actor=staff, contribution=world.idea_a, outcome="non_accolto", motivation="Già previsto dal contratto di servizio."
        )
    check(
        warm,
        world,
        # monitoring ("you said, we did") shows outcomes, and every axis page shows its monitoring
        stale={"detail A", "list", "axis 3", "axis 2", "dashboard", "monitoring"},
        shows={"detail A": "Già previsto dal contratto di servizio."},
    )


def test_cms_publish_refreshes_every_page(warm, world, staff, django_capture_on_commit_callbacks):
    from cms.models import HomePage

    home = HomePage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        home.hero_title = "La metropoli che vogliamo, scritta insieme"
        home.save_revision(user=staff).publish(user=staff)
    check(warm, world, stale=ALL, shows={"home": "La metropoli che vogliamo"})


def test_phase_change_refreshes_every_page(warm, world, psm, staff, django_capture_on_commit_callbacks):
    co_planning = Phase.objects.get(process=psm.process, kind="co_pianificazione")
    with django_capture_on_commit_callbacks(execute=True):
        phase_activate(actor=staff, process=psm.process, phase_id=co_planning.pk)
    check(warm, world, stale=ALL)
    home = warm.get("/")
    assert home.served == "hit"  # and cached again at once
    assert f"Fase in corso: {co_planning}" in home.text


def test_meeting_change_refreshes_the_meetings_pages_only(browser, world, psm, staff, django_capture_on_commit_callbacks):
    from consultazione.meetings.models import MeetingFormat, MeetingKind, RegistrationMode
    from consultazione.meetings.services import meeting_create

    starts = timezone.now() + timedelta(days=5)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_create(
            actor=staff,
            process=psm.process,
            title="Tavolo della zona ovest",
            kind=MeetingKind.PUBLIC_EVENT,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            capacity=None,
            agenda=[],
            tables=[],
            format=MeetingFormat.IN_PERSON,
            venue_comune=psm.comune("Pinerolo"),
            venue_name="Sala consiliare",
            registration_mode=RegistrationMode.OPEN,
            objectives="Ascoltare i comuni.",
        )
    world.pages["meeting"] = f"/incontri/{meeting.slug}/"
    browser.warm(*world.pages.values())
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(actor=staff, meeting=meeting, venue_name="Biblioteca civica")
    for name, url in world.pages.items():
        response = browser.get(url)
        expected = "miss" if name in ("meetings", "meeting", "dashboard") else "hit"
        assert response.served == expected, (name, response.served)
    assert "Biblioteca civica" in browser.get(world.pages["meeting"]).text


def test_a_change_during_rendering_is_not_stored_as_fresh(browser, world, monkeypatch):
    """The versions are read before the data: a commit that lands while a page renders makes the
    stored copy stale at once (the next request renders again)."""
    from consultazione.contributions.views import browse
    from consultazione.core import pagecache

    original = browse.contributions_public

    def commit_meanwhile(*args, **kwargs):
        pagecache.bump(pagecache.CONTRIBUTIONS)
        return original(*args, **kwargs)

    monkeypatch.setattr(browse, "contributions_public", commit_meanwhile)
    assert browser.get("/contributi/").served == "miss"
    monkeypatch.setattr(browse, "contributions_public", original)
    assert browser.get("/contributi/").served == "miss"
    assert browser.get("/contributi/").served == "hit"


def test_language_is_part_of_the_key(browser, world):
    italian = browser.get("/contributi/", **{"Accept-Language": "it"})
    english = browser.get("/contributi/", **{"Accept-Language": "en"})
    assert (italian.served, english.served) == ("miss", "miss")
    assert 'lang="it"' in italian.text and 'lang="en"' in english.text
    again = browser.get("/contributi/", **{"Accept-Language": "en"})
    assert again.served == "hit" and 'lang="en"' in again.text


def test_headers_let_a_cdn_keep_it_one_second_and_revalidate(browser, world):
    first = browser.get("/contributi/")
    second = browser.get("/contributi/")
    for response in (first, second):
        assert "s-maxage=1" in response["Cache-Control"] and "public" in response["Cache-Control"]
        assert {"cookie", "accept-language"} <= {v.strip().lower() for v in response["Vary"].split(",")}
    assert first["ETag"] == second["ETag"]
    not_modified = browser.get("/contributi/", **{"If-None-Match": second["ETag"]})
    assert not_modified.status_code == 304 and not not_modified.content


def test_signed_in_pages_share_the_fragments_and_see_changes(world, citizen, django_capture_on_commit_callbacks):
    """A signed-in person's pages are never cached whole, but they reuse the cards and filters
    rendered for everyone: those fragments follow the same versions."""
    from django.test import Client

    person = Client()
    person.force_login(citizen)
    assert "0 sostegni" in person.get("/contributi/").content.decode().split("Un parco lungo la Dora", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        support_add(user=make_user(), contribution=world.idea_b)
    card = person.get("/contributi/").content.decode().split("Un parco lungo la Dora", 1)[1].split("</article>", 1)[0]
    assert "1 sostegno" in card


def test_a_deploy_renders_every_page_again(warm, world):
    """migrate runs at every deploy; its post_migrate hook retires pages of the old templates."""
    from django.apps import apps
    from django.db.models.signals import post_migrate

    post_migrate.send(sender=apps.get_app_config("core"), app_config=apps.get_app_config("core"), verbosity=0,
                      interactive=False, using="default", apps=apps, plan=[])  # fmt: skip
    check(warm, world, stale=ALL)


def test_a_blocked_account_leaves_every_page_and_comes_back_when_unblocked(
    warm, world, psm, staff, django_capture_on_commit_callbacks
):
    """Blocking an account hides what it wrote everywhere (lists, counts, other people's pages
    where it commented); unblocking brings it back — on the next request."""
    from consultazione.moderation.services.users import user_block, user_unblock

    with django_capture_on_commit_callbacks(execute=True):
        comment_create(author=world.author, contribution=world.idea_b, body="Con un percorso ciclabile continuo.")
    assert "Con un percorso ciclabile continuo." in warm.get(world.pages["detail B"]).text
    with django_capture_on_commit_callbacks(execute=True):
        user_block(actor=staff, user=world.author, reason="Messaggi offensivi ripetuti.")
    check(
        warm,
        world,
        stale=ALL,
        hides={"list": "Più corse serali verso Ivrea", "detail B": "Con un percorso ciclabile continuo."},
    )
    assert "1 contributo" in warm.get("/contributi/").text  # the cached count too
    with django_capture_on_commit_callbacks(execute=True):
        user_unblock(actor=staff, user=world.author, reason="Chiarito con l'autrice.")
    check(
        warm,
        world,
        stale=ALL,
        shows={"list": "Più corse serali verso Ivrea", "detail B": "Con un percorso ciclabile continuo."},
    )
