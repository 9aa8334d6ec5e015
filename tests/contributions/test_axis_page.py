from django.db import connection

from consultazione.contributions.models import Contribution


def _get(client, url):
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200
    assert queries
    return response.content.decode(), len(queries)


def test_axis_page_shows_latest_and_most_supported(client, submit, citizen, open_psm):
    supported = submit(citizen, title="Treni ogni quarto d'ora verso Pinerolo")
    Contribution.objects.filter(pk=supported.pk).update(support_count=7)
    elsewhere = submit(citizen, title="Un contributo di un altro asse", axis=open_psm.axes[1])
    _get(client, "/piano/asse-3/")  # warm the site-root cache
    html, few = _get(client, "/piano/asse-3/")
    assert "Contributi su questo asse" in html
    assert supported.title.replace("'", "&#x27;") in html
    assert elsewhere.title not in html
    for n in range(6):
        submit(citizen, title=f"Altro contributo sulla mobilità numero {n}")
    _html, many = _get(client, "/piano/asse-3/")
    assert few == many


def test_axis_page_submit_link_names_the_axis(client, open_psm):
    """Issue 16 item 9a: "Invia un contributo" on an axis page opens the form on that axis."""
    html, _n = _get(client, "/piano/asse-3/")
    assert f'href="/contributi/nuovo/?axis={open_psm.axes[3].pk}"' in html
